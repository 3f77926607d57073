#include "settings.hpp"

#include <charconv>

namespace hookflow::triggers::webhook {

namespace json = boost::json;

namespace {

sdk::config_field integer_field(std::string name, std::string description, std::int64_t def, std::int64_t min,
                                std::int64_t max) {
  sdk::config_field f{.name = std::move(name),
                      .type = sdk::field_type::integer,
                      .description = std::move(description),
                      .default_value = def};
  f.min = min;
  f.max = max;
  return f;
}

sdk::config_field string_field(std::string name, std::string description, json::value def) {
  return {.name = std::move(name),
          .type = sdk::field_type::string,
          .description = std::move(description),
          .default_value = std::move(def)};
}

std::int64_t int_of(const json::object& o, std::string_view key) {
  return o.at(key).as_int64();
}

std::string string_of(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

sdk::config_schema settings_schema() {
  return {
      string_field("listen", "Address the webhook listener binds, \"host:port\" (port 0: any free port)",
                   "0.0.0.0:8080"),
      string_field("public_url", "Base URL clients use, e.g. https://hooks.example.com (default: the bound address)",
                   nullptr),
      integer_field("max_body_bytes", "Largest request body accepted (413 above)", 33554432, 0, INT64_MAX),
      integer_field("io_threads", "Threads serving HTTP", 2, 1, 256),
      integer_field("max_connections", "Open connections above this are closed at once", 10000, 1, 10000000),
      integer_field("header_limit_bytes", "Largest request line plus headers (431 above)", 16384, 1024, 1048576),
      integer_field("read_timeout_ms",
                    "Time allowed to receive a request's line and headers, and the longest pause while its body "
                    "arrives (408 after)",
                    30000, 1, 3600000),
      integer_field("idle_timeout_ms", "Keep-alive connections idle this long are closed", 60000, 1, 3600000),
      integer_field("max_pending_auth_checks", "Basic-auth password checks (PBKDF2) waiting at once; more get 429", 64,
                    1, 100000),
      string_field("tls_cert_file", "PEM certificate chain; with tls_key_file, serves HTTPS", nullptr),
      string_field("tls_key_file", "PEM private key for tls_cert_file", nullptr),
      {.name = "trusted_proxies",
       .type = sdk::field_type::string_list,
       .description = "Reverse proxies (addresses or CIDR blocks) whose X-Forwarded-For names the client that "
                      "allow_ips checks; empty: the connecting address is the client",
       .default_value = json::array{}},
  };
}

sdk::result<server_settings> parse_settings(const json::object& v) {
  server_settings s;
  const std::string listen = string_of(v, "listen");
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos)
    return sdk::invalid_argument("/listen: expected \"host:port\", got \"" + listen + "\"");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (host.empty() || first == last || ec != std::errc{} || end != last || port > 65535)
    return sdk::invalid_argument("/listen: expected \"host:port\", got \"" + listen + "\"");
  s.listen_host = host;
  s.listen_port = static_cast<std::uint16_t>(port);
  s.public_url = string_of(v, "public_url");
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.max_body_bytes = static_cast<std::uint64_t>(int_of(v, "max_body_bytes"));
  s.io_threads = static_cast<int>(int_of(v, "io_threads"));
  s.max_connections = static_cast<std::size_t>(int_of(v, "max_connections"));
  s.header_limit_bytes = static_cast<std::uint32_t>(int_of(v, "header_limit_bytes"));
  s.read_timeout = std::chrono::milliseconds(int_of(v, "read_timeout_ms"));
  s.idle_timeout = std::chrono::milliseconds(int_of(v, "idle_timeout_ms"));
  s.max_pending_auth_checks = static_cast<std::size_t>(int_of(v, "max_pending_auth_checks"));
  s.tls_cert_file = string_of(v, "tls_cert_file");
  s.tls_key_file = string_of(v, "tls_key_file");
  if (s.tls_cert_file.empty() != s.tls_key_file.empty())
    return sdk::invalid_argument("/tls_cert_file: tls_cert_file and tls_key_file go together");
  std::vector<std::string> proxies;
  if (auto* list = v.if_contains("trusted_proxies"); list && list->is_array())
    for (const auto& p : list->get_array())
      if (p.is_string()) proxies.emplace_back(p.get_string());
  auto trusted = ip_filter::parse(proxies);
  if (!trusted) return sdk::invalid_argument("/trusted_proxies: " + trusted.error().message());
  s.trusted_proxies = std::move(trusted).value();
  return s;
}

std::string default_public_url(const std::string& host, std::uint16_t port, bool tls) {
  std::string shown = host;
  if (shown == "0.0.0.0")
    shown = "127.0.0.1";
  else if (shown == "::")
    shown = "::1";
  if (shown.find(':') != std::string::npos) shown = "[" + shown + "]";
  return std::string(tls ? "https://" : "http://") + shown + ":" + std::to_string(port);
}

}  // namespace hookflow::triggers::webhook
