// Outbox mode: no SMTP server configured.
#include "support.hpp"

#include "settings.hpp"

#include <Poco/Environment.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace hookflow::actions::email {
namespace {

using namespace testing;

class EmailOutbox : public ::testing::Test {
 protected:
  void SetUp() override { ::unsetenv("HOOKFLOW_SMTP_URL"); }
  temp_dir root_;
};

json::object step(std::string text = "hello") {
  return {{"to", "Ops <ops@example.com>"}, {"from", "noreply@example.com"}, {"subject", "Grüße"}, {"text", text}};
}

TEST_F(EmailOutbox, WritesAParseableEmlFileIntoDataDirOutbox) {
  auto a = make_action({}, root_.path());
  ASSERT_TRUE(a->action) << a->create_error.message();
  auto out = a->send(step());
  ASSERT_TRUE(out.ok()) << out.error().message();
  const auto& o = out->as_object();
  fs::path file(std::string(o.at("file").as_string()));
  EXPECT_EQ(file.parent_path(), root_.path() / "outbox");
  EXPECT_EQ(file.extension(), ".eml");
  EXPECT_EQ(o.at("accepted"), json::array{"ops@example.com"});
  auto p = parse_eml(file);
  EXPECT_EQ(p.at("headers").at("subject").as_string(), "Grüße");
  EXPECT_EQ(p.at("headers").at("message-id"), o.at("message_id"));
  EXPECT_EQ(p.at("body").at("text").as_string(), "hello");
  EXPECT_TRUE(p.at("defects").as_array().empty());
}

TEST_F(EmailOutbox, AStepWithoutFromIsSentFromTheFallbackSender) {
  // DESIGN.md's example: to, subject and text only.
  auto a = make_action({}, root_.path());
  auto out = a->send({{"to", json::array{"ops@example.com"}}, {"subject", "New note"}, {"text", "{}"}});
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto p = parse_eml(fs::path(std::string(out->as_object().at("file").as_string())));
  EXPECT_EQ(p.at("headers").at("from").as_string(), fallback_sender({}, Poco::Environment::nodeName()));
}

TEST_F(EmailOutbox, TheDefaultSizeLimitHoldsTheWebhooksLargestBodyAsText) {
  // The webhook's default max_body_bytes (32 MiB) of Cyrillic text, the worst case for a text
  // body (every byte outside ASCII), mailed as `{{$request}}` would mail it: sent, not refused.
  std::string text = "{\"body\":\"";
  while (text.size() < 32u * 1024 * 1024) text += "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 ";
  text += "\"}";
  auto a = make_action({}, root_.path());
  auto out = a->send(step(text));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_LT(fs::file_size(std::string(out->as_object().at("file").as_string())), 46u * 1024 * 1024);
}

TEST_F(EmailOutbox, LeavesNoTemporaryFiles) {
  auto a = make_action({}, root_.path());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(a->send(step()).ok());
  std::size_t eml = 0, other = 0;
  for (const auto& e : fs::directory_iterator(root_.path() / "outbox"))
    (e.path().extension() == ".eml" ? eml : other)++;
  EXPECT_EQ(eml, 5u);
  EXPECT_EQ(other, 0u);
}

TEST_F(EmailOutbox, AcceptsAMessageAtTheSizeLimitAndRefusesOnePast) {
  const std::string text(4000, 'x');
  auto probe = make_action({}, root_.path());
  auto first = probe->send(step(text));
  ASSERT_TRUE(first.ok());
  auto size = fs::file_size(std::string(first->as_object().at("file").as_string()));
  auto at = make_action({{"max_message_bytes", size}}, root_.path());
  EXPECT_TRUE(at->send(step(text)).ok());
  auto past = make_action({{"max_message_bytes", size - 1}}, root_.path());
  auto refused = past->send(step(text));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(refused.error().retryable());
  EXPECT_NE(refused.error().message().find("max_message_bytes"), std::string::npos);
}

TEST_F(EmailOutbox, RefusesInjectionAttemptsAndWritesNothing) {
  auto a = make_action({}, root_.path());
  std::vector<json::object> attempts;
  for (auto [key, value] :
       {std::pair{"subject", "Hi\r\nBcc: victim@evil.test"},
        std::pair{"to", "ops@example.com\r\nBcc: victim@evil.test"},
        std::pair{"to", "Eve\nBcc: victim@evil.test <e@example.com>"}, std::pair{"reply_to", "r@example.com\rX: y"}}) {
    auto s = step();
    s[key] = value;
    attempts.push_back(s);
  }
  auto h = step();
  h["headers"] = json::object{{"X-Tag", "a\r\nBcc: victim@evil.test"}};
  attempts.push_back(h);
  for (const auto& s : attempts) {
    auto out = a->send(s);
    ASSERT_FALSE(out.ok()) << json::serialize(s);
    EXPECT_EQ(out.error().code(), sdk::status_code::invalid_argument);
  }
  EXPECT_TRUE(fs::is_empty(root_.path() / "outbox"));
}

}  // namespace
}  // namespace hookflow::actions::email
