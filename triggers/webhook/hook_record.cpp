#include "hook_record.hpp"

#include "crypto.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace hookflow::triggers::webhook {

namespace json = boost::json;

const char* to_string(auth_kind kind) noexcept {
  switch (kind) {
    case auth_kind::none: return "none";
    case auth_kind::basic: return "basic";
    case auth_kind::token: return "token";
    case auth_kind::signature: return "signature";
  }
  return "none";
}

std::optional<auth_kind> parse_auth_kind(std::string_view text) {
  for (auth_kind k : {auth_kind::none, auth_kind::basic, auth_kind::token, auth_kind::signature})
    if (text == to_string(k)) return k;
  return std::nullopt;
}

std::string new_hook_id() {
  return to_base64url(random_bytes(18));
}

std::string serialize(const hook_record& r) {
  json::object o;
  o["id"] = r.hook_id;
  o["enabled"] = r.enabled;
  o["auth"] = to_string(r.auth);
  o["configured_auth"] = r.configured_auth;
  o["token_sha256"] = to_base64(r.token_sha256);
  o["basic_username"] = r.basic_username;
  o["basic_salt"] = to_base64(r.basic_password.salt);
  o["basic_hash"] = to_base64(r.basic_password.hash);
  o["basic_iterations"] = r.basic_password.iterations;
  return json::serialize(o);
}

std::optional<hook_record> parse_hook_record(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.get_object();
  auto str = [&](std::string_view key) -> std::optional<std::string> {
    auto* p = o.if_contains(key);
    if (!p || !p->is_string()) return std::nullopt;
    return std::string(p->get_string());
  };
  hook_record r;
  auto id = str("id");
  auto auth = parse_auth_kind(str("auth").value_or(""));
  auto token = from_base64(str("token_sha256").value_or(""));
  auto salt = from_base64(str("basic_salt").value_or(""));
  auto hash = from_base64(str("basic_hash").value_or(""));
  auto* enabled = o.if_contains("enabled");
  auto* iterations = o.if_contains("basic_iterations");
  if (!id || id->empty() || !auth || !token || !salt || !hash || !enabled || !enabled->is_bool() || !iterations ||
      !iterations->is_int64())
    return std::nullopt;
  r.hook_id = *id;
  r.enabled = enabled->get_bool();
  r.auth = *auth;
  r.configured_auth = str("configured_auth").value_or("");
  r.token_sha256 = *token;
  r.basic_username = str("basic_username").value_or("");
  r.basic_password = {*salt, *hash, static_cast<int>(iterations->get_int64())};
  return r;
}

}  // namespace hookflow::triggers::webhook
