// Parsing and rewriting of templates (see template.hpp for the rules).
#include "template.hpp"

#include <map>

namespace hookflow::engine::template_ {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_path(std::string_view name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto dot = name.find('.', start);
    parts.emplace_back(name.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

sdk::status syntax_error(std::size_t offset, const std::string& what) {
  return sdk::invalid_argument("template error at offset " + std::to_string(offset) + ": " + what);
}

bool is_root_name(std::string_view name) {
  return !name.empty() && name.front() == '$';
}

// Rewrites one template; state shared by the tags of that template.
class rewriter {
 public:
  rewriter(std::string_view text, sdk::text_kind kind) : text_(text), html_(kind == sdk::text_kind::html) {}

  sdk::status run() {
    std::size_t pos = 0;
    while (pos < text_.size()) {
      auto open = text_.find("{{", pos);
      if (open == std::string_view::npos) {
        literal(text_.substr(pos));
        break;
      }
      literal(text_.substr(pos, open - pos));
      bool triple = open + 2 < text_.size() && text_[open + 2] == '{';
      auto close = text_.find(triple ? "}}}" : "}}", open + 2);
      if (close == std::string_view::npos) return syntax_error(open, "unclosed tag \"{{\"");
      auto inner = text_.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
      if (auto st = tag(open, inner, triple); !st.ok()) return st;
      pos = close + (triple ? 3 : 2);
    }
    if (!open_sections_.empty())
      return syntax_error(text_.size(), "section \"" + open_sections_.back() + "\" is never closed");
    return {};
  }

  std::string output() && { return std::move(out_); }
  std::vector<slot> slots() && { return std::move(slots_); }
  /// The template as literal text and root variables, when it is nothing else (no sections,
  /// comments or relative names); empty otherwise.
  std::vector<template_piece> pieces() && { return flat_ ? std::move(pieces_) : std::vector<template_piece>{}; }
  bool has_tags() const { return has_tags_; }

 private:
  sdk::status tag(std::size_t offset, std::string_view inner, bool triple) {
    has_tags_ = true;
    if (!triple) inner = trim(inner);  // "{{ #name }}" opens a section, as mstch reads it
    char sigil = triple || inner.empty() ? '\0' : inner.front();
    std::string_view name = trim(
        triple ? inner : (std::string_view("#^/!&=>").find(sigil) != std::string_view::npos ? inner.substr(1) : inner));
    if (!triple && std::string_view("#^/!&=>").find(sigil) == std::string_view::npos) sigil = '\0';
    if (sigil != '\0' && sigil != '&') flat_ = false;  // sections and comments are mstch's
    switch (sigil) {
      case '!': return {};  // comment
      case '=': return syntax_error(offset, "delimiter changes are not supported");
      case '>': return syntax_error(offset, "partials are not supported");
      default: break;
    }
    if (name.empty()) return syntax_error(offset, "empty tag name");
    if (name.find_first_of(" \t\r\n{}") != std::string_view::npos)
      return syntax_error(offset, "invalid tag name \"" + std::string(name) + "\"");
    if (sigil == '#' || sigil == '^') {
      out_ += "{{";
      out_ += sigil;
      out_ += section_key(name);
      out_ += "}}";
      open_sections_.emplace_back(name);
      return {};
    }
    if (sigil == '/') {
      if (open_sections_.empty() || open_sections_.back() != name)
        return syntax_error(offset, "closing \"" + std::string(name) + "\" without a matching opening tag");
      open_sections_.pop_back();
      out_ += "{{/";
      out_ += section_keys_.at(std::string(name));
      out_ += "}}";
      return {};
    }
    bool raw = triple || sigil == '&' || !html_;
    variable(name, raw);
    return {};
  }

  // A variable: roots become a slot holding display text; relative names (inside sections)
  // also print the item's JSON form when it is an object or array.
  void variable(std::string_view name, bool raw) {
    const char* open = raw ? "{{{" : "{{";
    const char* close = raw ? "}}}" : "}}";
    if (is_root_name(name)) {
      const std::size_t index = slot_index(name, false);
      out_ += open + slots_[index].key + close;
      pieces_.push_back({{}, static_cast<int>(index), !raw});
      return;
    }
    flat_ = false;
    if (name == ".") {
      out_ += open + std::string(".") + close;
    } else {
      out_ += open + std::string(name) + close;
      out_ += open + std::string(name) + ".@json" + close;
    }
  }

  void literal(std::string_view text) {
    out_.append(text);
    if (text.empty()) return;
    if (pieces_.empty() || pieces_.back().slot >= 0) pieces_.emplace_back();
    pieces_.back().text.append(text);
  }

  std::string section_key(std::string_view name) {
    std::string key = is_root_name(name) ? slots_[slot_index(name, true)].key : std::string(name);
    section_keys_[std::string(name)] = key;
    return key;
  }

  std::size_t slot_index(std::string_view name, bool section) {
    std::string id = std::string(section ? "#" : "=") + std::string(name);
    auto [it, fresh] = indexes_.try_emplace(id, slots_.size());
    if (fresh) slots_.push_back({split_path(name), section, "@hf" + std::to_string(it->second)});
    return it->second;
  }

  std::string_view text_;
  bool html_;
  bool has_tags_ = false;
  bool flat_ = true;
  std::string out_;
  std::vector<slot> slots_;
  std::vector<template_piece> pieces_;
  std::map<std::string, std::size_t> indexes_;       // "=name"/"#name" -> index in slots_
  std::map<std::string, std::string> section_keys_;  // section name -> key used when opened
  std::vector<std::string> open_sections_;
};

}  // namespace

sdk::result<compiled_template> compiled_template::compile(std::string_view text, sdk::text_kind kind) {
  rewriter r(text, kind);
  if (auto st = r.run(); !st.ok()) return st;
  compiled_template t;
  t.source_ = std::string(text);
  t.constant_ = !r.has_tags();
  t.pieces_ = std::move(r).pieces();
  t.slots_ = std::move(r).slots();
  t.rewritten_ = std::move(r).output();
  return t;
}

}  // namespace hookflow::engine::template_
