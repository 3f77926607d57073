#pragma once
// What a response becomes: the step's output, or the error its status stands for.

#include "call.hpp"
#include "client.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

namespace hookflow::plugins::http_request {

/// {"status": 200, "headers": {...}, "body": ...}. Header names are lowercased; a header
/// received more than once has its values joined with ", ". The body is parsed JSON when the
/// content type is application/json or application/<anything>+json and the body parses;
/// otherwise it is the text as received ("" when empty).
boost::json::object to_output(const http_response& response);

/// ok when the status is in `call.expect_status` (or is 2xx when that is empty). Otherwise:
/// 5xx and 429 → unavailable (retryable); anything else → not retryable (401/403
/// unauthenticated, 404 not_found, others invalid_argument). The message carries the status
/// and the start of the body (control characters replaced), e.g.
///   POST https://api.example.com/items: HTTP 422: {"error":"name is required"}
sdk::status check_status(const http_call& call, const http_response& response);

}  // namespace hookflow::plugins::http_request
