#pragma once
// Per-workflow webhook config (`trigger.config` of a workflow definition).

#include "hook_record.hpp"
#include "ip_filter.hpp"
#include "signature.hpp"

#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hookflow::triggers::webhook {

enum class respond_mode { accepted, result };

struct binding_config {
  std::vector<std::string> methods{"POST", "GET"};
  respond_mode respond = respond_mode::accepted;
  std::chrono::milliseconds respond_timeout{10000};
  auth_kind auth = auth_kind::none;  // initial kind for a new hook (see hook_record)
  std::optional<signature_config> signature;
  std::string dedup_header;  // lowercase; empty: no de-duplication
  ip_filter allow_ips;
  /// Lowercase names of headers kept out of `$request` (and so out of run history) besides
  /// the built-in ones: `hide_headers` plus the signature scheme's header.
  std::vector<std::string> hidden_headers;

  bool allows_method(std::string_view method) const;
  std::string allow_header() const;  // "POST, GET"
};

/// The table registered as the trigger's `binding_fields`.
sdk::config_schema binding_schema();

/// `validated` has passed `binding_schema()`. Checks what the table cannot: the `signature`
/// object, CIDR blocks, header names, and that `auth: "signature"` comes with a `signature`
/// object.
/// Errors: invalid_argument "/field: message".
sdk::result<binding_config> parse_binding(const boost::json::object& validated);

}  // namespace hookflow::triggers::webhook
