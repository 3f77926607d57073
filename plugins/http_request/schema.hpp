#pragma once
// The config tables of the `http.request` action: per-step fields and plugin settings.

#include <hookflow/sdk/config.hpp>

namespace hookflow::plugins::http_request {

/// url, method, headers, body, timeout_ms, expect_status.
sdk::config_schema action_fields();

/// max_response_bytes, allow_private_networks, ca_file.
sdk::config_schema plugin_settings_schema();

}  // namespace hookflow::plugins::http_request
