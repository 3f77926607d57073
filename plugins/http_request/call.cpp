#include "call.hpp"

#include <algorithm>
#include <cctype>

namespace hookflow::plugins::http_request {
namespace {

bool has_control_character(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\t') || u == 0x7f;
  });
}

bool is_token(std::string_view s) {  // RFC 9110 token: the characters a header name may use
  static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos;
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

sdk::status read_headers(const boost::json::object& headers, http_call& call) {
  for (const auto& [name, value] : headers) {
    std::string where = "/headers/" + std::string(name);
    if (!is_token(name)) return sdk::invalid_argument(where + ": not a valid header name");
    auto key = lower(name);
    if (key == "content-length" || key == "transfer-encoding")
      return sdk::invalid_argument(where + ": set by the action from the body; remove it");
    if (!value.is_string()) return sdk::invalid_argument(where + ": expected a string");
    std::string_view text = value.as_string();
    if (has_control_character(text))
      return sdk::invalid_argument(where +
                                   ": contains a line break or control character; refused to prevent "
                                   "header injection");
    call.headers.emplace_back(std::string(name), std::string(text));
  }
  return {};
}

sdk::status read_expected(const boost::json::value& value, http_call& call) {
  if (value.is_null()) return {};
  const auto* list = value.if_array();
  if (!list || list->empty())
    return sdk::invalid_argument("/expect_status: expected a non-empty list of status codes, e.g. [200, 201]");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    if (!v.is_int64() || v.as_int64() < 100 || v.as_int64() > 599)
      return sdk::invalid_argument("/expect_status/" + std::to_string(i) + ": expected an integer 100-599");
    call.expect_status.push_back(static_cast<int>(v.as_int64()));
  }
  return {};
}

}  // namespace

sdk::result<http_call> read_call(const boost::json::object& config) {
  http_call call;
  std::string_view url = config.at("url").as_string();
  if (has_control_character(url) || url.find(' ') != std::string_view::npos)
    return sdk::invalid_argument("/url: contains a space, line break or control character; refused");
  auto where = parse_target(url);
  if (!where) return sdk::invalid_argument("/url: " + where.error().message());
  call.where = std::move(where).value();
  call.method = std::string(config.at("method").as_string());
  if (auto st = read_headers(config.at("headers").as_object(), call); !st) return st;
  if (const auto* body = config.if_contains("body"); body && body->is_string())
    call.body = std::string(body->as_string());
  call.timeout = std::chrono::milliseconds(config.at("timeout_ms").as_int64());
  if (const auto* expect = config.if_contains("expect_status"))
    if (auto st = read_expected(*expect, call); !st) return st;
  return call;
}

}  // namespace hookflow::plugins::http_request
