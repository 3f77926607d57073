#include "response.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace hookflow::plugins::http_request {
namespace {

constexpr std::size_t excerpt_bytes = 200;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_json_type(std::string_view content_type) {
  auto media = lower(content_type.substr(0, content_type.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media == "application/json" ||
         (media.starts_with("application/") && media.size() > 17 && media.ends_with("+json"));
}

std::string excerpt(std::string_view body) {
  std::string out(body.substr(0, excerpt_bytes));
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  if (body.size() > excerpt_bytes) out += "...";
  return out;
}

}  // namespace

boost::json::object to_output(const http_response& response) {
  boost::json::object headers;
  std::string content_type;
  for (const auto& [name, value] : response.headers) {
    auto key = lower(name);
    if (key == "content-type") content_type = value;
    if (auto* existing = headers.if_contains(key))
      *existing = std::string(existing->as_string()) + ", " + value;
    else
      headers[key] = value;
  }
  boost::json::value body(response.body);
  if (!response.body.empty() && is_json_type(content_type)) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(response.body, ec);
    if (!ec) body = std::move(parsed);
  }
  return {{"status", response.status}, {"headers", std::move(headers)}, {"body", std::move(body)}};
}

sdk::status check_status(const http_call& call, const http_response& response) {
  int code = response.status;
  bool expected = call.expect_status.empty() ? code >= 200 && code <= 299
                                             : std::find(call.expect_status.begin(), call.expect_status.end(), code) !=
                                                   call.expect_status.end();
  if (expected) return {};
  auto message = call.method + " " + call.where.display + ": HTTP " + std::to_string(code) +
                 (response.body.empty() ? "" : ": " + excerpt(response.body));
  if (code >= 500 || code == 429) return sdk::unavailable(std::move(message));
  if (code == 401 || code == 403) return {sdk::status_code::unauthenticated, std::move(message), false};
  if (code == 404) return sdk::not_found(std::move(message));
  return sdk::invalid_argument(std::move(message));
}

}  // namespace hookflow::plugins::http_request
