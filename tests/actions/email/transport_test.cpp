// Delivery over SMTP to a real server (aiosmtpd) on loopback, without TLS; every test runs
// against a server that offers PIPELINING and one that does not.
#include "support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

namespace hookflow::actions::email {
namespace {

using namespace testing;

json::object step(const std::string& subject = "Report") {
  return {{"to", json::array{"Ops <ops@example.com>"}},
          {"cc", "cc@example.com"},
          {"bcc", "hidden@example.com"},
          {"from", "Hookflow <noreply@example.com>"},
          {"subject", subject},
          {"text", "plain body\n.\nline after a lone dot"}};
}

class EmailTransport : public ::testing::TestWithParam<bool> {
 protected:
  /// Server options, plus --pipelining in the pipelined run.
  std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    if (GetParam()) extra.push_back("--pipelining");
    return extra;
  }
  temp_dir root_;
};

TEST_P(EmailTransport, SendsAPlainMessage) {
  smtp_server server(args());
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  ASSERT_TRUE(a->action) << a->create_error.message();
  auto out = a->send(step());
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto meta = server.wait_for_message(1);
  EXPECT_EQ(meta.at("mail_from"), "noreply@example.com");
  EXPECT_EQ(meta.at("rcpt_tos"), (json::array{"ops@example.com", "cc@example.com", "hidden@example.com"}));
  EXPECT_EQ(meta.at("pipelined"), GetParam());  // MAIL, RCPT x3 and DATA in one write when offered
  const auto& o = out->as_object();
  EXPECT_EQ(o.at("accepted"), meta.at("rcpt_tos"));
  EXPECT_EQ(o.at("reply"), "250 2.0.0 OK queued as 000001");
  auto p = parse_eml(server.outdir() / "000001.eml");
  EXPECT_EQ(p.at("headers").at("message-id"), o.at("message_id"));
  EXPECT_EQ(p.at("body").at("text").as_string(), "plain body\n.\nline after a lone dot\n");
  EXPECT_FALSE(p.at("headers").as_object().contains("bcc"));
}

TEST_P(EmailTransport, SendsMultipartWithAttachments) {
  smtp_server server(args());
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  auto s = step("Résumé attached");
  s["html"] = "<h1>Hi</h1>";
  s["attachments"] = json::array{
      json::object{{"name", "data.json"}, {"content_type", "application/json"}, {"content", "{\"a\":1}"}},
      json::object{{"name", "pixel.gif"}, {"content_type", "image/gif"}, {"content_base64", "R0lGODlhAQABAAAAACw="}}};
  auto out = a->send(s);
  ASSERT_TRUE(out.ok()) << out.error().message();
  server.wait_for_message(1);
  auto p = parse_eml(server.outdir() / "000001.eml");
  EXPECT_EQ(p.at("headers").at("subject").as_string(), "Résumé attached");
  const auto& parts = p.at("body").at("parts").as_array();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].at("content_type").as_string(), "multipart/alternative");
  EXPECT_EQ(parts[1].at("filename").as_string(), "data.json");
  EXPECT_EQ(parts[2].at("base64").as_string(), "R0lGODlhAQABAAAAACw=");
}

TEST_P(EmailTransport, TemporaryFailureIsRetryable) {
  smtp_server server(args({"--mode", "tempfail-once"}));
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  auto first = a->send(step());
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code(), sdk::status_code::unavailable);
  EXPECT_TRUE(first.error().retryable());
  EXPECT_NE(first.error().message().find("451 4.3.0"), std::string::npos) << first.error().message();
  auto second = a->send(step());
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(server.wait_for_message(1).at("mail_from"), "noreply@example.com");
}

TEST_P(EmailTransport, PermanentFailureCarriesTheReplyText) {
  smtp_server server(args({"--mode", "reject"}));
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("550 5.7.1 Message rejected by policy"), std::string::npos)
      << out.error().message();
}

TEST_P(EmailTransport, ServerDownIsRetryable) {
  smtp_server server(args());
  auto port = server.port();
  server.stop();
  auto a = make_action({{"smtp_url", local_url(port)}}, root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::unavailable);
  EXPECT_TRUE(out.error().retryable());
}

TEST_P(EmailTransport, DroppedPooledConnectionGivesARetryableError) {
  auto server = std::make_unique<smtp_server>(args());
  auto port = server->port();
  auto a = make_action({{"smtp_url", local_url(port)}}, root_.path());
  ASSERT_TRUE(a->send(step()).ok());
  server.reset();  // the pooled connection dies with it
  auto down = a->send(step());
  ASSERT_FALSE(down.ok());
  EXPECT_TRUE(down.error().retryable());
}

TEST_P(EmailTransport, ReusesOneConnectionForSeveralMessages) {
  smtp_server server(args());
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(a->send(step("n" + std::to_string(i))).ok());
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(server.wait_for_message(i).at("connection"), 1) << i;
}

