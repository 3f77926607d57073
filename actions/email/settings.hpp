#pragma once
// The plugin settings (`plugins.email` of the engine config) in typed form.

#include "smtp_url.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hookflow::actions::email {

/// 64 MiB: a text or JSON body of the webhook's largest size (32 MiB by default) mailed as
/// `{{$request}}` grows by at most a third once encoded (compose.cpp picks base64 for text that
/// quoted-printable would triple), so such a request is not refused here for its size.
inline constexpr std::size_t default_max_message_bytes = 64 * 1024 * 1024;

struct email_settings {
  std::optional<smtp_endpoint> smtp;  // empty: outbox mode
  std::string default_from;           // the `from` setting, else fallback_sender()
  std::string ca_file;                // extra trusted CA (PEM), may be empty
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};  // per reply; the URL's timeout_ms wins
  std::size_t pool_size = 4;
  std::size_t max_message_bytes = default_max_message_bytes;
  std::filesystem::path outbox_dir;  // <engine data_dir>/outbox
};

/// The sender of steps without `from` when the plugin has no `from` setting either: the SMTP
/// user name when it is a mail address (providers take mail from the account that logs in),
/// else `hookflow@<host_name>` when the host name is a domain (it has a dot), else
/// `hookflow@localhost`.
std::string fallback_sender(const std::optional<smtp_endpoint>& smtp, std::string_view host_name);

/// Reads validated settings (defaults filled in by the host). `smtp_url` wins over
/// `env_smtp_url` (the HOOKFLOW_SMTP_URL variable, null if unset); with neither (or both
/// empty) the plugin runs in outbox mode, writing to `<engine_data_dir>/outbox`.
/// Errors: `invalid_argument` for a malformed URL (the message never holds credentials).
sdk::result<email_settings> load_settings(const boost::json::object& settings, const std::string& engine_data_dir,
                                          const char* env_smtp_url);

}  // namespace hookflow::actions::email
