#pragma once
// Mustache templates with the engine's rules, rendered by mstch (or joined by the engine, below).
//
// A template is parsed once (`compile`), when its workflow definition is loaded. Compiling
// rewrites every tag that names a context root (`$request`, `$steps`, `$run`, `$workflow`) into
// a private slot; rendering resolves only those slots in the JSON context and hands mstch a
// context that holds just them. So:
//   - `{{$request}}`, or any object or array, renders as compact JSON text;
//   - plain-text templates are not HTML-escaped, HTML templates are;
//   - a big payload costs nothing but the values the template names;
//   - values are data: nothing from the context is ever parsed as a template.
// Sections (`{{#$request.items}}…{{/$request.items}}`) and inverted sections work as in
// Mustache; inside them, names without `$` refer to the current item. Partials and
// delimiter changes are refused at compile time. A template of text and `$` variables only
// (most are) is rendered by joining its pieces, with mstch's escaping where it escapes:
// mstch would parse the template again on every render.

#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/value.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hookflow::engine::template_ {

namespace sdk = hookflow::sdk;

/// A context value named by a template: a path from a root, e.g. {"$request","body","title"}.
struct slot {
  std::vector<std::string> path;
  bool section = false;  // used as a section: rendered from a full mstch node
  std::string key;       // its name in the rewritten template
};

/// A run of literal text (slot < 0), or a slot's value, HTML-escaped or not.
struct template_piece {
  std::string text;
  int slot = -1;
  bool escape = false;
};

/// Finds a root value by name; null when there is none. Lets the runner lend its run's data
/// to a render without copying it.
using root_lookup = std::function<const boost::json::value*(std::string_view root)>;

class compiled_template {
 public:
  /// Parses `text`. Errors: `invalid_argument` with the byte offset of the problem.
  static sdk::result<compiled_template> compile(std::string_view text, sdk::text_kind kind = sdk::text_kind::plain);

  /// Renders with the roots (`$request`, `$steps`, ...) that `roots` returns by name (null:
  /// missing, renders as nothing).
  std::string render(const root_lookup& roots) const;
  /// Renders against `context`, a JSON object whose keys are the roots.
  std::string render(const boost::json::value& context) const;

  const std::string& source() const noexcept { return source_; }
  /// The context paths this template reads (for validation and documentation).
  const std::vector<slot>& slots() const noexcept { return slots_; }

 private:
  std::string render_pieces(const root_lookup& roots) const;

  std::string source_;
  std::string rewritten_;  // what mstch renders
  std::vector<slot> slots_;
  std::vector<template_piece> pieces_;  // the whole template, when it has no sections or comments
  bool constant_ = true;                // no tags at all: render returns source_
};

/// Formats a JSON scalar the way templates show it: strings as they are, numbers in their
/// shortest form (3.5, not 3.5E0), booleans as true/false, null as nothing; objects and
/// arrays as compact JSON.
std::string display_text(const boost::json::value& v);

/// Looks `path` up below `start`; null when any part is missing. Numeric parts index arrays.
const boost::json::value* resolve(const boost::json::value& start, const std::vector<std::string>& path,
                                  std::size_t first = 0);

}  // namespace hookflow::engine::template_