TEST_P(EmailTransport, ConcurrentSendsStayWithinThePoolSize) {
  smtp_server server(args());
  auto a = make_action({{"smtp_url", local_url(server.port())}, {"pool_size", 2}}, root_.path());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i)
        if (!a->send(step()).ok()) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  std::set<std::int64_t> connections;
  for (int i = 1; i <= 20; ++i) connections.insert(server.wait_for_message(i).at("connection").as_int64());
  EXPECT_LE(connections.size(), 2u);
}

TEST_P(EmailTransport, RefusesInjectionAttemptsAndSendsNothing) {
  smtp_server server(args());
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  auto subject = step();
  subject["subject"] = "Hi\r\nBcc: victim@evil.test";
  auto to = step();
  to["to"] = json::array{"ops@example.com>\r\nRCPT TO:<victim@evil.test"};
  auto name = step();
  name["from"] = "Eve\r\nBcc: victim@evil.test <eve@example.com>";
  auto header = step();
  header["headers"] = json::object{{"X-Tag", "x\nBcc: victim@evil.test"}};
  for (const auto& s : {subject, to, name, header}) {
    auto out = a->send(s);
    ASSERT_FALSE(out.ok()) << json::serialize(s);
    EXPECT_EQ(out.error().code(), sdk::status_code::invalid_argument);
  }
  ASSERT_TRUE(a->send(step("clean")).ok());
  server.wait_for_message(1);
  EXPECT_EQ(server.saved_count(), 1u);  // the clean one only
  EXPECT_EQ(server.message_text(1).find("victim"), std::string::npos);
}

TEST_P(EmailTransport, RefusedRecipientFailsTheStepAndDeliversToNobody) {
  smtp_server server(args({"--reject-rcpt", "cc@example.com"}));
  auto a = make_action({{"smtp_url", local_url(server.port())}}, root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("RCPT TO <cc@example.com>"), std::string::npos) << out.error().message();
  EXPECT_NE(out.error().message().find("550 5.1.1"), std::string::npos) << out.error().message();
  auto next = step("after the refusal");
  next["cc"] = json::array{};
  ASSERT_TRUE(a->send(next).ok());
  server.wait_for_message(1);
  EXPECT_EQ(parse_eml(server.outdir() / "000001.eml").at("headers").at("subject"), "after the refusal");
}

TEST_P(EmailTransport, AServerRestartBetweenMessagesIsInvisible) {
  auto first = std::make_unique<smtp_server>(args());
  const auto port = first->port();
  auto a = make_action({{"smtp_url", local_url(port)}}, root_.path());
  ASSERT_TRUE(a->send(step("one")).ok());
  first.reset();  // the pooled connection dies with it
  smtp_server second(args({"--port", std::to_string(port)}));
  auto out = a->send(step("two"));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(second.wait_for_message(1).at("connection"), 1);
}

TEST(EmailTimeouts, AServerThatNeverAnswersFailsRetryablyAfterTimeoutMs) {
  temp_dir root;
  silent_listener silent;
  auto a = make_action({{"smtp_url", local_url(silent.port())}, {"timeout_ms", 300}}, root.path());
  const auto started = std::chrono::steady_clock::now();
  auto out = a->send(step());
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::unavailable);
  EXPECT_TRUE(out.error().retryable());
  EXPECT_NE(out.error().message().find("timed out after 300 ms (timeout_ms)"), std::string::npos)
      << out.error().message();
  EXPECT_LT(waited, std::chrono::seconds(10));  // far below the 30 s default: timeout_ms was used
}

TEST(EmailTimeouts, AStepDeadlineNearerThanTimeoutMsShortensTheWaitForAReply) {
  temp_dir root;
  smtp_server stalling({"--mode", "stall-after-data"});
  auto a = make_action({{"smtp_url", local_url(stalling.port())}}, root.path());  // timeout_ms: 30 s
  const auto started = std::chrono::steady_clock::now();
  auto out = a->send(step(), std::chrono::milliseconds(1250));
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(out.error().retryable());
  // What is left of the deadline once connected, rounded down to 100 ms, bounds each reply.
  std::smatch m;
  const std::string message = out.error().message();
  ASSERT_TRUE(std::regex_search(
      message, m, std::regex("timed out after ([0-9]+) ms \\(timeout_ms, shortened by the step's deadline\\)")))
      << message;
  const int limit = std::stoi(m[1]);
  EXPECT_EQ(limit % 100, 0) << message;
  EXPECT_GT(limit, 0);
  EXPECT_LE(limit, 1200);
  EXPECT_GE(waited, std::chrono::milliseconds(limit));
  EXPECT_LT(waited, std::chrono::seconds(10));
}

INSTANTIATE_TEST_SUITE_P(Pipelining, EmailTransport, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Pipelined" : "OneByOne"; });

}  // namespace
}  // namespace hookflow::actions::email
