#include <hookflow/sdk/config.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>

HOOKFLOW_SDK_BEGIN_NAMESPACE

const char* to_string(field_type type) noexcept {
  switch (type) {
    case field_type::string: return "string";
    case field_type::integer: return "integer";
    case field_type::number: return "number";
    case field_type::boolean: return "boolean";
    case field_type::string_list: return "string list";
    case field_type::object: return "object";
    case field_type::any: return "any";
  }
  return "unknown";
}

namespace {

namespace json = boost::json;

const char* kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void check_string(const config_field& f, const json::value& v, const std::string& path,
                  std::vector<config_error>& errors) {
  if (!v.is_string()) {
    errors.push_back({path, std::string("expected a string, got ") + kind_of(v)});
    return;
  }
  if (f.allowed.empty()) return;
  auto s = std::string_view(v.get_string());
  if (std::find(f.allowed.begin(), f.allowed.end(), s) != f.allowed.end()) return;
  std::string list;
  for (const auto& a : f.allowed) list += (list.empty() ? "" : ", ") + ('"' + a + '"');
  errors.push_back({path, "must be one of " + list + ", got \"" + std::string(s) + "\""});
}

// Returns the (possibly normalized) value to keep.
json::value check_value(const config_field& f, const json::value& v, const std::string& path,
                        std::vector<config_error>& errors) {
  switch (f.type) {
    case field_type::string: check_string(f, v, path, errors); return v;
    case field_type::integer: {
      std::int64_t n = 0;
      if (v.is_int64())
        n = v.get_int64();
      else if (v.is_uint64() && v.get_uint64() <= INT64_MAX)
        n = static_cast<std::int64_t>(v.get_uint64());
      else if (v.is_double() && v.get_double() == static_cast<double>(static_cast<std::int64_t>(v.get_double())))
        n = static_cast<std::int64_t>(v.get_double());
      else {
        errors.push_back({path, std::string("expected an integer, got ") + kind_of(v)});
        return v;
      }
      if (n < f.min || n > f.max)
        errors.push_back({path, "must be between " + std::to_string(f.min) + " and " + std::to_string(f.max) +
                                    ", got " + std::to_string(n)});
      return json::value(n);
    }
    case field_type::number:
      if (!v.is_number()) errors.push_back({path, std::string("expected a number, got ") + kind_of(v)});
      return v;
    case field_type::boolean:
      if (!v.is_bool()) errors.push_back({path, std::string("expected true or false, got ") + kind_of(v)});
      return v;
    case field_type::string_list: {
      if (v.is_string()) {
        check_string(f, v, path, errors);
        return json::array{v};
      }
      if (!v.is_array()) {
        errors.push_back({path, std::string("expected a list of strings, got ") + kind_of(v)});
        return v;
      }
      const auto& a = v.get_array();
      for (std::size_t i = 0; i < a.size(); ++i) check_string(f, a[i], path + "/" + std::to_string(i), errors);
      return v;
    }
    case field_type::object:
      if (!v.is_object()) errors.push_back({path, std::string("expected an object, got ") + kind_of(v)});
      return v;
    case field_type::any: return v;
  }
  return v;
}

}  // namespace

json::object validate_config(const config_schema& schema, const json::value& config, const std::string& base_path,
                             std::vector<config_error>& errors) {
  json::object out;
  if (config.is_null()) {
    // An absent config is an empty one.
  } else if (!config.is_object()) {
    errors.push_back({base_path.empty() ? "/" : base_path, std::string("expected an object, got ") + kind_of(config)});
    return out;
  }
  static const json::object empty;
  const auto& obj = config.is_object() ? config.get_object() : empty;

  for (const auto& member : obj) {
    const auto key = member.key();  // a plain variable: clang 14 cannot capture bindings
    const auto& value = member.value();
    auto it = std::find_if(schema.begin(), schema.end(), [&](const config_field& f) { return f.name == key; });
    const std::string path = base_path + "/" + escape_pointer_token(key);
    if (it == schema.end()) {
      std::string known;
      for (const auto& f : schema) known += (known.empty() ? "" : ", ") + f.name;
      errors.push_back({path, "unknown key" + (known.empty() ? std::string(" (this component takes no config)")
                                                             : " (known keys: " + known + ")")});
      continue;
    }
    out[key] = check_value(*it, value, path, errors);
  }
  for (const auto& f : schema) {
    if (obj.contains(f.name)) continue;
    if (f.required)
      errors.push_back({base_path + "/" + escape_pointer_token(f.name), "required key is missing"});
    else if (!f.default_value.is_null())
      out[f.name] = f.default_value;
  }
  return out;
}

HOOKFLOW_SDK_END_NAMESPACE
