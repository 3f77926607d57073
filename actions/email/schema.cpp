#include "schema.hpp"

#include "settings.hpp"

namespace hookflow::actions::email {
namespace {

sdk::config_field integer(std::string name, std::string description, std::int64_t def, std::int64_t min,
                          std::int64_t max) {
  sdk::config_field f{std::move(name), sdk::field_type::integer, std::move(description)};
  f.default_value = def;
  f.min = min;
  f.max = max;
  return f;
}

// A templated field whose rendered text the engine checks (or escapes) for `kind`.
sdk::config_field templated(std::string name, sdk::field_type type, std::string description, sdk::text_kind kind) {
  sdk::config_field f{std::move(name), type, std::move(description)};
  f.templated = true;
  f.kind = kind;
  return f;
}

}  // namespace

sdk::config_schema plugin_settings_schema() {
  sdk::config_field url{"smtp_url", sdk::field_type::string,
                        "SMTP server, e.g. smtp://user:pass@smtp.example.com:587?tls=starttls or "
                        "smtps://user:pass@host:465; options tls=none|starttls|starttls-optional|implicit, "
                        "auth=plain|login|none, timeout_ms. Default: the HOOKFLOW_SMTP_URL environment "
                        "variable; with neither, messages are written to <data_dir>/outbox as .eml files"};
  url.secret = true;
  return {
      url,
      {"from", sdk::field_type::string,
       "Default sender (\"Name <addr>\" or addr) for steps without a from; absent: the SMTP user name when it is "
       "an address, else hookflow@<host name> (hookflow@localhost when the host name has no dot)"},
      {"ca_file", sdk::field_type::string, "Extra trusted CA certificate file (PEM), besides the system ones"},
      integer("connect_timeout_ms", "Time allowed to open a connection (TCP and TLS handshake)", 10000, 1, 600000),
      integer("timeout_ms", "Time allowed for each server reply (the URL's timeout_ms wins)", 30000, 1, 3600000),
      integer("pool_size", "Connections kept open and used at once per server", 4, 1, 256),
      integer("max_message_bytes", "Largest message accepted, headers and encoded attachments included",
              static_cast<std::int64_t>(default_max_message_bytes), 1024, INT64_MAX),
  };
}

sdk::config_schema send_fields() {
  using sdk::field_type;
  using sdk::text_kind;
  auto attachments = templated("attachments", field_type::any,
                               "Array of {\"name\", \"content_type\", and \"content\" (text) or "
                               "\"content_base64\"}; every string is a template",
                               text_kind::plain);
  auto headers = templated(
      "headers", field_type::object,
      "Extra headers, e.g. {\"X-Priority\": \"1\"}; values are templates, refused with line breaks", text_kind::header);
  return {
      templated("to", field_type::string_list, "Recipients (\"Name <addr>\" or addr)", text_kind::header),
      templated("cc", field_type::string_list, "Copy recipients", text_kind::header),
      templated("bcc", field_type::string_list, "Blind copy recipients (not shown in the headers)", text_kind::header),
      templated("from", field_type::string, "Sender; default: the plugin's from setting", text_kind::header),
      templated("reply_to", field_type::string, "Reply-To address", text_kind::header),
      templated("subject", field_type::string, "Subject (any Unicode text)", text_kind::header),
      templated("text", field_type::string, "Plain-text body", text_kind::plain),
      templated("html", field_type::string, "HTML body (with text: multipart/alternative)", text_kind::html),
      attachments,
      headers,
      templated("in_reply_to", field_type::string, "In-Reply-To header (a message id)", text_kind::header),
      templated("references", field_type::string, "References header (message ids)", text_kind::header),
  };
}

}  // namespace hookflow::actions::email
