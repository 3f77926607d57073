// Message composition, checked with an independent parser (Python's email package).
#include "compose.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace hookflow::actions::email {
namespace {

using testing::parse_eml;
using testing::temp_dir;
namespace json = boost::json;

email_request base_request() {
  email_request r;
  r.from = {"Hookflow", "noreply@example.com"};
  r.to = {{"", "ops@example.com"}};
  r.subject = "Hello";
  r.text = "Body line 1\nBody line 2";
  return r;
}

json::object parsed(const composed_message& m, const temp_dir& dir) {
  auto file = dir.path() / "m.eml";
  std::ofstream(file, std::ios::binary) << m.data;
  return parse_eml(file);
}

const json::object& part(const json::object& body, std::size_t i) {
  return body.at("parts").as_array()[i].as_object();
}

TEST(EmailCompose, EncodesUtf8SubjectAndDisplayName) {
  temp_dir dir;
  auto r = base_request();
  r.subject = "Überweisung für Zoë — 東京 ✓ with a rather long subject line that needs folding somewhere";
  r.to = {{"Zoë Müller", "zoe@example.com"}};
  auto p = parsed(compose(r, std::chrono::system_clock::now()), dir);
  EXPECT_TRUE(p.at("headers_ascii").as_bool());
  EXPECT_EQ(p.at("headers").at("subject").as_string(), r.subject);
  EXPECT_EQ(p.at("headers").at("to").as_string(), "Zoë Müller <zoe@example.com>");
  EXPECT_TRUE(p.at("defects").as_array().empty());
}

TEST(EmailCompose, SetsDateAndMessageIdFromSenderDomain) {
  temp_dir dir;
  auto m = compose(base_request(), std::chrono::system_clock::now());
  auto p = parsed(m, dir);
  EXPECT_EQ(p.at("headers").at("message-id").as_string(), m.message_id);
  EXPECT_TRUE(m.message_id.ends_with("@example.com>"));
  EXPECT_TRUE(p.at("headers").as_object().contains("date"));
}

TEST(EmailCompose, DeclaresMimeOnceForSingleAndMultipartMessages) {
  temp_dir dir;
  auto single = base_request();
  auto multi = base_request();
  multi.html = "<p>hi</p>";
  for (const auto& r : {single, multi}) {
    auto p = parsed(compose(r, std::chrono::system_clock::now()), dir);
    EXPECT_EQ(p.at("headers").at("mime-version").as_string(), "1.0");
    const auto& names = p.at("header_names").as_array();
    EXPECT_EQ(std::count(names.begin(), names.end(), json::value("mime-version")), 1);
  }
}

TEST(EmailCompose, SendsAsciiTextUnencodedWithCrlfLineEnds) {
  temp_dir dir;
  auto r = base_request();
  r.text = "{\"title\": \"a\"}\nline two\r\nline three\rend";
  auto m = compose(r, std::chrono::system_clock::now());
  auto body = parsed(m, dir).at("body").as_object();
  EXPECT_EQ(body.at("transfer_encoding").as_string(), "7bit");
  EXPECT_EQ(body.at("text").as_string(), "{\"title\": \"a\"}\nline two\nline three\nend");
  EXPECT_NE(m.data.find("line two\r\nline three\r\nend"), std::string::npos);
}

TEST(EmailCompose, EncodesTextThatIsNot7bitInTheSmallerOfQuotedPrintableAndBase64) {
  temp_dir dir;
  auto encoding_of = [&](const std::string& text) {
    auto r = base_request();
    r.text = text;
    auto body = parsed(compose(r, std::chrono::system_clock::now()), dir).at("body").as_object();
    EXPECT_EQ(body.at("text").as_string(), text) << "decoded text differs";
    return std::string(body.at("transfer_encoding").as_string());
  };
  EXPECT_EQ(encoding_of(std::string(998, 'x')), "7bit");  // at the limit
  EXPECT_EQ(encoding_of(std::string(999, 'x')), "quoted-printable");
  EXPECT_EQ(encoding_of("short\n" + std::string(998, 'y') + "\nshort"), "7bit");
  EXPECT_EQ(encoding_of("Viele Gr\xC3\xBC\xC3\x9F"
                        "e aus K\xC3\xB6ln"),
            "quoted-printable");  // 6 of 23 bytes escaped
  // Cyrillic: every letter two bytes outside ASCII, so quoted-printable would triple it.
  EXPECT_EQ(encoding_of("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80"), "base64");
}

TEST(EmailCompose, BuildsMultipartAlternativeForTextAndHtml) {
  temp_dir dir;
  auto r = base_request();
  r.html = "<p>Hi &amp; bye</p>";
  auto body = parsed(compose(r, std::chrono::system_clock::now()), dir).at("body").as_object();
  EXPECT_EQ(body.at("content_type").as_string(), "multipart/alternative");
  ASSERT_EQ(body.at("parts").as_array().size(), 2u);
  EXPECT_EQ(part(body, 0).at("content_type").as_string(), "text/plain");
  EXPECT_EQ(part(body, 0).at("text").as_string(), "Body line 1\nBody line 2");
  EXPECT_EQ(part(body, 1).at("content_type").as_string(), "text/html");
  EXPECT_EQ(part(body, 1).at("text").as_string(), "<p>Hi &amp; bye</p>");
}

TEST(EmailCompose, AddsAttachmentsAroundTheAlternativeBody) {
  temp_dir dir;
  auto r = base_request();
  r.html = "<b>x</b>";
  std::string binary("\x00\x01\xff\r\n.\r\nend", 11);
  r.attachments = {{"report.csv", "text/csv", "a,b\n1,2\n"}, {"blob.bin", "application/octet-stream", binary}};
  auto body = parsed(compose(r, std::chrono::system_clock::now()), dir).at("body").as_object();
  EXPECT_EQ(body.at("content_type").as_string(), "multipart/mixed");
  ASSERT_EQ(body.at("parts").as_array().size(), 3u);
  EXPECT_EQ(part(body, 0).at("content_type").as_string(), "multipart/alternative");
  EXPECT_EQ(part(body, 1).at("filename").as_string(), "report.csv");
  EXPECT_EQ(part(body, 1).at("content_type").as_string(), "text/csv");
  EXPECT_EQ(part(body, 2).at("filename").as_string(), "blob.bin");
  EXPECT_EQ(part(body, 2).at("base64").as_string(), "AAH/DQouDQplbmQ=");
}

TEST(EmailCompose, KeepsBccOutOfTheHeadersButInTheEnvelope) {
  temp_dir dir;
  auto r = base_request();
  r.cc = {{"", "cc@example.com"}};
  r.bcc = {{"", "secret@example.com"}, {"", "ops@example.com"}};
  auto m = compose(r, std::chrono::system_clock::now());
  auto p = parsed(m, dir);
  EXPECT_EQ(m.data.find("secret@example.com"), std::string::npos);
  EXPECT_EQ(p.at("headers").at("cc").as_string(), "cc@example.com");
  EXPECT_EQ(m.recipients, (std::vector<std::string>{"ops@example.com", "cc@example.com", "secret@example.com"}));
}

TEST(EmailCompose, WritesCustomAndThreadingHeaders) {
  temp_dir dir;
  auto r = base_request();
  r.headers = {{"X-Priority", "1"}, {"X-Note", "café"}};
  r.in_reply_to = "<a1@example.com>";
  r.references = "<a0@example.com> <a1@example.com>";
  r.reply_to = mailbox{"Help Desk", "help@example.com"};
  auto h = parsed(compose(r, std::chrono::system_clock::now()), dir).at("headers").as_object();
  EXPECT_EQ(h.at("x-priority").as_string(), "1");
  EXPECT_EQ(h.at("x-note").as_string(), "café");
  EXPECT_EQ(h.at("in-reply-to").as_string(), "<a1@example.com>");
  EXPECT_EQ(h.at("references").as_string(), "<a0@example.com> <a1@example.com>");
  EXPECT_EQ(h.at("reply-to").as_string(), "Help Desk <help@example.com>");
}

}  // namespace
}  // namespace hookflow::actions::email
