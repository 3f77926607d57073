#include "request_gate.hpp"

#include "client_address.hpp"
#include "request_builder.hpp"
#include "text.hpp"

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

reply basic_challenge() {
  reply r = make_reply(401, "unauthorized", "auth");
  r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"hookflow\"");
  return r;
}

std::optional<std::string> presented_token(const request_head& head) {
  for (auto& [key, value] : split_form(head.query()))
    if (key == "authtoken") return value;
  auto header = head.header("authorization");
  if (header && iequals(std::string_view(*header).substr(0, 7), "bearer ")) return header->substr(7);
  return std::nullopt;
}

}  // namespace

reply make_reply(unsigned status, std::string_view error, std::string rejection) {
  reply r;
  r.status = status;
  r.body["error"] = error;
  r.rejection = std::move(rejection);
  return r;
}

reply not_found_reply() {
  return make_reply(404, "not found", "not_found");
}

std::string hook_id_of(std::string_view path) {
  constexpr std::string_view prefix = "/run/";
  if (path.substr(0, prefix.size()) != prefix) return {};
  path.remove_prefix(prefix.size());
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty() || path.find('/') != std::string_view::npos) return {};
  return std::string(path);
}

head_verdict request_gate::check_head(const request_head& head) const {
  head_verdict v;
  std::string id = hook_id_of(head.path());
  auto entry = id.empty() ? nullptr : table_.by_hook(id);
  if (!entry || !entry->record.enabled) {
    v.refusal = not_found_reply();
    return v;
  }
  v.entry = std::move(entry);
  const hook_entry& e = *v.entry;
  if (!e.config.allows_method(head.method)) {
    v.refusal = make_reply(405, "method not allowed", "method");
    v.refusal->headers.emplace_back("Allow", e.config.allow_header());
    return v;
  }
  if (!e.config.allow_ips.empty() &&
      !e.config.allow_ips.allows(client_address(head.peer_address, head.header("x-forwarded-for"), trusted_proxies_))) {
    v.refusal = make_reply(403, "forbidden", "ip");
    return v;
  }
  v.refusal = check_auth(e, head, v);
  return v;
}

std::optional<reply> request_gate::check_auth(const hook_entry& entry, const request_head& head,
                                              head_verdict& verdict) const {
  const hook_record& r = entry.record;
  switch (r.auth) {
    case auth_kind::none:
    case auth_kind::signature:  // needs the body: checked in check_body
      return std::nullopt;
    case auth_kind::token: {
      auto token = presented_token(head);
      if (token && token_matches(r.token_sha256, *token)) return std::nullopt;
      return make_reply(401, "unauthorized", "auth");
    }
    case auth_kind::basic: {
      auto header = head.header("authorization");
      auto creds = header ? parse_basic_authorization(*header) : std::nullopt;
      if (!creds || r.basic_password.hash.empty()) return basic_challenge();
      if (!passwords_.verified_before(r, *creds)) verdict.password_to_check = std::move(creds);
      return std::nullopt;
    }
  }
  return make_reply(401, "unauthorized", "auth");
}

std::optional<reply> request_gate::check_password(const hook_entry& entry, const basic_credentials& presented) const {
  if (passwords_.verify(entry.record, presented)) return std::nullopt;
  return basic_challenge();
}

std::variant<reply, dispatch> request_gate::check_body(const hook_entry& entry, const request_head& head,
                                                       std::string_view body) const {
  const auto& sig = entry.config.signature;
  if (sig && entry.record.auth == auth_kind::signature) {
    if (entry.signing_key.empty()) return make_reply(401, "invalid signature", "signature");
    auto verdict = verify_signature(*sig, entry.signing_key, head, body, services_.now());
    if (!verdict) {
      services_.log(sdk::log_level::info, "webhook signature refused",
                    {{"workflow", entry.workflow_id}, {"reason", verdict.message()}});
      return make_reply(401, "invalid signature", "signature");
    }
  }
  auto data = build_request(head, body, entry.config.hidden_headers);
  if (!data) return make_reply(400, data.error().message(), "malformed_body");
  dispatch d;
  d.request.workflow_id = entry.workflow_id;
  d.request.trigger_data = std::move(data).value();
  if (!entry.config.dedup_header.empty()) d.request.dedup_key = head.header(entry.config.dedup_header).value_or("");
  d.respond = entry.config.respond;
  d.respond_timeout = entry.config.respond_timeout;
  return d;
}

}  // namespace hookflow::triggers::webhook
