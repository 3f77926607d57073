#include "binding_config.hpp"

#include "text.hpp"

#include <algorithm>

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

std::vector<std::string> strings_of(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& item : v.as_array()) out.emplace_back(item.as_string());
  return out;
}

sdk::result<signature_config> parse_signature(const json::value& v) {
  if (!v.is_object()) return sdk::invalid_argument("/signature: expected an object");
  const auto& o = v.get_object();
  for (const auto& [key, _] : o)
    if (key != "scheme" && key != "secret_env" && key != "header" && key != "tolerance_s")
      return sdk::invalid_argument("/signature/" + std::string(key) +
                                   ": unknown key (known keys: scheme, secret_env, header, tolerance_s)");
  signature_config c;
  auto* scheme = o.if_contains("scheme");
  auto parsed = scheme && scheme->is_string() ? parse_signature_scheme(scheme->get_string()) : std::nullopt;
  if (!parsed)
    return sdk::invalid_argument(
        "/signature/scheme: must be one of \"standard-webhooks\", \"github\", \"stripe\", \"hmac-sha256\"");
  c.scheme = *parsed;
  auto* env = o.if_contains("secret_env");
  if (!env || !env->is_string() || env->get_string().empty())
    return sdk::invalid_argument("/signature/secret_env: required: the environment variable holding the secret");
  c.secret_env = env->get_string();
  if (auto* header = o.if_contains("header"); header && header->is_string())
    c.header = ascii_lower(header->get_string());
  if (c.scheme == signature_scheme::hmac_sha256 && c.header.empty())
    return sdk::invalid_argument("/signature/header: required for the hmac-sha256 scheme");
  if (auto* tol = o.if_contains("tolerance_s")) {
    if (!tol->is_int64() || tol->get_int64() < 0)
      return sdk::invalid_argument("/signature/tolerance_s: expected a non-negative integer");
    c.tolerance = std::chrono::seconds(tol->get_int64());
  }
  return c;
}

}  // namespace

bool binding_config::allows_method(std::string_view method) const {
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

std::string binding_config::allow_header() const {
  std::string out;
  for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

sdk::config_schema binding_schema() {
  using sdk::field_type;
  sdk::config_field methods{.name = "methods",
                            .type = field_type::string_list,
                            .description = "HTTP methods that start a run",
                            .default_value = json::array{"POST", "GET"}};
  methods.allowed = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
  sdk::config_field respond{.name = "respond",
                            .type = field_type::string,
                            .description = "\"accepted\": answer 202 at once; \"result\": wait for the run",
                            .default_value = "accepted"};
  respond.allowed = {"accepted", "result"};
  sdk::config_field timeout{.name = "respond_timeout_ms",
                            .type = field_type::integer,
                            .description = "With respond=result, longest wait before answering 202",
                            .default_value = 10000};
  timeout.min = 0;
  timeout.max = 600000;
  sdk::config_field auth{.name = "auth",
                         .type = field_type::string,
                         .description = "Auth of a new hook, or the new auth when this value changes",
                         .default_value = "none"};
  auth.allowed = {"none", "basic", "token", "signature"};
  return {
      methods,
      respond,
      timeout,
      auth,
      {.name = "signature",
       .type = field_type::object,
       .description = "{scheme: standard-webhooks|github|stripe|hmac-sha256, secret_env, header, tolerance_s}"},
      {.name = "dedup_header",
       .type = field_type::string,
       .description = "Header holding a delivery id; a repeat returns the first run id"},
      {.name = "allow_ips",
       .type = field_type::string_list,
       .description = "CIDR blocks allowed to call (default: all)",
       .default_value = json::array{}},
      {.name = "hide_headers",
       .type = field_type::string_list,
       .description = "Headers kept out of $request and run history, e.g. [\"Cookie\", \"X-Api-Key\"]",
       .default_value = json::array{}},
  };
}

sdk::result<binding_config> parse_binding(const json::object& v) {
  binding_config c;
  if (auto* m = v.if_contains("methods")) c.methods = strings_of(*m);
  if (auto* r = v.if_contains("respond"); r && r->as_string() == "result") c.respond = respond_mode::result;
  if (auto* t = v.if_contains("respond_timeout_ms")) c.respond_timeout = std::chrono::milliseconds(t->as_int64());
  if (auto* a = v.if_contains("auth")) c.auth = parse_auth_kind(a->as_string()).value_or(auth_kind::none);
  if (auto* s = v.if_contains("signature")) {
    auto sig = parse_signature(*s);
    if (!sig) return sig.error();
    c.signature = std::move(sig).value();
  }
  if (c.auth == auth_kind::signature && !c.signature)
    return sdk::invalid_argument("/signature: required when auth is \"signature\"");
  if (auto* d = v.if_contains("dedup_header")) c.dedup_header = ascii_lower(d->as_string());
  if (auto* ips = v.if_contains("allow_ips")) {
    auto filter = ip_filter::parse(strings_of(*ips));
    if (!filter) return sdk::invalid_argument("/allow_ips: " + filter.error().message());
    c.allow_ips = std::move(filter).value();
  }
  if (auto* hide = v.if_contains("hide_headers")) {
    for (const auto& name : strings_of(*hide)) {
      if (name.empty() || name.find_first_of(" \t\r\n:") != std::string::npos)
        return sdk::invalid_argument("/hide_headers/" + std::to_string(c.hidden_headers.size()) +
                                     ": not a header name: \"" + name + "\"");
      c.hidden_headers.push_back(ascii_lower(name));
    }
  }
  if (c.signature)
    for (auto& name : signature_headers(*c.signature)) c.hidden_headers.push_back(std::move(name));
  return c;
}

}  // namespace hookflow::triggers::webhook
