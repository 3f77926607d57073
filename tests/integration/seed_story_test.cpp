// The seed document's story, through the real engine, its real plugins, and real HTTP: create
// a webhook workflow, call it, secure it (token, basic auth), regenerate, reset the URL,
// switch it off and on, restart, then read the run history.
#include "support/engine_process.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace {

namespace json = boost::json;
using hookflow::testing::engine_process;

const char* const note_workflow = R"({
  "id": "note", "name": "New note",
  "trigger": {"type": "webhook"},
  "steps": [{"id": "say", "type": "log",
             "config": {"message": "title={{$request.body.title}} name={{$request.header.name}} fruit={{$request.fruit}} all={{$request}}"}}]})";

class SeedStory : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_.start();
    auto put = engine_.admin("PUT", "/api/v1/workflows/note", note_workflow);
    ASSERT_EQ(put.status, 201) << put.body;
    url_ = describe().at("url").as_string().c_str();
  }

  json::object describe() {
    auto r = engine_.admin("GET", "/api/v1/workflows/note/trigger");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  json::object command(const std::string& name, const std::string& args = "{}") {
    auto r = engine_.admin("POST", "/api/v1/workflows/note/trigger/" + name, args);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  // Posts a note; returns the status, and the run id when accepted.
  std::pair<int, std::string> post(const std::string& url, const std::map<std::string, std::string>& headers = {}) {
    auto h = headers;
    h.emplace("Content-Type", "application/json");
    auto r = engine_.call("POST", url, R"({"title": "Hello", "id": 7})", h);
    if (r.status != 202) return {r.status, {}};
    return {r.status, std::string(json::parse(r.body).at("run_id").as_string())};
  }

  // SMTP credentials in the config: they must never show up either (nothing listens there).
  engine_process engine_{R"("email": {"smtp_url": "smtp://mailer:smtp-pass-77@127.0.0.1:1?tls=none"})"};
  std::string url_;
};

TEST_F(SeedStory, PostedJsonRunsTheWorkflowWithTheSeedsTemplates) {
  auto [status, run_id] = post(url_ + "?fruit=apple", {{"Name", "Ada"}});
  ASSERT_EQ(status, 202);
  auto run = engine_.wait_for_run(run_id);
  EXPECT_EQ(run.at("status"), "succeeded");
  auto message = std::string(run.at("steps").at(0).at("output").at("message").as_string());
  EXPECT_NE(message.find("title=Hello name=Ada fruit=apple all={"), std::string::npos) << message;
  auto all = json::parse(message.substr(message.find("all=") + 4));
  EXPECT_EQ(all.at("body").at("id"), 7);
  EXPECT_EQ(all.at("method"), "POST");
  EXPECT_EQ(run.at("trigger_data").at("header").at("name"), "Ada");
}

TEST_F(SeedStory, GetRequestRunsTheWorkflow) {
  auto r = engine_.call("GET", url_ + "?fruit=pear");
  ASSERT_EQ(r.status, 202) << r.body;
  auto run = engine_.wait_for_run(std::string(json::parse(r.body).at("run_id").as_string()));
  EXPECT_NE(run.at("steps").at(0).at("output").at("message").as_string().find("fruit=pear"), std::string::npos);
}

TEST_F(SeedStory, TokenProtectsTheUrlAndRegeneratingRevokesTheOldOne) {
  auto first = command("generate-token");
  auto token = std::string(first.at("token").as_string());
  EXPECT_EQ(first.at("url").as_string(), url_ + "?authtoken=" + token);
  EXPECT_EQ(describe().at("auth"), "token");
  EXPECT_EQ(post(url_).first, 401);                          // missing
  EXPECT_EQ(post(url_ + "?authtoken=wrong").first, 401);     // wrong
  EXPECT_EQ(post(url_ + "?authtoken=" + token).first, 202);  // right
  auto second = command("generate-token");
  EXPECT_EQ(post(url_ + "?authtoken=" + token).first, 401);
  EXPECT_EQ(post(std::string(second.at("url").as_string())).first, 202);
}

TEST_F(SeedStory, BasicAuthAcceptsTheRightPasswordOnly) {
  EXPECT_EQ(command("set-basic-auth", R"({"username": "evernote", "password": "s3cret pass"})").at("auth"), "basic");
  // "evernote:s3cret pass" and "evernote:nope" in base64.
  EXPECT_EQ(post(url_, {{"Authorization", "Basic ZXZlcm5vdGU6czNjcmV0IHBhc3M="}}).first, 202);
  auto wrong = engine_.call("POST", url_, "{}", {{"Authorization", "Basic ZXZlcm5vdGU6bm9wZQ=="}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.headers["www-authenticate"].find("Basic"), std::string::npos);
  EXPECT_EQ(post(url_).first, 401);
  EXPECT_EQ(command("clear-auth").at("auth"), "none");
  EXPECT_EQ(post(url_).first, 202);
}

TEST_F(SeedStory, ResetUrlMakesTheOldUrlFailLikeAnUnknownOne) {
  auto fresh = std::string(command("reset-url").at("url").as_string());
  EXPECT_NE(fresh, url_);
  auto old_answer = engine_.call("POST", url_, "{}");
  auto unknown = engine_.call("POST", url_.substr(0, url_.rfind('/')) + "/doesnotexist", "{}");
  EXPECT_EQ(old_answer.status, 404);
  EXPECT_EQ(old_answer.body, unknown.body);
  EXPECT_EQ(post(fresh).first, 202);
}

TEST_F(SeedStory, DisabledHookAnswers404UntilEnabled) {
  EXPECT_EQ(command("disable").at("enabled"), false);
  EXPECT_EQ(post(url_).first, 404);
  EXPECT_EQ(describe().at("enabled"), false);
  EXPECT_EQ(command("enable").at("enabled"), true);
  EXPECT_EQ(post(url_).first, 202);
}

TEST_F(SeedStory, SettingsSurviveARestart) {
  auto token = std::string(command("generate-token").at("token").as_string());
  ASSERT_EQ(engine_.stop(), 0);
  engine_.start();
  auto after = describe();
  EXPECT_EQ(after.at("auth"), "token");
  // The listener's port may change across restarts; the hook id and token do not.
  auto url = std::string(after.at("url").as_string());
  EXPECT_EQ(url.substr(url.rfind('/')), url_.substr(url_.rfind('/')));
  EXPECT_EQ(post(url).first, 401);
  EXPECT_EQ(post(url + "?authtoken=" + token).first, 202);
}

TEST_F(SeedStory, SecretsNeverAppearInApiAnswersOrLogs) {
  auto token = std::string(command("generate-token").at("token").as_string());
  command("set-basic-auth", R"({"username": "u", "password": "very-secret-password-42"})");
  post(url_ + "?authtoken=" + token, {{"Authorization", "Basic dTp2ZXJ5LXNlY3JldC1wYXNzd29yZC00Mg=="}});
  auto [status, run_id] = post(url_, {{"Authorization", "Basic dTp2ZXJ5LXNlY3JldC1wYXNzd29yZC00Mg=="}});
  ASSERT_EQ(status, 202);
  engine_.wait_for_run(run_id);
  // A mail step that fails against the unreachable server: its error is in the run record.
  ASSERT_EQ(engine_
                .admin("PUT", "/api/v1/workflows/mail", R"({"trigger": {"type": "webhook"},
      "steps": [{"id": "send", "type": "email.send", "config": {"to": ["a@example.com"], "from": "b@example.com",
                 "subject": "s", "text": "t"}}]})")
                .status,
            201);
  auto mail_url =
      std::string(json::parse(engine_.admin("GET", "/api/v1/workflows/mail/trigger").body).at("url").as_string());
  auto mail_run = engine_.call("POST", mail_url, "{}");
  ASSERT_EQ(mail_run.status, 202);
  auto failed = engine_.wait_for_run(std::string(json::parse(mail_run.body).at("run_id").as_string()));
  EXPECT_EQ(failed.at("status"), "failed");
  std::string everything = engine_.log() + json::serialize(failed) + engine_.admin("GET", "/api/v1/plugins").body;
  const std::vector<std::string> targets{"/api/v1/runs?limit=100", "/api/v1/runs/" + run_id, "/api/v1/workflows/note",
                                         "/api/v1/workflows/note/trigger"};
  for (const auto& target : targets) everything += engine_.admin("GET", target).body;
  EXPECT_EQ(everything.find(token), std::string::npos);
  EXPECT_EQ(everything.find("very-secret-password-42"), std::string::npos);
  EXPECT_EQ(everything.find("dTp2ZXJ5LXNlY3JldC1wYXNzd29yZC00Mg"), std::string::npos);
  EXPECT_EQ(everything.find("smtp-pass-77"), std::string::npos);
}

// "Large data is a feature": a 12 MiB JSON body is stored and handed to the steps whole; a body
// declared one byte past the default limit (32 MiB) is refused before it is read.
TEST_F(SeedStory, LargePayloadsArriveWholeAndOnePastTheDefaultLimitIs413) {
  const std::string blob(12 * 1024 * 1024, 'x');
  auto r = engine_.call("POST", url_, R"({"title": "big", "blob": ")" + blob + "\"}",
                        {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 202) << r.body;
  auto run = engine_.wait_for_run(std::string(json::parse(r.body).at("run_id").as_string()));
  EXPECT_EQ(run.at("status"), "succeeded");
  EXPECT_EQ(run.at("trigger_data").at("body").at("blob").as_string().size(), blob.size());
  std::string message(run.at("steps").at(0).at("output").at("message").as_string());
  EXPECT_EQ(message.substr(0, 10), "title=big ");
  EXPECT_GT(message.size(), blob.size());
  auto over = engine_.call("POST", url_, std::string(32 * 1024 * 1024 + 1, 'y'), {{"Content-Type", "text/plain"}});
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(json::parse(over.body).at("error"), "request body exceeds max_body_bytes (33554432)");
}

TEST_F(SeedStory, RunHistoryListsShowsAndReplays) {
  auto [status, run_id] = post(url_ + "?fruit=kiwi");
  ASSERT_EQ(status, 202);
  engine_.wait_for_run(run_id);
  auto list = json::parse(engine_.admin("GET", "/api/v1/runs?workflow=note&status=succeeded").body);
  ASSERT_EQ(list.at("runs").as_array().size(), 1u);
  EXPECT_EQ(list.at("runs").at(0).at("id").as_string(), run_id);
  auto retry = engine_.admin("POST", "/api/v1/runs/" + run_id + "/retry");
  ASSERT_EQ(retry.status, 202) << retry.body;
  auto replay = engine_.wait_for_run(std::string(json::parse(retry.body).at("run_id").as_string()));
  EXPECT_EQ(replay.at("retry_of").as_string(), run_id);
  EXPECT_EQ(replay.at("trigger_data").at("fruit"), "kiwi");
  EXPECT_EQ(engine_.admin("GET", "/api/v1/runs/nope").status, 404);
}

}  // namespace
