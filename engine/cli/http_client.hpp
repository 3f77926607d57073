#pragma once
// A minimal blocking HTTP/1.1 client (Boost.Beast) for the CLI and the tests: one connection
// per request, plain http:// only (the admin API listens on loopback).

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace hookflow::engine::cli {

struct http_response {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lowercased
};

/// Thrown when the server cannot be reached or the exchange fails.
struct http_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `base_url` is "http://host:port"; `target` starts with '/'.
http_response http_request(const std::string& base_url, const std::string& method, const std::string& target,
                           const std::string& body = {}, const std::map<std::string, std::string>& headers = {},
                           std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace hookflow::engine::cli
