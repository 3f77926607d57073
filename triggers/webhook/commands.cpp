// The webhook trigger's commands. Result keys are a public contract (see docs/webhook.md).
#include "webhook_trigger.hpp"

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

sdk::result<std::string> string_arg(const json::object& args, std::string_view key) {
  auto* v = args.if_contains(key);
  if (!v || !v->is_string() || v->get_string().empty())
    return sdk::invalid_argument("/" + std::string(key) + ": a non-empty string is required");
  return std::string(v->get_string());
}

}  // namespace

std::vector<sdk::command_info> webhook_trigger::commands() const {
  return {
      {"generate-token",
       "New auth token (the old one stops working); switches auth to token, forgetting a basic-auth "
       "password. Result: {token, url}"},
      {"reset-url", "New hook id; the old URL answers 404. Result: {url}"},
      {"set-basic-auth", "Args {username, password}; switches auth to basic, forgetting a token. Result: {auth}"},
      {"clear-auth", "Removes auth and stored secrets. Result: {auth}"},
      {"enable", "Starts accepting calls. Result: {enabled}"},
      {"disable", "Answers 404 to every call. Result: {enabled}"},
  };
}

sdk::result<json::object> webhook_trigger::command(const std::string& workflow_id, const std::string& name,
                                                   const json::object& args) {
  auto entry = table_.by_workflow(workflow_id);
  if (!entry) return sdk::not_found("workflow " + workflow_id + " is not bound to the webhook trigger");
  if (name == "generate-token") return generate_token(*entry);
  if (name == "reset-url") return reset_url(*entry);
  if (name == "set-basic-auth") return set_basic_auth(*entry, args);
  if (name == "clear-auth") return clear_auth(*entry);
  if (name == "enable") return set_enabled(*entry, true);
  if (name == "disable") return set_enabled(*entry, false);
  std::string known;
  for (const auto& c : commands()) known += (known.empty() ? "" : ", ") + c.name;
  return sdk::not_found("unknown command \"" + name + "\" (known: " + known + ")");
}

sdk::result<json::object> webhook_trigger::generate_token(const hook_entry& entry) {
  std::string token = new_token();
  hook_record r = entry.record;
  r.token_sha256 = token_digest(token);
  r.basic_username.clear();  // one kind of auth at a time: no stale secret stays stored
  r.basic_password = {};
  r.auth = auth_kind::token;
  if (auto s = save(entry, r); !s) return s;
  return json::object{{"token", token}, {"url", hook_url(r) + "?authtoken=" + token}};
}

sdk::result<json::object> webhook_trigger::reset_url(const hook_entry& entry) {
  hook_record r = entry.record;
  r.hook_id = new_hook_id();
  if (auto s = save(entry, r); !s) return s;
  return json::object{{"url", hook_url(r)}};
}

sdk::result<json::object> webhook_trigger::set_basic_auth(const hook_entry& entry, const json::object& args) {
  auto username = string_arg(args, "username");
  if (!username) return username.error();
  auto password = string_arg(args, "password");
  if (!password) return password.error();
  if (username->find(':') != std::string::npos)
    return sdk::invalid_argument("/username: must not contain ':' (HTTP Basic auth)");
  hook_record r = entry.record;
  r.basic_username = *username;
  r.basic_password = hash_password(*password, settings_.pbkdf2_iterations);
  r.token_sha256.clear();
  r.auth = auth_kind::basic;
  if (auto s = save(entry, r); !s) return s;
  return json::object{{"auth", "basic"}};
}

sdk::result<json::object> webhook_trigger::clear_auth(const hook_entry& entry) {
  hook_record r = entry.record;
  r.auth = auth_kind::none;
  r.token_sha256.clear();
  r.basic_username.clear();
  r.basic_password = {};
  if (auto s = save(entry, r); !s) return s;
  return json::object{{"auth", "none"}};
}

sdk::result<json::object> webhook_trigger::set_enabled(const hook_entry& entry, bool enabled) {
  hook_record r = entry.record;
  r.enabled = enabled;
  if (auto s = save(entry, r); !s) return s;
  return json::object{{"enabled", enabled}};
}

}  // namespace hookflow::triggers::webhook
