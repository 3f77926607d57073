#pragma once
// Turns a validated request into the bytes of an RFC 5322 message (MIME, via Poco MailMessage).

#include "request.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace hookflow::actions::email {

struct composed_message {
  std::string message_id;               // "<random@sender-domain>", also in the Message-ID header
  std::string envelope_from;            // bare sender address, for MAIL FROM
  std::vector<std::string> recipients;  // to, cc and bcc addresses, de-duplicated, in that order
  std::string data;                     // the whole message, CRLF line ends, not dot-stuffed
};

/// Threads: pure function, safe to call concurrently. Structure: text/plain or text/html;
/// multipart/alternative for both; multipart/mixed around the body when there are
/// attachments. Non-ASCII subjects, display names and custom header values are RFC 2047
/// encoded; Bcc recipients appear in no header. Throws only on allocation failure or a Poco
/// bug (the request has been validated).
composed_message compose(const email_request& request, std::chrono::system_clock::time_point now);

}  // namespace hookflow::actions::email
