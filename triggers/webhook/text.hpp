#pragma once
// Text helpers for untrusted HTTP input: UTF-8 repair, percent-decoding, query splitting.
// Threads: reentrant. Errors: none; malformed input is repaired, never rejected.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hookflow::triggers::webhook {

/// `in` with every byte that is not part of a well-formed UTF-8 sequence (overlongs,
/// surrogates and code points above U+10FFFF included) replaced by U+FFFD, so that any JSON
/// built from it serializes to valid JSON.
std::string valid_utf8(std::string_view in);

/// True when `in` is well-formed UTF-8 in the sense of valid_utf8 (which would return it as is).
bool is_valid_utf8(std::string_view in);

/// Decodes %XX escapes (a malformed escape stays as written); with `plus_is_space`, '+' is a
/// space as in application/x-www-form-urlencoded. The result may be any bytes.
std::string percent_decode(std::string_view in, bool plus_is_space);

/// Splits "a=1&b=2&a" into decoded pairs {("a","1"),("b","2"),("a","")}, in order. Empty
/// segments are skipped; keys and values are made valid UTF-8.
std::vector<std::pair<std::string, std::string>> split_form(std::string_view query);

/// ASCII lower-casing (header names, media types).
std::string ascii_lower(std::string_view in);

/// `in` without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view trim_blanks(std::string_view in);

/// ASCII case-insensitive equality (header names, auth schemes), without allocating.
bool iequals(std::string_view a, std::string_view b);

}  // namespace hookflow::triggers::webhook
