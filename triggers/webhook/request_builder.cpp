#include "request_builder.hpp"

#include "text.hpp"

#include <boost/json/array.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <array>

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 6> reserved_names = {"method", "path", "query", "header", "body", "raw"};

// `in` as a JSON string, made valid UTF-8; a single copy when it already is (the usual case).
json::string json_text(std::string_view in) {
  return is_valid_utf8(in) ? json::string(in) : json::string(valid_utf8(in));
}

bool is_reserved(std::string_view key) {
  return std::find(reserved_names.begin(), reserved_names.end(), key) != reserved_names.end();
}

// Adds `value` under `key`; a repeated key turns the value into an array of every value.
void add_repeatable(json::object& obj, std::string key, std::string value) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    obj.emplace(std::move(key), json::string(value));
  } else if (it->value().is_array()) {
    it->value().get_array().emplace_back(json::string(value));
  } else {
    json::array all;
    all.emplace_back(std::move(it->value()));
    all.emplace_back(json::string(value));
    it->value() = std::move(all);
  }
}

json::object fields_of(std::string_view form, bool drop_authtoken) {
  json::object out;
  for (auto& [key, value] : split_form(form)) {
    if (drop_authtoken && key == "authtoken") continue;
    add_repeatable(out, std::move(key), std::move(value));
  }
  return out;
}

std::string media_type(const request_head& head) {
  const std::string type = ascii_lower(head.header("content-type").value_or(""));
  return std::string(trim_blanks(std::string_view(type).substr(0, type.find(';'))));
}

bool is_json_type(std::string_view type) {
  return type == "application/json" || (type.size() > 5 && type.substr(type.size() - 5) == "+json");
}

std::string position_of(std::string_view body, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < body.size(); ++i) {
    if (body[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

sdk::result<json::value> parse_json_body(std::string_view body) {
  json::parse_options options;
  options.max_depth = 256;
  json::stream_parser parser({}, options);
  json::error_code ec;
  std::size_t used = parser.write_some(body.data(), body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) return sdk::invalid_argument("malformed JSON body: " + ec.message() + " at " + position_of(body, used));
  return parser.release();
}

sdk::result<json::value> body_value(const request_head& head, std::string_view body) {
  if (body.empty()) return json::value(nullptr);
  const std::string type = media_type(head);
  if (is_json_type(type)) return parse_json_body(body);
  if (type == "application/x-www-form-urlencoded") return json::value(fields_of(body, false));
  return json::value(json_text(body));
}

json::object header_object(const request_head& head, const std::vector<std::string>& secret) {
  const auto& hidden = hidden_header_names();
  json::object out(head.headers.size());
  for (const auto& [name, value] : head.headers) {
    std::string key = ascii_lower(name);
    if (!is_valid_utf8(key)) key = valid_utf8(key);
    if (std::find(hidden.begin(), hidden.end(), key) != hidden.end()) continue;
    if (std::find(secret.begin(), secret.end(), key) != secret.end()) continue;
    auto it = out.find(key);
    if (it == out.end()) {
      out.emplace(key, json_text(value));
    } else {
      auto& joined = it->value().get_string();
      joined.append(", ");
      joined.append(json_text(value));
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& hidden_header_names() {
  static const std::vector<std::string> names = {"authorization",   "proxy-authorization", "x-hub-signature-256",
                                                 "x-hub-signature", "stripe-signature",    "webhook-signature"};
  return names;
}

sdk::result<json::object> build_request(const request_head& head, std::string_view body,
                                        const std::vector<std::string>& secret_headers) {
  auto parsed_body = body_value(head, body);
  if (!parsed_body) return parsed_body.error();

  json::object query = fields_of(head.query(), true);
  json::object out;
  out.reserve(query.size() + 5);
  out.emplace("method", json_text(head.method));
  out.emplace("path", json_text(head.path()));
  out.emplace("query", query);
  out.emplace("header", header_object(head, secret_headers));
  out.emplace("body", std::move(parsed_body).value());
  for (auto& [key, value] : query)
    if (!is_reserved(key)) out.emplace(key, std::move(value));
  return out;
}

}  // namespace hookflow::triggers::webhook
