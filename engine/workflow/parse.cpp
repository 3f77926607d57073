#include "definition.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/stream_parser.hpp>

#include <set>

namespace hookflow::engine::workflow {
namespace json = boost::json;
namespace {

using errors_t = std::vector<sdk::config_error>;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "none loaded" : out;
}

const json::value* member(const json::object& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &it->value();
}

void check_keys(const json::object& obj, std::initializer_list<std::string_view> known, const std::string& path,
                errors_t& errors) {
  for (const auto& [key, _] : obj) {
    bool ok = false;
    for (auto k : known) ok = ok || k == key;
    if (!ok) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      errors.push_back({path + "/" + std::string(key), "unknown key (known keys: " + list + ")"});
    }
  }
}

std::optional<std::string> required_string(const json::object& obj, std::string_view key, const std::string& path,
                                           errors_t& errors) {
  const auto* v = member(obj, key);
  if (!v) {
    errors.push_back({path + "/" + std::string(key), "required key is missing"});
    return std::nullopt;
  }
  if (!v->is_string()) {
    errors.push_back({path + "/" + std::string(key), "expected a string"});
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::int64_t> integer_in(const json::object& obj, std::string_view key, std::int64_t lo, std::int64_t hi,
                                       const std::string& path, errors_t& errors) {
  const auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_int64() || v->get_int64() < lo || v->get_int64() > hi) {
    errors.push_back({path + "/" + std::string(key),
                      "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi)});
    return std::nullopt;
  }
  return v->get_int64();
}

retry_policy parse_retry(const json::value& v, const std::string& path, errors_t& errors) {
  retry_policy r;
  if (!v.is_object()) {
    errors.push_back({path, "expected an object"});
    return r;
  }
  const auto& obj = v.get_object();
  check_keys(obj, {"max_attempts", "initial_delay_ms", "max_delay_ms"}, path, errors);
  if (auto n = integer_in(obj, "max_attempts", 1, 100, path, errors)) r.max_attempts = static_cast<int>(*n);
  if (auto n = integer_in(obj, "initial_delay_ms", 0, 86'400'000, path, errors))
    r.initial_delay = std::chrono::milliseconds(*n);
  if (auto n = integer_in(obj, "max_delay_ms", 0, 86'400'000, path, errors))
    r.max_delay = std::chrono::milliseconds(*n);
  if (r.max_delay < r.initial_delay) r.max_delay = r.initial_delay;
  return r;
}

// Compiles every string inside `v`, depth first (the order render_config walks in).
void compile_strings(const json::value& v, const std::string& at, sdk::text_kind kind, templated_field& tf,
                     errors_t& errors) {
  if (v.is_string()) {
    auto t = template_::compiled_template::compile(v.get_string(), kind);
    if (t)
      tf.parts.push_back(std::move(t).value());
    else
      errors.push_back({at, t.error().message()});
  } else if (v.is_array()) {
    const auto& arr = v.get_array();
    for (std::size_t i = 0; i < arr.size(); ++i)
      compile_strings(arr[i], at + "/" + std::to_string(i), kind, tf, errors);
  } else if (v.is_object()) {
    for (const auto& [k, e] : v.get_object()) compile_strings(e, at + "/" + std::string(k), kind, tf, errors);
  }
}

// Compiles the templated fields of a validated config.
void compile_templates(step& s, const sdk::config_schema& schema, const std::string& path, errors_t& errors) {
  for (const auto& field : schema) {
    if (field.secret) s.secret_keys.push_back(field.name);
    if (!field.templated) continue;
    auto it = s.config.find(field.name);
    if (it == s.config.end()) continue;
    templated_field tf{field.name, field.kind, {}};
    compile_strings(it->value(), path + "/" + field.name, field.kind, tf, errors);
    s.templates.push_back(std::move(tf));
  }
}

void parse_step(const json::value& v, const std::string& path, const component_catalog& catalog,
                std::set<std::string>& seen_ids, definition& def, errors_t& errors) {
  if (!v.is_object()) {
    errors.push_back({path, "expected an object"});
    return;
  }
  const auto& obj = v.get_object();
  check_keys(obj, {"id", "type", "config", "retry", "timeout_ms", "name"}, path, errors);
  step s;
  if (auto id = required_string(obj, "id", path, errors)) {
    s.id = *id;
    if (!is_valid_id(s.id))
      errors.push_back({path + "/id", "invalid id \"" + s.id.substr(0, 64) +
                                          "\": use 1 to 128 characters of letters, digits, '_', '-', '.'"});
    else if (!seen_ids.insert(s.id).second)
      errors.push_back({path + "/id", "duplicate step id \"" + s.id + "\""});
  }
  const sdk::config_schema* schema = nullptr;
  if (auto type = required_string(obj, "type", path, errors)) {
    s.type = *type;
    schema = catalog.action_fields(s.type);
    if (!schema)
      errors.push_back(
          {path + "/type", "unknown action type \"" + s.type + "\" (loaded: " + join(catalog.action_types()) + ")"});
  }
  if (const auto* r = member(obj, "retry")) s.retry = parse_retry(*r, path + "/retry", errors);
  if (auto t = integer_in(obj, "timeout_ms", 1, 86'400'000, path, errors)) s.timeout = std::chrono::milliseconds(*t);
  if (schema) {
    const auto* cfg = member(obj, "config");
    s.config = sdk::validate_config(*schema, cfg ? *cfg : json::value(), path + "/config", errors);
    compile_templates(s, *schema, path + "/config", errors);
    s.action = catalog.action_instance(s.type);
  }
  def.steps.push_back(std::move(s));
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '.') return false;
  for (char c : id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

parse_outcome parse(const json::value& source, const component_catalog& catalog) {
  parse_outcome out;
  auto& errors = out.errors;
  if (!source.is_object()) {
    errors.push_back({"/", "a workflow definition must be a JSON object"});
    return out;
  }
  const auto& obj = source.get_object();
  check_keys(obj, {"id", "name", "description", "enabled", "trigger", "steps"}, "", errors);
  definition def;
  def.source = source;
  if (auto id = required_string(obj, "id", "", errors)) {
    def.id = *id;
    if (!is_valid_id(def.id))
      errors.push_back({"/id", "invalid id \"" + def.id.substr(0, 64) +
                                   "\": use 1 to 128 characters of letters, digits, '_', '-', '.'"});
  }
  if (const auto* n = member(obj, "name")) {
    if (n->is_string())
      def.name = std::string(n->get_string());
    else
      errors.push_back({"/name", "expected a string"});
  }
  if (def.name.empty()) def.name = def.id;
  if (const auto* e = member(obj, "enabled")) {
    if (e->is_bool())
      def.enabled = e->get_bool();
    else
      errors.push_back({"/enabled", "expected true or false"});
  }

  const auto* trig = member(obj, "trigger");
  if (!trig) {
    errors.push_back({"/trigger", "required key is missing"});
  } else if (!trig->is_object()) {
    errors.push_back({"/trigger", "expected an object"});
  } else {
    const auto& t = trig->get_object();
    check_keys(t, {"type", "config"}, "/trigger", errors);
    if (auto type = required_string(t, "type", "/trigger", errors)) {
      def.trigger_type = *type;
      if (const auto* schema = catalog.trigger_fields(def.trigger_type)) {
        const auto* cfg = member(t, "config");
        def.trigger_config = sdk::validate_config(*schema, cfg ? *cfg : json::value(), "/trigger/config", errors);
      } else {
        errors.push_back({"/trigger/type", "unknown trigger type \"" + def.trigger_type +
                                               "\" (loaded: " + join(catalog.trigger_types()) + ")"});
      }
    }
  }

  const auto* steps = member(obj, "steps");
  if (!steps) {
    errors.push_back({"/steps", "required key is missing"});
  } else if (!steps->is_array() || steps->get_array().empty()) {
    errors.push_back({"/steps", "expected a non-empty array of steps"});
  } else {
    std::set<std::string> seen;
    const auto& arr = steps->get_array();
    for (std::size_t i = 0; i < arr.size(); ++i)
      parse_step(arr[i], "/steps/" + std::to_string(i), catalog, seen, def, errors);
  }
  if (errors.empty()) out.workflow = std::move(def);
  return out;
}

parse_outcome parse(std::string_view text, const component_catalog& catalog) {
  json::stream_parser p;
  boost::system::error_code ec;
  auto consumed = p.write(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    parse_outcome out;
    out.errors.push_back({"/", "invalid JSON at " + line_and_column(text, consumed) + ": " + ec.message()});
    return out;
  }
  return parse(p.release(), catalog);
}

}  // namespace hookflow::engine::workflow
