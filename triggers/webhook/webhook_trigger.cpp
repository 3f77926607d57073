#include "webhook_trigger.hpp"

#include "http_server.hpp"

#include <cstdlib>

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

// The secret is read from the environment at bind time and kept only as the derived key.
sdk::result<std::string> load_signing_key(const binding_config& config, auth_kind auth) {
  if (!config.signature) return std::string();
  const char* secret = std::getenv(config.signature->secret_env.c_str());
  if (!secret || !*secret) {
    if (auth != auth_kind::signature) return std::string();
    return sdk::invalid_argument("/signature/secret_env: environment variable " + config.signature->secret_env +
                                 " is not set");
  }
  auto key = signing_key(*config.signature, secret);
  if (!key) return sdk::invalid_argument("/signature/secret_env: " + key.error().message());
  return key;
}

}  // namespace

webhook_trigger::webhook_trigger(server_settings settings, sdk::host_services& services)
    : settings_(std::move(settings)),
      services_(services),
      gate_(table_, passwords_, services_, settings_.trusted_proxies),
      server_(std::make_unique<http_server>(settings_, gate_, services_)) {}

webhook_trigger::~webhook_trigger() = default;

sdk::status webhook_trigger::start() {
  if (auto s = server_->start(); !s) return s;
  const bool tls = !settings_.tls_cert_file.empty();
  base_url_ = settings_.public_url.empty() ? default_public_url(server_->bound_host(), server_->bound_port(), tls)
                                           : settings_.public_url;
  std::string host = server_->bound_host();
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  services_.log(sdk::log_level::info, "webhook listening",
                {{"url", base_url_}, {"listen", host + ":" + std::to_string(server_->bound_port())}});
  const std::string& bound = server_->bound_host();
  if (settings_.public_url.empty() && (bound == "0.0.0.0" || bound == "::"))
    services_.log(sdk::log_level::info,
                  "webhook public_url is not set: hook URLs name this machine's loopback address; set "
                  "plugins.webhook.public_url to the address clients use",
                  {{"url", base_url_}});
  return {};
}

void webhook_trigger::stop() {
  server_->stop();
}

std::uint16_t webhook_trigger::port() const noexcept {
  return server_->bound_port();
}

std::string webhook_trigger::hook_url(const hook_record& record) const {
  return base_url_ + "/run/" + record.hook_id;
}

sdk::result<hook_record> webhook_trigger::load_record(const std::string& workflow_id, const binding_config& config) {
  auto stored = services_.state_get(workflow_id, std::string(hook_record_key));
  if (!stored) return stored.error();
  std::optional<hook_record> record;
  if (stored.value()) {
    record = parse_hook_record(**stored);
    if (!record)
      services_.log(sdk::log_level::warn, "webhook state unreadable; issuing a new hook", {{"workflow", workflow_id}});
  }
  if (!record) {
    record.emplace();
    record->hook_id = new_hook_id();
  }
  const std::string configured = to_string(config.auth);
  if (record->configured_auth != configured) {
    record->auth = config.auth;
    record->configured_auth = configured;
  }
  return *record;
}

sdk::status webhook_trigger::bind(const sdk::binding& b) {
  auto config = parse_binding(b.config);
  if (!config) return config.error();
  auto record = load_record(b.workflow_id, *config);
  if (!record) return record.error();
  if (record->auth == auth_kind::signature && !config->signature)
    return sdk::invalid_argument("/signature: required while the hook's auth is \"signature\"");
  auto key = load_signing_key(*config, record->auth);
  if (!key) return key.error();
  hook_entry entry{b.workflow_id, std::move(config).value(), {}, std::move(key).value()};
  return save(entry, std::move(record).value());
}

void webhook_trigger::unbind(const std::string& workflow_id) {
  table_.erase(workflow_id);
}

sdk::status webhook_trigger::save(const hook_entry& entry, hook_record record) {
  if (auto s = services_.state_put(entry.workflow_id, std::string(hook_record_key), serialize(record)); !s) return s;
  auto updated = std::make_shared<hook_entry>(entry);
  updated->record = std::move(record);
  table_.put(std::move(updated));
  return {};
}

sdk::result<json::object> webhook_trigger::describe(const std::string& workflow_id) {
  auto entry = table_.by_workflow(workflow_id);
  if (!entry) return sdk::not_found("workflow " + workflow_id + " is not bound to the webhook trigger");
  return json::object{
      {"url", hook_url(entry->record)}, {"enabled", entry->record.enabled}, {"auth", to_string(entry->record.auth)}};
}

}  // namespace hookflow::triggers::webhook
