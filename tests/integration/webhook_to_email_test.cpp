// The seed's example end to end: a webhook POST runs a workflow whose Send Email step puts
// {{$request}} in the body and {{$request.body.title}} in the subject; the message arrives at
// a real SMTP server (aiosmtpd). When that server is down at first, runs wait and deliver; a
// 4xx reply is retried by the runner, a 5xx one fails the run at once.
#include "support/engine_process.hpp"

#include <gtest/gtest.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace {

namespace json = boost::json;
using hookflow::testing::engine_process;
using hookflow::testing::listening_process;
using hookflow::testing::read_file;
using hookflow::testing::temp_dir;
using hookflow::testing::wait_until;

int free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

// The email tests' aiosmtpd server on a chosen port, saving NNNNNN.eml/.json into a folder;
// `options` are the script's other options (e.g. {"--mode", "reject"}). The constructor
// returns once the server listens, so a test can count the attempts a run needed.
class smtp_sink {
 public:
  explicit smtp_sink(int port, std::vector<std::string> options = {}) {
    std::vector<std::string> argv{"/usr/bin/python3",   HOOKFLOW_SMTP_SERVER, "--port",
                                  std::to_string(port), "--outdir",           dir_.path().string()};
    argv.insert(argv.end(), options.begin(), options.end());
    process_ = std::make_unique<listening_process>(argv);
  }
  /// Messages saved so far (each has a .json once complete).
  std::size_t saved() const {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path())) n += e.path().extension() == ".json";
    return n;
  }
  bool has(int n) const {
    char stem[16];
    std::snprintf(stem, sizeof stem, "%06d", n);
    return std::filesystem::exists(dir_ / (std::string(stem) + ".json"));
  }
  /// Message `n` as Python's email package reads it: decoded headers and body.
  json::value parsed(int n) const {
    char stem[16];
    std::snprintf(stem, sizeof stem, "%06d", n);
    auto r = hookflow::testing::run_command(
        {"/usr/bin/python3", HOOKFLOW_PARSE_EML, (dir_ / (std::string(stem) + ".eml")).string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }

 private:
  temp_dir dir_;
  std::unique_ptr<listening_process> process_;
};

std::string email_config(int port) {
  return R"("email": {"smtp_url": "smtp://127.0.0.1:)" + std::to_string(port) +
         R"(?tls=none", "from": "Hookflow <flow@example.com>"})";
}

const char* const seed_workflow = R"({
  "id": "note-to-email", "trigger": {"type": "webhook"},
  "steps": [{"id": "notify", "type": "email.send",
             "config": {"to": ["ops@example.com"], "subject": "New note: {{$request.body.title}}",
                        "text": "{{$request}}"},
             "retry": {"max_attempts": 50, "initial_delay_ms": 50, "max_delay_ms": 200}}]})";

std::string hook_url(engine_process& engine, const std::string& workflow = "note-to-email") {
  auto r = engine.admin("GET", "/api/v1/workflows/" + workflow + "/trigger");
  return std::string(json::parse(r.body).at("url").as_string());
}

// One email step that the runner retries up to 5 times, 20-100 ms apart.
const char* const retried_workflow = R"({
  "id": "retried-mail", "trigger": {"type": "webhook"},
  "steps": [{"id": "notify", "type": "email.send",
             "config": {"to": ["ops@example.com"], "subject": "Note {{$request.body.title}}", "text": "{{$request}}"},
             "retry": {"max_attempts": 5, "initial_delay_ms": 20, "max_delay_ms": 100}}]})";

