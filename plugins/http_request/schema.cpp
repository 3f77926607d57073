#include "schema.hpp"

namespace hookflow::plugins::http_request {

sdk::config_schema action_fields() {
  sdk::config_field url{"url", sdk::field_type::string, "http:// or https:// URL to call (a template; CR/LF refused)",
                        true};
  url.templated = true;
  url.kind = sdk::text_kind::header;

  sdk::config_field method{"method", sdk::field_type::string, "HTTP method"};
  method.default_value = "GET";
  method.allowed = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};

  sdk::config_field headers{"headers", sdk::field_type::object,
                            "Request headers, name to string value (templates; CR/LF refused)"};
  headers.default_value = boost::json::object{};
  headers.templated = true;
  headers.kind = sdk::text_kind::header;

  sdk::config_field body{"body", sdk::field_type::string, "Request body (a template, sent as rendered)"};
  body.templated = true;

  sdk::config_field timeout{"timeout_ms", sdk::field_type::integer,
                            "Give up after this many milliseconds (connect, TLS, send and receive together)"};
  timeout.default_value = 10'000;
  timeout.min = 1;
  timeout.max = 3'600'000;

  sdk::config_field expect{"expect_status", sdk::field_type::any,
                           "Status codes that count as success, e.g. [200, 404]; default: any 2xx"};
  return {url, method, headers, body, timeout, expect};
}

sdk::config_schema plugin_settings_schema() {
  sdk::config_field max_bytes{"max_response_bytes", sdk::field_type::integer,
                              "Largest response body accepted; a larger one fails the step (not retried)"};
  max_bytes.default_value = 10 * 1024 * 1024;
  max_bytes.min = 1;

  sdk::config_field private_networks{
      "allow_private_networks", sdk::field_type::boolean,
      "Whether URLs may reach loopback, private, link-local and other non-public addresses. Set false when "
      "workflow authors are not trusted with the engine's network position (SSRF)"};
  private_networks.default_value = true;

  sdk::config_field ca_file{"ca_file", sdk::field_type::string,
                            "PEM file of extra CA certificates trusted for https:// (beside the system ones)"};
  ca_file.default_value = "";
  return {max_bytes, private_networks, ca_file};
}

}  // namespace hookflow::plugins::http_request
