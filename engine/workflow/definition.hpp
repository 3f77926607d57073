#pragma once
// Workflow definitions: the JSON a user writes, checked against the components' config tables
// and compiled (templates parsed) once, when loaded.
//
//   { "id": "note-to-email", "name": "...", "enabled": true,
//     "trigger": { "type": "webhook", "config": { ... } },
//     "steps": [ { "id": "notify", "type": "email.send", "config": { ... },
//                  "retry": { "max_attempts": 5, "initial_delay_ms": 1000, "max_delay_ms": 60000 },
//                  "timeout_ms": 30000 } ] }

#include "../template/template.hpp"

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/config.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hookflow::engine::workflow {

namespace sdk = hookflow::sdk;

struct retry_policy {
  int max_attempts = 1;  // 1: no retry
  std::chrono::milliseconds initial_delay{1000};
  std::chrono::milliseconds max_delay{60000};
};

/// A templated config value: one template per string in it, in depth-first order (a string
/// has one, a string list one per element, an object or array one per string leaf).
struct templated_field {
  std::string key;
  sdk::text_kind kind = sdk::text_kind::plain;
  std::vector<template_::compiled_template> parts;
};

struct step {
  std::string id;
  std::string type;
  boost::json::object config;  // validated, defaults filled, templates not yet rendered
  std::vector<templated_field> templates;
  std::vector<std::string> secret_keys;  // redacted in run history
  retry_policy retry;
  std::chrono::milliseconds timeout{30000};
  std::shared_ptr<sdk::action> action;  // the instance that executes it
};

struct definition {
  std::string id;
  std::string name;
  bool enabled = true;
  std::string trigger_type;
  boost::json::object trigger_config;  // validated against the trigger's binding fields
  std::vector<step> steps;
  boost::json::value source;  // the definition as written
};

/// What the parser needs to know about the loaded components.
class component_catalog {
 public:
  virtual ~component_catalog() = default;
  virtual const sdk::config_schema* trigger_fields(const std::string& type) const = 0;
  virtual const sdk::config_schema* action_fields(const std::string& type) const = 0;
  virtual std::shared_ptr<sdk::action> action_instance(const std::string& type) const = 0;
  virtual std::vector<std::string> trigger_types() const = 0;
  virtual std::vector<std::string> action_types() const = 0;
};

struct parse_outcome {
  std::optional<definition> workflow;  // set when errors is empty
  std::vector<sdk::config_error> errors;
};

/// Validates and compiles a definition. Every problem is reported at once, each with the JSON
/// Pointer of the offending value.
parse_outcome parse(const boost::json::value& source, const component_catalog& catalog);
/// Same, from JSON text; a syntax error is reported with its line and column.
parse_outcome parse(std::string_view text, const component_catalog& catalog);

/// Ids of workflows and steps: 1 to 128 characters of [A-Za-z0-9_.-], not starting with '.'.
bool is_valid_id(std::string_view id);

/// "line L, column C" for a byte offset in `text`.
std::string line_and_column(std::string_view text, std::size_t offset);

}  // namespace hookflow::engine::workflow
