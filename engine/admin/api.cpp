#include "api.hpp"

#include "responses.hpp"

#include "../host/engine.hpp"

#include <openssl/crypto.h>

namespace hookflow::engine::admin {
namespace json = boost::json;
namespace sdk = hookflow::sdk;
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (plus_is_space && in[i] == '+') {
      out += ' ';
    } else {
      out += in[i];
    }
  }
  return true;
}

}  // namespace

bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
  auto q = target.find('?');
  path = std::string(target.substr(0, q));  // segments are decoded one by one when routing
  std::string ignored;
  if (!decode(path, ignored, false)) return false;
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    std::string key, value;
    if (!decode(pair.substr(0, eq), key, true)) return false;
    if (eq != std::string_view::npos && !decode(pair.substr(eq + 1), value, true)) return false;
    if (!key.empty()) query[key] = value;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return true;
}

int http_status(sdk::status_code code) {
  switch (code) {
    case sdk::status_code::ok: return 200;
    case sdk::status_code::invalid_argument: return 400;
    case sdk::status_code::not_found: return 404;
    case sdk::status_code::unauthenticated: return 401;
    case sdk::status_code::resource_exhausted: return 429;
    case sdk::status_code::failed_precondition: return 409;
    case sdk::status_code::unavailable:
    case sdk::status_code::deadline_exceeded: return 503;
    case sdk::status_code::internal: return 500;
  }
  return 500;
}

bool api::authorized(const std::string& authorization) const {
  static constexpr std::string_view prefix = "Bearer ";
  if (authorization.size() != prefix.size() + token_.size() || !authorization.starts_with(prefix)) return false;
  return CRYPTO_memcmp(authorization.data() + prefix.size(), token_.data(), token_.size()) == 0;
}

api_response api::handle(const api_request& request) {
  try {
    return route(request);
  } catch (const std::exception& e) {
    engine_.log().error("admin request failed", {{"path", request.path}, {"error", e.what()}});
    return error_response(500, "internal error");
  }
}

api_response api::route(const api_request& r) {
  if (r.path == "/healthz") return json_response(200, json::object{{"status", "ok"}});
  if (r.path == "/readyz") {
    if (engine_.components().plugins().empty())
      return json_response(503, json::object{{"status", "no plugins loaded"}});
    if (auto st = engine_.storage().health(); !st.ok())
      return json_response(503, json::object{{"status", "the store accepts no more writes: " + st.message()}});
    return json_response(200, json::object{{"status", "ready"}});
  }
  if (!authorized(r.authorization)) {
    auto resp = error_response(401, "missing or wrong bearer token (see <data_dir>/admin.token)");
    resp.headers["WWW-Authenticate"] = "Bearer realm=\"hookflow\"";
    return resp;
  }
  if (r.path == "/metrics") return r.method == "GET" ? metrics() : error_response(405, "use GET");
  static constexpr std::string_view base = "/api/v1/";
  if (!r.path.starts_with(base)) return error_response(404, "no such route: " + r.path);
  std::string_view rest = std::string_view(r.path).substr(base.size());
  auto slash = rest.find('/');
  std::string collection(rest.substr(0, slash));
  std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  auto slash2 = tail.find('/');
  // "%2F" inside an id must not split it: decode each segment after splitting.
  std::string id, more;
  decode(tail.substr(0, slash2), id, false);
  decode(slash2 == std::string_view::npos ? std::string_view() : tail.substr(slash2 + 1), more, false);
  if (collection == "plugins" && tail.empty()) return r.method == "GET" ? plugins() : error_response(405, "use GET");
  if (collection == "workflows") return workflows(r, id, more);
  if (collection == "runs") return runs(r, id, more);
  return error_response(404, "no such route: " + r.path);
}

api_response api::plugins() {
  json::array plugins, refused;
  for (const auto& p : engine_.components().plugins()) {
    json::array components;
    for (const auto& t : p->triggers) components.push_back(json::object{{"kind", "trigger"}, {"type", t.type}});
    for (const auto& a : p->actions) components.push_back(json::object{{"kind", "action"}, {"type", a.type}});
    plugins.push_back(json::object{{"name", p->info.name},
                                   {"version", p->info.version},
                                   {"sdk", std::to_string(p->info.abi_major) + "." + std::to_string(p->info.abi_minor)},
                                   {"description", p->info.description},
                                   {"path", p->info.path},
                                   {"components", std::move(components)}});
  }
  for (const auto& d : engine_.diagnostics())
    refused.push_back(json::object{{"path", d.path}, {"stage", d.stage}, {"reason", d.reason}});
  return json_response(200, json::object{{"plugins", std::move(plugins)}, {"diagnostics", std::move(refused)}});
}

api_response api::metrics() {
  engine_.metrics().set_gauge("run_queue_depth", {}, static_cast<double>(engine_.runs().depth()));
  api_response r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = engine_.metrics().render();
  return r;
}

}  // namespace hookflow::engine::admin
