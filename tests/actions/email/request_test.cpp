// Validation of step configs: what the config table cannot check.
#include "request.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

json::object step() {
  return {{"to", json::array{"ops@example.com"}}, {"from", "Hookflow <noreply@example.com>"}, {"subject", "Hi"}};
}

sdk::status error_of(const json::object& config, const std::string& default_from = "") {
  return parse_request(config, default_from).error();
}

TEST(EmailRequest, AcceptsNamedAndBareAddresses) {
  auto c = step();
  c["to"] = json::array{"Ada Lovelace <ada@example.com>", "\"Lovelace, Ada\" <ada2@example.com>", "b@example.org"};
  auto r = parse_request(c, "");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->to[1].display_name, "Lovelace, Ada");
  EXPECT_EQ(r->to[2].address, "b@example.org");
}

TEST(EmailRequest, RequiresARecipient) {
  auto c = step();
  c.erase("to");
  auto st = error_of(c);
  EXPECT_EQ(st.code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(st.retryable());
}

TEST(EmailRequest, UsesDefaultSenderAndRequiresOne) {
  auto c = step();
  c.erase("from");
  EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument);
  auto r = parse_request(c, "Bot <bot@example.com>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->from.address, "bot@example.com");
}

TEST(EmailRequest, RefusesInvalidAddresses) {
  for (const char* bad : {"no-at-sign", "a@b", "a b@example.com", "a@exa mple.com", "<>", "a@-x.com",
                          "one@example.com, two@example.com", "x@example.com>"}) {
    auto c = step();
    c["to"] = json::array{bad};
    EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument) << bad;
  }
}

TEST(EmailRequest, RefusesLineBreaksInSubject) {
  auto c = step();
  c["subject"] = "Hi\r\nBcc: victim@evil.test";
  EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument);
  c["subject"] = "Hi\nX-Injected: yes";
  EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument);
}

TEST(EmailRequest, RefusesLineBreaksInAddressesAndDisplayNames) {
  for (const char* bad : {"ops@example.com\r\nRCPT TO:<victim@evil.test>", "Eve\r\nBcc: v@evil.test <e@example.com>",
                          "Eve\n <e@example.com>", "e@example.com\x01"}) {
    auto c = step();
    c["to"] = json::array{bad};
    EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument) << bad;
    auto f = step();
    f["from"] = bad;
    EXPECT_EQ(error_of(f).code(), sdk::status_code::invalid_argument) << bad;
  }
}

TEST(EmailRequest, RefusesBadCustomHeaders) {
  for (auto headers :
       {json::object{{"X-A", "1\r\nBcc: v@evil.test"}}, json::object{{"X-A\r\nBcc", "1"}},
        json::object{{"Bcc", "v@evil.test"}}, json::object{{"content-type", "text/html"}}, json::object{{"X-A", 1}}}) {
    auto c = step();
    c["headers"] = headers;
    EXPECT_EQ(error_of(c).code(), sdk::status_code::invalid_argument) << json::serialize(headers);
  }
}

TEST(EmailRequest, RefusesEveryContentHeaderAndMimeVersion) {
  for (const char* name : {"Content-Type", "content-transfer-encoding", "Content-Disposition", "Content-ID",
                           "CONTENT-LANGUAGE", "Content-Description", "content-", "MIME-Version", "mime-version"}) {
    auto c = step();
    c["headers"] = json::object{{name, "x"}};
    auto st = error_of(c);
    EXPECT_EQ(st.code(), sdk::status_code::invalid_argument) << name;
    EXPECT_NE(st.message().find("set by the action itself"), std::string::npos) << name << ": " << st.message();
  }
  auto c = step();
  c["headers"] = json::object{{"X-Content-Type-Options", "nosniff"}, {"Contents", "x"}, {"X-Mime-Version", "1"}};
  auto r = parse_request(c, "");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->headers.size(), 3u);
}

TEST(EmailRequest, DecodesBase64AttachmentsAndChecksTheirShape) {
  auto c = step();
  c["attachments"] = json::array{json::object{{"name", "a.bin"}, {"content_base64", "AAH/"}},
                                 json::object{{"name", "b.txt"}, {"content_type", "text/plain"}, {"content", "hi"}}};
  auto r = parse_request(c, "");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->attachments[0].data, std::string("\x00\x01\xff", 3));
  EXPECT_EQ(r->attachments[0].content_type, "application/octet-stream");
  EXPECT_EQ(r->attachments[1].data, "hi");
  for (auto bad : {json::value(json::object{{"name", "x"}}), json::value(json::object{{"content", "x"}}),
                   json::value(json::object{{"name", "../x"}, {"content", "x"}}),
                   json::value(json::object{{"name", "x"}, {"content_base64", "!!!"}}),
                   json::value(json::object{{"name", "x"}, {"content", "x"}, {"content_type", "text/plain\r\nX: y"}}),
                   json::value("string")}) {
    auto b = step();
    b["attachments"] = json::array{bad};
    EXPECT_EQ(error_of(b).code(), sdk::status_code::invalid_argument) << json::serialize(bad);
  }
}

}  // namespace
}  // namespace hookflow::actions::email
