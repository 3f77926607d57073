#include "request.hpp"

#include <openssl/evp.h>

#include <strings.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

// Headers the action writes itself; a custom header may not replace them. Every Content-*
// header (any case) is refused too: the action writes the MIME structure.
constexpr std::array reserved_headers{"from",   "to",          "cc",          "bcc",         "subject",
                                      "date",   "message-id",  "reply-to",    "in-reply-to", "references",
                                      "sender", "return-path", "mime-version"};

bool is_reserved_header(std::string_view name) {
  if (name.size() >= 8 && strncasecmp(name.data(), "content-", 8) == 0) return true;
  return std::any_of(reserved_headers.begin(), reserved_headers.end(), [&](const char* r) {
    return std::strlen(r) == name.size() && strncasecmp(r, name.data(), name.size()) == 0;
  });
}

std::string string_at(const json::object& config, std::string_view key) {
  auto* v = config.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

sdk::status parse_list(const json::object& config, std::string_view key, std::vector<mailbox>& out) {
  auto* v = config.if_contains(key);
  if (!v || !v->is_array()) return {};
  const auto& list = v->get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string())
      return sdk::invalid_argument(std::string(key) + "[" + std::to_string(i) + "]: expected a string");
    auto box = parse_mailbox(list[i].get_string(), std::string(key) + "[" + std::to_string(i) + "]");
    if (!box) return box.error();
    out.push_back(std::move(box).value());
  }
  return {};
}

bool is_header_name(std::string_view name) {
  return !name.empty() && name.size() <= 76 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c < 0x7f && c != ':'; });
}

sdk::status parse_headers(const json::object& config, email_request& req) {
  auto* v = config.if_contains("headers");
  if (!v || !v->is_object()) return {};
  for (const auto& [key, value] : v->get_object()) {
    std::string where = "headers." + std::string(key).substr(0, 80);
    if (!is_header_name(key)) return sdk::invalid_argument(where + ": not a valid header name");
    if (is_reserved_header(key))
      return sdk::invalid_argument(where + ": set by the action itself; use the step field instead");
    if (!value.is_string()) return sdk::invalid_argument(where + ": expected a string value");
    if (has_control_character(value.get_string()))
      return sdk::invalid_argument(where + ": line breaks and control characters are not allowed");
    req.headers.emplace_back(key, value.get_string());
  }
  return {};
}

sdk::result<std::string> decode_base64(std::string_view text, const std::string& where) {
  std::string clean;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
  if (clean.size() % 4 != 0) return sdk::invalid_argument(where + ": invalid base64");
  std::string out(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return sdk::invalid_argument(where + ": invalid base64");
  // EVP_DecodeBlock counts padding as zero bytes.
  std::size_t pad = clean.ends_with("==") ? 2 : clean.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

sdk::result<attachment> parse_attachment(const json::value& v, const std::string& where) {
  if (!v.is_object()) return sdk::invalid_argument(where + ": expected an object");
  const auto& o = v.get_object();
  for (const auto& [key, value] : o) {
    if (key != "name" && key != "content_type" && key != "content" && key != "content_base64")
      return sdk::invalid_argument(where + "." + std::string(key).substr(0, 80) +
                                   ": unknown key (known: name, content_type, content, content_base64)");
    if (!value.is_string()) return sdk::invalid_argument(where + "." + std::string(key) + ": expected a string");
  }
  attachment a{string_at(o, "name"), string_at(o, "content_type"), {}};
  if (a.name.empty() || has_control_character(a.name) || a.name.find_first_of("/\\\"") != std::string::npos)
    return sdk::invalid_argument(where + ".name: required, without control characters, quotes or slashes");
  if (a.content_type.empty()) a.content_type = "application/octet-stream";
  auto slash = a.content_type.find('/');
  if (slash == std::string::npos || !is_header_name(a.content_type.substr(0, slash)) ||
      !is_header_name(a.content_type.substr(slash + 1)) || a.content_type.find(';') != std::string::npos)
    return sdk::invalid_argument(where + ".content_type: expected type/subtype, e.g. text/csv");
  bool has_text = o.contains("content"), has_b64 = o.contains("content_base64");
  if (has_text == has_b64) return sdk::invalid_argument(where + ": give exactly one of content or content_base64");
  if (has_text) {
    a.data = string_at(o, "content");
  } else {
    auto data = decode_base64(o.at("content_base64").get_string(), where + ".content_base64");
    if (!data) return data.error();
    a.data = std::move(data).value();
  }
  return a;
}

sdk::status parse_attachments(const json::object& config, email_request& req) {
  auto* v = config.if_contains("attachments");
  if (!v || v->is_null()) return {};
  if (!v->is_array()) return sdk::invalid_argument("attachments: expected an array of objects");
  const auto& list = v->get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto a = parse_attachment(list[i], "attachments[" + std::to_string(i) + "]");
    if (!a) return a.error();
    req.attachments.push_back(std::move(a).value());
  }
  return {};
}

// The single-line text fields: the engine refuses control characters after rendering, and so
// does this (the step may come from a caller that bypassed the engine).
sdk::status parse_header_text(const json::object& config, email_request& req) {
  req.subject = string_at(config, "subject");
  req.in_reply_to = string_at(config, "in_reply_to");
  req.references = string_at(config, "references");
  for (auto [name, value] : {std::pair{"subject", &req.subject}, std::pair{"in_reply_to", &req.in_reply_to},
                             std::pair{"references", &req.references}})
    if (has_control_character(*value))
      return sdk::invalid_argument(std::string(name) + ": line breaks and control characters are not allowed");
  if (!is_ascii(req.in_reply_to) || !is_ascii(req.references))
    return sdk::invalid_argument("in_reply_to/references: message ids are ASCII");
  return {};
}

sdk::status parse_addresses(const json::object& config, const std::string& default_from, email_request& req) {
  auto from_text = string_at(config, "from");
  if (from_text.empty()) from_text = default_from;
  if (from_text.empty())
    return sdk::invalid_argument("from: no sender; set the step's from or the plugin's from setting");
  auto from = parse_mailbox(from_text, "from");
  if (!from) return from.error();
  req.from = std::move(from).value();
  if (auto reply = string_at(config, "reply_to"); !reply.empty()) {
    auto box = parse_mailbox(reply, "reply_to");
    if (!box) return box.error();
    req.reply_to = std::move(box).value();
  }
  for (auto [key, list] : {std::pair{"to", &req.to}, std::pair{"cc", &req.cc}, std::pair{"bcc", &req.bcc}})
    if (auto st = parse_list(config, key, *list); !st.ok()) return st;
  if (req.to.empty() && req.cc.empty() && req.bcc.empty())
    return sdk::invalid_argument("to: at least one recipient is needed in to, cc or bcc");
  return {};
}

}  // namespace

sdk::result<email_request> parse_request(const json::object& config, const std::string& default_from) {
  email_request req;
  if (auto st = parse_addresses(config, default_from, req); !st.ok()) return st;
  if (auto st = parse_header_text(config, req); !st.ok()) return st;
  if (auto st = parse_headers(config, req); !st.ok()) return st;
  if (auto st = parse_attachments(config, req); !st.ok()) return st;
  req.text = string_at(config, "text");
  req.html = string_at(config, "html");
  return req;
}

}  // namespace hookflow::actions::email
