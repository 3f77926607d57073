// Rendering: resolve the template's slots in the JSON context, then join the pieces of a
// template of text and `$` variables, or let mstch render the rewritten one.
#include "template.hpp"

#include <boost/json/serialize.hpp>
#include <mstch/mstch.hpp>

#include <charconv>
#include <climits>

namespace hookflow::engine::template_ {
namespace json = boost::json;
namespace {

std::string format_double(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc{} ? std::string(buf, end) : std::string("NaN");
}

// A full mstch node, for values used as sections. Maps also carry their JSON text under "@json"
// so that `{{item}}` inside a section prints objects as JSON.
mstch::node to_node(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return mstch::node();
    case json::kind::bool_: return v.get_bool();
    case json::kind::int64: {
      auto n = v.get_int64();
      if (n >= INT_MIN && n <= INT_MAX) return static_cast<int>(n);
      return std::to_string(n);  // mstch knows only int: big numbers travel as text
    }
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return format_double(v.get_double());
    case json::kind::string: return std::string(v.get_string());
    case json::kind::array: {
      mstch::array a;
      a.reserve(v.get_array().size());
      for (const auto& e : v.get_array()) a.push_back(to_node(e));
      return a;
    }
    case json::kind::object: {
      mstch::map m;
      for (const auto& [k, e] : v.get_object()) m.emplace(std::string(k), to_node(e));
      m.emplace("@json", json::serialize(v));
      return m;
    }
  }
  return mstch::node();
}

// What mstch's `{{name}}` does to a value (its html_escape); a test holds the two together.
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '\'': out += "&#39;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '/': out += "&#x2F;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string display_text(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return {};
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return format_double(v.get_double());
    case json::kind::string: return std::string(v.get_string());
    case json::kind::array:
    case json::kind::object: return json::serialize(v);
  }
  return {};
}

const json::value* resolve(const json::value& start, const std::vector<std::string>& path, std::size_t first) {
  const json::value* cur = &start;
  for (std::size_t i = first; i < path.size(); ++i) {
    const auto& part = path[i];
    if (const auto* obj = cur->if_object()) {
      auto it = obj->find(part);
      if (it == obj->end()) return nullptr;
      cur = &it->value();
    } else if (const auto* arr = cur->if_array()) {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (ec != std::errc{} || end != part.data() + part.size() || index >= arr->size()) return nullptr;
      cur = &(*arr)[index];
    } else {
      return nullptr;
    }
  }
  return cur;
}

namespace {

const json::value* value_of(const slot& s, const root_lookup& roots) {
  const auto* root = roots(s.path.front());
  return root ? resolve(*root, s.path, 1) : nullptr;
}

}  // namespace

std::string compiled_template::render(const json::value& context) const {
  return render([&context](std::string_view root) -> const json::value* {
    const auto* obj = context.if_object();
    if (!obj) return nullptr;
    auto it = obj->find(root);
    return it == obj->end() ? nullptr : &it->value();
  });
}

std::string compiled_template::render_pieces(const root_lookup& roots) const {
  std::string out;
  for (const auto& piece : pieces_) {
    if (piece.slot < 0) {
      out += piece.text;
    } else if (const auto* v = value_of(slots_[static_cast<std::size_t>(piece.slot)], roots)) {
      out += piece.escape ? html_escape(display_text(*v)) : display_text(*v);
    }
  }
  return out;
}

std::string compiled_template::render(const root_lookup& roots) const {
  if (constant_) return source_;
  if (!pieces_.empty()) return render_pieces(roots);
  mstch::map ctx;
  for (const auto& s : slots_) {
    const auto* v = value_of(s, roots);
    if (s.section)
      ctx.emplace(s.key, v ? to_node(*v) : mstch::node());
    else
      ctx.emplace(s.key, v ? display_text(*v) : std::string());
  }
  return mstch::render(rewritten_, ctx);
}

}  // namespace hookflow::engine::template_
