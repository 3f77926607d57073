#pragma once
// The validated content of one `email.send` step, built from its rendered config. Everything
// the config table cannot check is checked here (defence in depth: Poco passes CR/LF through
// into headers and SMTP commands, so nothing with a control character gets past this point).

#include "address.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hookflow::actions::email {

struct attachment {
  std::string name;          // file name, no control characters, no path separators
  std::string content_type;  // type/subtype
  std::string data;          // raw bytes (decoded from content_base64, or the content text)
};

struct email_request {
  mailbox from;
  std::vector<mailbox> to, cc, bcc;
  std::optional<mailbox> reply_to;
  std::string subject, text, html;  // UTF-8
  std::vector<attachment> attachments;
  std::vector<std::pair<std::string, std::string>> headers;  // custom headers, in config order
  std::string in_reply_to, references;
};

/// Builds the request from a step config (already validated against `send_fields()`).
/// `default_from` (the plugin's `from` setting, may be empty) is used when the step has none.
/// Errors: `invalid_argument` (not retryable) with a message naming the field.
sdk::result<email_request> parse_request(const boost::json::object& config, const std::string& default_from);

}  // namespace hookflow::actions::email
