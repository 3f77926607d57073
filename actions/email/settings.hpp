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

namespace hookflow::actions::email {

struct email_settings {
  std::optional<smtp_endpoint> smtp;  // empty: outbox mode
  std::string default_from;           // may be empty
  std::string ca_file;                // extra trusted CA (PEM), may be empty
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};  // per reply; the URL's timeout_ms wins
  std::size_t pool_size = 4;
  std::size_t max_message_bytes = 26214400;
  std::filesystem::path outbox_dir;  // <engine data_dir>/outbox
};

/// Reads validated settings (defaults filled in by the host). `smtp_url` wins over
/// `env_smtp_url` (the HOOKFLOW_SMTP_URL variable, null if unset); with neither (or both
/// empty) the plugin runs in outbox mode, writing to `<engine_data_dir>/outbox`.
/// Errors: `invalid_argument` for a malformed URL (the message never holds credentials).
sdk::result<email_settings> load_settings(const boost::json::object& settings, const std::string& engine_data_dir,
                                          const char* env_smtp_url);

}  // namespace hookflow::actions::email
