#include "render_step.hpp"

namespace hookflow::engine::workflow {
namespace json = boost::json;
namespace {

bool has_control_character(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

namespace {

// Rebuilds `v` with each string replaced by the next rendered part (same depth-first order
// as compile_strings). `where` names the value in errors, e.g. "headers.X-Tag".
sdk::status render_value(json::value& v, const templated_field& field, std::size_t& next,
                         const template_::root_lookup& roots, const std::string& where) {
  if (v.is_string()) {
    auto text = field.parts.at(next++).render(roots);
    if (field.kind == sdk::text_kind::header && has_control_character(text))
      return sdk::invalid_argument("config field \"" + where +
                                   "\" rendered to text with a line break or control character; refused to "
                                   "prevent header injection");
    v = text;
  } else if (v.is_array()) {
    auto& arr = v.get_array();
    for (std::size_t i = 0; i < arr.size(); ++i)
      if (auto st = render_value(arr[i], field, next, roots, where + "[" + std::to_string(i) + "]"); !st.ok())
        return st;
  } else if (v.is_object()) {
    for (auto& [k, e] : v.get_object())
      if (auto st = render_value(e, field, next, roots, where + "." + std::string(k)); !st.ok()) return st;
  }
  return {};
}

}  // namespace

sdk::result<json::object> render_config(const step& s, const template_::root_lookup& roots) {
  json::object out = s.config;
  for (const auto& field : s.templates) {
    std::size_t next = 0;
    if (auto st = render_value(out[field.key], field, next, roots, field.key); !st.ok()) return st;
  }
  return out;
}

json::object redact(const step& s, json::object config) {
  for (const auto& key : s.secret_keys)
    if (config.contains(key)) config[key] = "***";
  return config;
}

}  // namespace hookflow::engine::workflow