// Starts `engine`, applies retried_workflow, posts one note and returns the finished run.
json::value post_one_note(engine_process& engine) {
  engine.start();
  EXPECT_EQ(engine.admin("PUT", "/api/v1/workflows/retried-mail", retried_workflow).status, 201);
  auto posted = engine.call("POST", hook_url(engine, "retried-mail"), R"({"title": "one"})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(posted.status, 202) << posted.body;
  if (posted.status != 202) return {};
  return engine.wait_for_run(std::string(json::parse(posted.body).at("run_id").as_string()));
}

TEST(WebhookToEmail, ThePostedJsonArrivesInTheMailBody) {
  int port = free_port();
  smtp_sink sink(port);
  engine_process engine(email_config(port));
  engine.start();
  ASSERT_EQ(engine.admin("PUT", "/api/v1/workflows/note-to-email", seed_workflow).status, 201);
  auto posted = engine.call("POST", hook_url(engine), R"({"title": "Quarterly numbers", "id": 42})",
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(posted.status, 202) << posted.body;
  auto run = engine.wait_for_run(std::string(json::parse(posted.body).at("run_id").as_string()));
  ASSERT_EQ(run.at("status"), "succeeded") << json::serialize(run);
  ASSERT_TRUE(wait_until([&] { return sink.has(1); }));
  auto mail = sink.parsed(1);
  EXPECT_EQ(mail.at("headers").at("subject"), "New note: Quarterly numbers");
  auto request = json::parse(mail.at("body").at("text").as_string());
  EXPECT_EQ(request.at("body"), json::parse(R"({"title": "Quarterly numbers", "id": 42})"));
  EXPECT_EQ(request.at("method"), "POST");
  EXPECT_EQ(run.at("steps").at(0).at("output").at("accepted").at(0), "ops@example.com");
}

TEST(WebhookToEmail, RunsWaitWhileTheServerIsDownAndDeliverOnceItIsUp) {
  int port = free_port();  // nothing listens there yet
  engine_process engine(email_config(port));
  engine.start();
  ASSERT_EQ(engine.admin("PUT", "/api/v1/workflows/note-to-email", seed_workflow).status, 201);
  auto url = hook_url(engine);
  std::vector<std::string> runs;
  for (int i = 0; i < 3; ++i) {
    auto r = engine.call("POST", url, R"({"title": "note )" + std::to_string(i) + R"("})",
                         {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 202);
    runs.emplace_back(json::parse(r.body).at("run_id").as_string());
  }
  // Wait until every run has failed at least once against the closed port.
  ASSERT_TRUE(wait_until([&] {
    auto log = engine.log();
    std::size_t retries = 0;
    for (auto pos = log.find("step will be retried"); pos != std::string::npos;
         pos = log.find("step will be retried", pos + 1))
      ++retries;
    return retries >= 3;
  }));
  smtp_sink sink(port);
  for (const auto& id : runs) EXPECT_EQ(engine.wait_for_run(id).at("status"), "succeeded");
  ASSERT_TRUE(wait_until([&] { return sink.has(3); }));
  EXPECT_FALSE(sink.has(4));  // each delivered once
}

TEST(WebhookToEmail, ATemporaryRefusalIsRetriedAndTheMessageArrivesOnce) {
  int port = free_port();
  smtp_sink sink(port, {"--mode", "tempfail-once"});  // 451 to the first DATA, then 250
  engine_process engine(email_config(port));
  auto run = post_one_note(engine);
  ASSERT_EQ(run.at("status"), "succeeded") << json::serialize(run);
  const auto& step = run.at("steps").at(0);
  EXPECT_EQ(step.at("attempts"), 2) << json::serialize(step);
  EXPECT_EQ(step.at("output").at("reply"), "250 2.0.0 OK queued as 000001");
  ASSERT_TRUE(wait_until([&] { return sink.has(1); }));
  EXPECT_EQ(sink.saved(), 1u);
  EXPECT_EQ(sink.parsed(1).at("headers").at("subject"), "Note one");
}

TEST(WebhookToEmail, APermanentRefusalFailsTheRunAfterOneAttemptWithTheReply) {
  int port = free_port();
  smtp_sink sink(port, {"--mode", "reject"});  // 550 to DATA
  engine_process engine(email_config(port));
  auto run = post_one_note(engine);
  ASSERT_EQ(run.at("status"), "failed") << json::serialize(run);
  const auto& step = run.at("steps").at(0);
  EXPECT_EQ(step.at("attempts"), 1) << json::serialize(step);
  EXPECT_NE(step.at("error").as_string().find("550 5.7.1 Message rejected by policy"), std::string::npos)
      << json::serialize(step);
  ASSERT_TRUE(run.as_object().contains("error")) << json::serialize(run);
  EXPECT_NE(run.at("error").as_string().find("550 5.7.1 Message rejected by policy"), std::string::npos)
      << json::serialize(run);
  EXPECT_EQ(sink.saved(), 0u);
}

}  // namespace
