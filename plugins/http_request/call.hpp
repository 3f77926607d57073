#pragma once
// One HTTP call as a step describes it, checked and ready for the client.

#include "target.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hookflow::plugins::http_request {

struct http_call {
  std::string method;  // one of GET POST PUT PATCH DELETE HEAD
  target where;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  std::chrono::milliseconds timeout{10'000};
  std::vector<int> expect_status;  // empty: any 2xx
};

/// Reads a step config validated against action_fields() and rendered by the engine.
/// Checks again what the engine checks for header-kind fields (the SDK test harness does not
/// render): the URL and header values must not contain CR, LF or other control characters.
/// Errors (invalid_argument, not retryable): a bad URL, a header name that is not an HTTP
/// token, a header value that is not a string or has a control character, a `content-length`
/// or `transfer-encoding` header (the client frames the body itself), an `expect_status` that
/// is not a non-empty list of integers 100-599.
sdk::result<http_call> read_call(const boost::json::object& config);

}  // namespace hookflow::plugins::http_request
