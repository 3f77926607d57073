#pragma once
// Builds `$request`, the trigger data of a run, from an HTTP request:
//   { "method", "path", "query": {...}, "header": {lowercase names}, "body",
//     <every query parameter whose name is not reserved> }
// Reserved top-level names: method, path, query, header, body, raw. A repeated query key
// keeps every value (the value becomes an array of strings, in order).
// Body: application/json and */*+json are parsed; application/x-www-form-urlencoded becomes
// an object of fields (same repeat rule); anything else is a string; an empty body is null.
// Every string is valid UTF-8 (invalid bytes become U+FFFD), so the result always
// serializes to valid JSON.
// Credentials never enter the result: the `authtoken` query parameter and the headers in
// `secret_headers` (plus `hidden_header_names()`) are dropped.
// Threads: reentrant.

#include "request_head.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace hookflow::triggers::webhook {

/// Lowercase names of headers that carry credentials and are never copied.
const std::vector<std::string>& hidden_header_names();

/// Errors: invalid_argument when a JSON body is malformed; the message names the parser's
/// error and its line and column (1-based), e.g.
/// "malformed JSON body: syntax error at line 2, column 7".
sdk::result<boost::json::object> build_request(const request_head& head, std::string_view body,
                                               const std::vector<std::string>& secret_headers = {});

}  // namespace hookflow::triggers::webhook
