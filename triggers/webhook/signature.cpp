#include "signature.hpp"

#include "crypto.hpp"

#include <charconv>

namespace hookflow::triggers::webhook {

namespace {

sdk::status refuse(std::string reason) {
  return {sdk::status_code::unauthenticated, std::move(reason)};
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t at = s.find(sep);
    std::string_view part = s.substr(0, at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

sdk::status check_timestamp(std::string_view text, std::chrono::seconds tolerance,
                            std::chrono::system_clock::time_point now) {
  long long ts = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ts);
  if (ec != std::errc{} || end != text.data() + text.size()) return refuse("malformed timestamp");
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  long long delta = now_s > ts ? now_s - ts : ts - now_s;
  if (delta > tolerance.count()) return refuse("timestamp outside tolerance");
  return {};
}

sdk::status verify_standard(const signature_config& c, std::string_view key, const request_head& head,
                            std::string_view body, std::chrono::system_clock::time_point now) {
  auto id = head.header("webhook-id");
  auto ts = head.header("webhook-timestamp");
  auto sig = head.header("webhook-signature");
  if (!id || !ts || !sig) return refuse("missing signature");
  if (auto s = check_timestamp(*ts, c.tolerance, now); !s) return s;
  const std::string mac = hmac_sha256(key, *id + "." + *ts + "." + std::string(body));
  for (std::string_view entry : split(*sig, ' ')) {
    if (entry.substr(0, 3) != "v1,") continue;
    auto given = from_base64(entry.substr(3));
    if (given && equal_constant_time(mac, *given)) return {};
  }
  return refuse("signature mismatch");
}

sdk::status verify_github(std::string_view key, const request_head& head, std::string_view body) {
  auto sig = head.header("x-hub-signature-256");
  if (!sig) return refuse("missing signature");
  if (sig->rfind("sha256=", 0) != 0) return refuse("malformed signature");
  auto given = from_hex(std::string_view(*sig).substr(7));
  if (given && equal_constant_time(hmac_sha256(key, body), *given)) return {};
  return refuse("signature mismatch");
}

sdk::status verify_stripe(const signature_config& c, std::string_view key, const request_head& head,
                          std::string_view body, std::chrono::system_clock::time_point now) {
  auto sig = head.header("stripe-signature");
  if (!sig) return refuse("missing signature");
  std::string_view ts;
  std::vector<std::string_view> v1;
  for (std::string_view item : split(*sig, ',')) {
    if (item.substr(0, 2) == "t=")
      ts = item.substr(2);
    else if (item.substr(0, 3) == "v1=")
      v1.push_back(item.substr(3));
  }
  if (ts.empty() || v1.empty()) return refuse("malformed signature");
  if (auto s = check_timestamp(ts, c.tolerance, now); !s) return s;
  const std::string mac = hmac_sha256(key, std::string(ts) + "." + std::string(body));
  for (std::string_view hex : v1) {
    auto given = from_hex(hex);
    if (given && equal_constant_time(mac, *given)) return {};
  }
  return refuse("signature mismatch");
}

sdk::status verify_plain(const signature_config& c, std::string_view key, const request_head& head,
                         std::string_view body) {
  auto sig = head.header(c.header);
  if (!sig) return refuse("missing signature");
  std::string_view text = *sig;
  if (text.rfind("sha256=", 0) == 0) text.remove_prefix(7);
  auto given = text.size() == 64 ? from_hex(text) : from_base64(text);
  if (given && equal_constant_time(hmac_sha256(key, body), *given)) return {};
  return refuse("signature mismatch");
}

}  // namespace

std::optional<signature_scheme> parse_signature_scheme(std::string_view text) {
  if (text == "standard-webhooks") return signature_scheme::standard_webhooks;
  if (text == "github") return signature_scheme::github;
  if (text == "stripe") return signature_scheme::stripe;
  if (text == "hmac-sha256") return signature_scheme::hmac_sha256;
  return std::nullopt;
}

std::vector<std::string> signature_headers(const signature_config& config) {
  switch (config.scheme) {
    case signature_scheme::standard_webhooks: return {"webhook-signature"};
    case signature_scheme::github: return {"x-hub-signature-256"};
    case signature_scheme::stripe: return {"stripe-signature"};
    case signature_scheme::hmac_sha256: return {config.header};
  }
  return {};
}

sdk::result<std::string> signing_key(const signature_config& config, std::string_view secret) {
  if (secret.empty()) return sdk::invalid_argument("the signature secret is empty");
  if (config.scheme != signature_scheme::standard_webhooks) return std::string(secret);
  if (secret.rfind("whsec_", 0) == 0) secret.remove_prefix(6);
  auto key = from_base64(secret);
  if (!key || key->empty()) return sdk::invalid_argument("a standard-webhooks secret is \"whsec_\" followed by base64");
  return *key;
}

sdk::status verify_signature(const signature_config& config, std::string_view key, const request_head& head,
                             std::string_view body, std::chrono::system_clock::time_point now) {
  switch (config.scheme) {
    case signature_scheme::standard_webhooks: return verify_standard(config, key, head, body, now);
    case signature_scheme::github: return verify_github(key, head, body);
    case signature_scheme::stripe: return verify_stripe(config, key, head, body, now);
    case signature_scheme::hmac_sha256: return verify_plain(config, key, head, body);
  }
  return refuse("unknown scheme");
}

}  // namespace hookflow::triggers::webhook
