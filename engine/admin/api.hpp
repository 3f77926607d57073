#pragma once
// The admin REST API (/api/v1, /healthz, /readyz, /metrics), independent of HTTP plumbing:
// the server hands each request over as an `api_request` and writes back the `api_response`.
//
// Threads: `handle` is thread-safe (it calls the engine, which serializes changes).
// Errors: every failure is a JSON body {"error": "..."} (plus "errors": [{path, message}] for
// invalid definitions) with a matching status code; nothing is changed half-way.

#include <boost/json/value.hpp>

#include <map>
#include <string>

namespace hookflow::engine::host {
class engine;
}

namespace hookflow::engine::admin {

struct api_request {
  std::string method;  // "GET", "PUT", ...
  std::string path;    // path as sent (percent-encoded), without the query
  std::map<std::string, std::string> query;
  std::string authorization;  // the Authorization header, as sent
  std::string body;
};

struct api_response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

class api {
 public:
  /// `token` is the bearer token every /api/v1 and /metrics request must present.
  api(host::engine& engine, std::string token) : engine_(engine), token_(std::move(token)) {}

  api_response handle(const api_request& request);

 private:
  bool authorized(const std::string& authorization) const;
  api_response route(const api_request& request);
  api_response workflows(const api_request& request, const std::string& id, const std::string& rest);
  api_response create_workflow(const api_request& request);
  api_response put_workflow(const api_request& request, const std::string& id);
  api_response trigger_route(const api_request& request, const std::string& id, const std::string& rest);
  api_response runs(const api_request& request, const std::string& id, const std::string& rest);
  api_response plugins();
  api_response metrics();

  host::engine& engine_;
  std::string token_;
};

/// Splits a request target into its path (kept encoded) and its decoded query parameters.
/// Returns false on a malformed percent escape.
bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace hookflow::engine::admin
