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

sdk::result<json::object> render_config(const step& s, const template_::root_lookup& roots) {
  json::object out = s.config;
  for (const auto& field : s.templates) {
    auto check = [&](const std::string& text, const std::string& where) -> sdk::status {
      if (field.kind == sdk::text_kind::header && has_control_character(text))
        return sdk::invalid_argument("config field \"" + where +
                                     "\" rendered to text with a line break or control character; refused to "
                                     "prevent header injection");
      return {};
    };
    if (field.list) {
      json::array values;
      for (std::size_t i = 0; i < field.parts.size(); ++i) {
        auto text = field.parts[i].render(roots);
        if (auto st = check(text, field.key + "[" + std::to_string(i) + "]"); !st.ok()) return st;
        values.emplace_back(text);
      }
      out[field.key] = std::move(values);
    } else if (!field.parts.empty()) {
      auto text = field.parts.front().render(roots);
      if (auto st = check(text, field.key); !st.ok()) return st;
      out[field.key] = text;
    }
  }
  return out;
}

json::object redact(const step& s, const json::object& config) {
  json::object out = config;
  for (const auto& key : s.secret_keys)
    if (out.contains(key)) out[key] = "***";
  return out;
}

}  // namespace hookflow::engine::workflow
