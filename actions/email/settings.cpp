#include "settings.hpp"

#include "address.hpp"

#include <Poco/Environment.h>

#include <stdexcept>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

std::string string_or(const json::object& o, std::string_view key, std::string fallback) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : fallback;
}

std::int64_t integer_or(const json::object& o, std::string_view key, std::int64_t fallback) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : fallback;
}

}  // namespace

std::string fallback_sender(const std::optional<smtp_endpoint>& smtp, std::string_view host_name) {
  if (smtp && parse_mailbox(smtp->username, "from").ok()) return smtp->username;
  const std::string on_host = "hookflow@" + std::string(host_name);
  return parse_mailbox(on_host, "from").ok() ? on_host : "hookflow@localhost";  // a dotless name fails
}

sdk::result<email_settings> load_settings(const json::object& settings, const std::string& engine_data_dir,
                                          const char* env_smtp_url) {
  email_settings out;
  out.default_from = string_or(settings, "from", "");
  out.ca_file = string_or(settings, "ca_file", "");
  out.connect_timeout = std::chrono::milliseconds(integer_or(settings, "connect_timeout_ms", 10000));
  out.timeout = std::chrono::milliseconds(integer_or(settings, "timeout_ms", 30000));
  out.pool_size = static_cast<std::size_t>(integer_or(settings, "pool_size", 4));
  out.max_message_bytes = static_cast<std::size_t>(
      integer_or(settings, "max_message_bytes", static_cast<std::int64_t>(default_max_message_bytes)));
  out.outbox_dir = std::filesystem::path(engine_data_dir.empty() ? "." : engine_data_dir) / "outbox";
  // A present but empty smtp_url forces the outbox even when the variable is set.
  auto url = string_or(settings, "smtp_url", env_smtp_url ? env_smtp_url : "");
  if (!url.empty()) {
    try {
      out.smtp = parse_smtp_url(url);
    } catch (const std::invalid_argument& e) {
      return sdk::invalid_argument(e.what());
    }
    if (out.smtp->timeout) out.timeout = *out.smtp->timeout;
  }
  if (out.default_from.empty()) out.default_from = fallback_sender(out.smtp, Poco::Environment::nodeName());
  return out;
}

}  // namespace hookflow::actions::email
