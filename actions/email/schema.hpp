#pragma once
// The config tables of the `email` plugin: plugin settings (`plugins.email` in the engine
// config) and the fields of an `email.send` step. The names are part of the user contract
// (docs/email.md).

#include <hookflow/sdk/config.hpp>

namespace hookflow::actions::email {

/// smtp_url, from, ca_file, connect_timeout_ms, timeout_ms, pool_size, max_message_bytes.
sdk::config_schema plugin_settings_schema();

/// to, cc, bcc, from, reply_to, subject, text, html, attachments, headers, in_reply_to,
/// references.
sdk::config_schema send_fields();

}  // namespace hookflow::actions::email
