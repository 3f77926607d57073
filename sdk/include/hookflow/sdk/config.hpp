#pragma once
// Typed config field tables. Every trigger and action declares the keys its config accepts;
// the host validates a config against the table before the component sees it, so a component
// can rely on types, required keys and defaults. The same table prints as documentation
// (`hookflow plugins describe NAME`).

#include <hookflow/sdk/abi.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

HOOKFLOW_SDK_BEGIN_NAMESPACE

enum class field_type {
  string,
  integer,
  number,  // integer or floating point
  boolean,
  string_list,  // a JSON array of strings; a single string is accepted as a one-element list
  object,       // any JSON object (validated by the component itself)
  any,          // any JSON value
};

const char* to_string(field_type type) noexcept;

/// How a templated field's rendered value is escaped.
enum class text_kind {
  plain,   // no escaping (mail text, JSON bodies, log lines)
  html,    // HTML-escaped
  header,  // no escaping; CR, LF and other control characters are refused after rendering
};

struct config_field {
  std::string name;
  field_type type = field_type::string;
  std::string description;
  bool required = false;
  boost::json::value default_value;   // null: no default
  bool secret = false;                // redacted in run history, logs and API answers
  bool templated = false;             // every string in the value is rendered per run (for
                                      // objects and arrays: every string leaf)
  text_kind kind = text_kind::plain;  // for templated fields
  std::vector<std::string> allowed;   // for strings: the only accepted values (an enum)
  std::int64_t min = INT64_MIN;       // for integers
  std::int64_t max = INT64_MAX;
};

/// One problem found in a config, addressed by JSON Pointer, e.g. {"/to/0", "expected a string"}.
struct config_error {
  std::string path;
  std::string message;
};

using config_schema = std::vector<config_field>;

/// Checks `config` against `schema`: unknown keys, missing required keys, wrong types, values
/// outside `allowed` or [min, max]. Every problem is reported; paths are prefixed by
/// `base_path`. Returns the config with defaults filled in (only meaningful when `errors`
/// gained nothing).
boost::json::object validate_config(const config_schema& schema, const boost::json::value& config,
                                    const std::string& base_path, std::vector<config_error>& errors);

HOOKFLOW_SDK_END_NAMESPACE
