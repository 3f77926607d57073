#include "compose.hpp"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>
#include <hookflow/sdk/random.hpp>

#include <algorithm>
#include <memory>
#include <sstream>

namespace hookflow::actions::email {
namespace {

using Poco::Net::MailMessage;

constexpr std::size_t fold_at = 76;

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (!hookflow::sdk::buffered_random_bytes(raw.data(), raw.size())) throw std::runtime_error("getrandom failed");
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : raw) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// Folds long ASCII text at spaces (RFC 5322 2.2.3); non-ASCII text becomes encoded words,
// which Poco folds itself.
std::string header_text(const std::string& text) {
  if (!is_ascii(text)) return MailMessage::encodeWord(text, "UTF-8");
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' && line > fold_at - 20) {
      out += "\r\n";
      line = 0;
    }
    out += text[i];
    ++line;
  }
  return out;
}

// One mailbox per line after the first: keeps header lines short whatever the list length.
std::string address_list(const std::vector<mailbox>& boxes) {
  std::string out;
  for (const auto& box : boxes) out += (out.empty() ? "" : ",\r\n ") + format_mailbox(box);
  return out;
}

std::vector<std::string> envelope_recipients(const email_request& req) {
  std::vector<std::string> out;
  for (const auto* list : {&req.to, &req.cc, &req.bcc})
    for (const auto& box : *list)
      if (std::find(out.begin(), out.end(), box.address) == out.end()) out.push_back(box.address);
  return out;
}

void set_headers(MailMessage& msg, const email_request& req, const std::string& message_id,
                 std::chrono::system_clock::time_point now) {
  msg.setSender(format_mailbox(req.from));
  if (!req.to.empty()) msg.set(MailMessage::HEADER_TO, address_list(req.to));
  if (!req.cc.empty()) msg.set(MailMessage::HEADER_CC, address_list(req.cc));
  if (req.reply_to) msg.set("Reply-To", format_mailbox(*req.reply_to));
  msg.set(MailMessage::HEADER_SUBJECT, header_text(req.subject));
  msg.setDate(Poco::Timestamp::fromEpochTime(std::chrono::system_clock::to_time_t(now)));
  msg.set("Message-ID", message_id);
  msg.set("MIME-Version", "1.0");  // Poco writes it only for multipart messages (RFC 2045 4)
  if (!req.in_reply_to.empty()) msg.set("In-Reply-To", req.in_reply_to);
  if (!req.references.empty()) msg.set("References", header_text(req.references));
  for (const auto& [name, value] : req.headers) msg.set(name, header_text(value));
}

// A text body ready for MailMessage: 7bit when it is ASCII in lines short enough for SMTP
// (RFC 5322 2.1.1: 998 characters; its line ends become CRLF), else transfer_encoding's choice,
// which Poco encodes a character at a time through a stream. Most generated mail (JSON, logs,
// English) needs no encoding at all.
struct text_body {
  std::string text;
  MailMessage::ContentTransferEncoding encoding = MailMessage::ENCODING_7BIT;
};

// For text that is not 7bit: quoted-printable writes each byte outside printable ASCII as three
// characters, fine for mostly-ASCII text (accents, JSON, long lines); when over a third of the
// bytes need it (Cyrillic, CJK, emoji) base64 is smaller, and it bounds any body's growth to
// about 4/3.
MailMessage::ContentTransferEncoding transfer_encoding(std::string_view text) {
  const auto escaped = std::count_if(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || c == '=' || (c < 0x20 && c != '\r' && c != '\n' && c != '\t');
  });
  return static_cast<std::size_t>(escaped) * 3 > text.size() ? MailMessage::ENCODING_BASE64
                                                             : MailMessage::ENCODING_QUOTED_PRINTABLE;
}

text_body encoded(const std::string& text) {
  text_body out;
  out.text.reserve(text.size() + text.size() / 32);
  std::size_t line = 0;
  std::size_t run = 0;  // text[run, i) is not yet in out.text: ASCII, no line end
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n') {
      out.text.append(text, run, i - run).append("\r\n");
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      run = i + 1;
      line = 0;
      continue;
    }
    if (c >= 0x80 || c == 0 || ++line > 998) return {text, transfer_encoding(text)};
  }
  out.text.append(text, run);
  return out;
}

Poco::Net::PartSource* text_part(const text_body& body, const char* media_type) {
  return new Poco::Net::StringPartSource(body.text, std::string(media_type) + "; charset=UTF-8");
}

// The body as one part source: text, html, or multipart/alternative of both.
Poco::Net::PartSource* body_part(const text_body& text, const text_body& html) {
  if (html.text.empty()) return text_part(text, "text/plain");
  if (text.text.empty()) return text_part(html, "text/html");
  auto alt = std::make_unique<Poco::Net::MultipartSource>("multipart/alternative");
  alt->addPart("", text_part(text, "text/plain"), MailMessage::CONTENT_INLINE, text.encoding);
  alt->addPart("", text_part(html, "text/html"), MailMessage::CONTENT_INLINE, html.encoding);
  return alt.release();
}

void set_body(MailMessage& msg, const email_request& req) {
  const text_body text = encoded(req.text), html = encoded(req.html);
  const bool alternative = !req.text.empty() && !req.html.empty();
  const text_body& only = req.html.empty() ? text : html;  // the body when not alternative
  if (req.attachments.empty() && !alternative) {
    msg.setContentType((req.html.empty() ? "text/plain" : "text/html") + std::string("; charset=UTF-8"));
    msg.setContent(only.text, only.encoding);
    return;
  }
  if (req.attachments.empty()) {
    msg.setContentType("multipart/alternative");
    msg.addContent(text_part(text, "text/plain"), text.encoding);
    msg.addContent(text_part(html, "text/html"), html.encoding);
    return;
  }
  msg.setContentType("multipart/mixed");
  if (!req.text.empty() || !req.html.empty())
    msg.addContent(body_part(text, html), alternative ? MailMessage::ENCODING_7BIT : only.encoding);
  for (const auto& a : req.attachments) {
    auto name = MailMessage::encodeWord(a.name, "UTF-8");
    msg.addAttachment(name, new Poco::Net::StringPartSource(a.data, a.content_type, name),
                      MailMessage::ENCODING_BASE64);
  }
}

std::string domain_of(const std::string& address) {
  return address.substr(address.rfind('@') + 1);
}

}  // namespace

composed_message compose(const email_request& req, std::chrono::system_clock::time_point now) {
  composed_message out;
  out.message_id = "<" + random_hex(16) + "@" + domain_of(req.from.address) + ">";
  out.envelope_from = req.from.address;
  out.recipients = envelope_recipients(req);
  MailMessage msg;
  set_headers(msg, req, out.message_id, now);
  set_body(msg, req);
  std::ostringstream data;
  msg.write(data);
  out.data = std::move(data).str();
  return out;
}

}  // namespace hookflow::actions::email
