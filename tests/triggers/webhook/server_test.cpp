// The HTTP listener over real loopback sockets.
#include "crypto.hpp"
#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>

#include <thread>

namespace hookflow::triggers::webhook::testing {
namespace {

namespace json = boost::json;

class WebhookHttp : public server_fixture {};

std::string basic(const std::string& user_pass) {
  return "Authorization: Basic " + to_base64(user_pass) + "\r\n";
}

TEST_F(WebhookHttp, PostStartsRunAndAnswers202WithRunId) {
  start();
  auto r = post(path_ + "?fruit=apple", R"({"title":"Hello"})", "Name: Ada\r\n");
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_EQ(r.json(), (json::object{{"run_id", "run-1"}}));
  auto submits = host_.submits();
  ASSERT_EQ(submits.size(), 1u);
  EXPECT_EQ(submits[0].workflow_id, "wf");
  const auto& data = submits[0].trigger_data.as_object();
  EXPECT_EQ(data.at("body").at("title"), "Hello");
  EXPECT_EQ(data.at("fruit"), "apple");
  EXPECT_EQ(data.at("header").at("name"), "Ada");
  EXPECT_EQ(data.at("method"), "POST");
  EXPECT_EQ(host_.counter(R"(webhook_requests_total{"status":"202","workflow":"wf"})"), 1);
  EXPECT_EQ(host_.counter("webhook_accept_seconds_count"), 1);
}

TEST_F(WebhookHttp, GetStartsRunByDefault) {
  start();
  EXPECT_EQ(request(port(), "GET", path_ + "?fruit=apple").status, 202);
  EXPECT_EQ(host_.submits().at(0).trigger_data.at("fruit"), "apple");
}

TEST_F(WebhookHttp, LogsBoundAddressOnStart) {
  start();
  auto logs = host_.logs();
  auto line = std::find_if(logs.begin(), logs.end(),
                           [](const std::string& l) { return l.find("\"webhook listening\"") != std::string::npos; });
  ASSERT_NE(line, logs.end());
  auto fields = json::parse(*line).as_object();
  EXPECT_EQ(fields.at("url").as_string(), "http://127.0.0.1:" + std::to_string(port()));
  EXPECT_EQ(fields.at("listen").as_string(), "127.0.0.1:" + std::to_string(port()));
}

TEST_F(WebhookHttp, UnknownResetAndDisabledHooksAnswerTheSame404) {
  start();
  auto unknown = post("/run/doesnotexist");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, R"({"error":"not found"})");
  std::string old_path = path_;
  auto reset = command("reset-url");
  std::string new_url(reset.at("url").as_string());
  EXPECT_EQ(post(old_path).body, unknown.body);
  EXPECT_EQ(post(new_url.substr(trigger_->base_url().size())).status, 202);
  EXPECT_EQ(command("disable"), (json::object{{"enabled", false}}));
  EXPECT_EQ(post(hook_path("wf")).body, unknown.body);
  EXPECT_EQ(command("enable"), (json::object{{"enabled", true}}));
  EXPECT_EQ(post(hook_path("wf")).status, 202);
  EXPECT_EQ(post("/other").status, 404);
}

TEST_F(WebhookHttp, UnconfiguredMethodAnswers405WithAllow) {
  start({{"methods", json::array{"POST"}}});
  auto r = request(port(), "GET", path_);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "POST");
  EXPECT_TRUE(host_.submits().empty());
}

TEST_F(WebhookHttp, MalformedJsonAnswers400WithPosition) {
  start();
  auto r = post(path_, "{\"a\": }");
  EXPECT_EQ(r.status, 400);
  std::string error(r.json().at("error").as_string());
  EXPECT_NE(error.find("line 1, column 7"), std::string::npos) << error;
  EXPECT_TRUE(host_.submits().empty());
}

TEST_F(WebhookHttp, ClientOutsideAllowIpsGets403) {
  start({{"allow_ips", json::array{"10.0.0.0/8"}}});
  EXPECT_EQ(post(path_).status, 403);
  bind("wf", {{"allow_ips", json::array{"127.0.0.0/8"}}});
  EXPECT_EQ(post(path_).status, 202);
}

TEST_F(WebhookHttp, BehindATrustedProxyAllowIpsChecksTheForwardedClient) {
  // This test's connections come from 127.0.0.1, here the reverse proxy.
  settings_.trusted_proxies = ip_filter::parse({"127.0.0.0/8"}).value();
  start({{"allow_ips", json::array{"203.0.113.0/24"}}});
  EXPECT_EQ(post(path_, "{}", "X-Forwarded-For: 203.0.113.7\r\n").status, 202);
  EXPECT_EQ(post(path_, "{}", "X-Forwarded-For: 203.0.113.7, 198.51.100.1\r\n").status, 403);
  EXPECT_EQ(post(path_).status, 403);  // no header: the proxy itself, not allowed
}

TEST_F(WebhookHttp, WithoutTrustedProxiesXForwardedForIsIgnored) {
  start({{"allow_ips", json::array{"203.0.113.0/24"}}});
  EXPECT_EQ(post(path_, "{}", "X-Forwarded-For: 203.0.113.7\r\n").status, 403);
}

TEST_F(WebhookHttp, StopStillAnswersRequestsAlreadyHandedToTheEngine) {
  start();
  host_.defer_submits();
  raw_client client(port());
  client.send("POST " + path_ +
              " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(host_.wait_for_deferred(1));
  std::jthread stopper([&] { trigger_->stop(); });  // joined even when an assertion returns early
  ASSERT_TRUE(host_.wait_for_log("webhook stopping"));
  host_.release_submits();  // the engine stores the run only now
  auto answer = client.read_response();
  stopper.join();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 202);
}

TEST_F(WebhookHttp, FullQueueAnswers429AndStoppingEngine503WithRetryAfter) {
  start();
  host_.fail_submits_with({sdk::status_code::resource_exhausted, "queue full"});
  auto full = post(path_);
  EXPECT_EQ(full.status, 429);
  EXPECT_EQ(full.headers["retry-after"], "1");
  host_.fail_submits_with({sdk::status_code::failed_precondition, "stopping"});
  auto stopping = post(path_);
  EXPECT_EQ(stopping.status, 503);
  EXPECT_FALSE(stopping.headers["retry-after"].empty());
  host_.fail_submits_with({sdk::status_code::unavailable, "store down"});
  EXPECT_EQ(post(path_).status, 503);
  EXPECT_EQ(host_.counter(R"(webhook_rejections_total{"reason":"queue_full","workflow":"wf"})"), 1);
}

TEST_F(WebhookHttp, RepeatedDeliveryReturnsFirstRunId) {
  start({{"dedup_header", "Webhook-Id"}});
  auto first = post(path_, "{}", "webhook-id: msg_1\r\n");
  auto again = post(path_, "{}", "webhook-id: msg_1\r\n");
  EXPECT_EQ(first.json(), (json::object{{"run_id", "run-1"}}));
  EXPECT_EQ(again.json(), (json::object{{"run_id", "run-1"}, {"duplicate", true}}));
  EXPECT_EQ(host_.submits().size(), 1u);
}

TEST_F(WebhookHttp, RespondResultWaitsForTheRunOutput) {
  start({{"respond", "result"}});
  host_.set_outcome("run-1", {"run-1", sdk::run_state::succeeded, json::object{{"sent", true}}, ""});
  auto ok = post(path_);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json(), (json::object{{"run_id", "run-1"}, {"state", "succeeded"}, {"output", {{"sent", true}}}}));
  host_.set_outcome("run-2", {"run-2", sdk::run_state::failed, nullptr, "smtp down"});
  EXPECT_EQ(post(path_).json(), (json::object{{"run_id", "run-2"}, {"state", "failed"}, {"error", "smtp down"}}));
  auto pending = post(path_);  // the test host reports run-3 as still running: a timeout
  EXPECT_EQ(pending.status, 202);
  EXPECT_EQ(pending.json(), (json::object{{"run_id", "run-3"}}));
}

TEST_F(WebhookHttp, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  raw_client c(port());
  const std::string req = "POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
  c.send(req);
  EXPECT_EQ(c.read_response()->status, 202);
  c.send(req + req);  // pipelined
  EXPECT_EQ(c.read_response()->status, 202);
  EXPECT_EQ(c.read_response()->status, 202);
  EXPECT_EQ(host_.submits().size(), 3u);
}

TEST_F(WebhookHttp, Http10KeepAliveIsConfirmedInTheAnswer) {
  start();
  raw_client c(port());
  const std::string req =
      "POST " + path_ + " HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n";
  c.send(req);
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 202);
  EXPECT_EQ(first->headers["connection"], "keep-alive");  // without it a 1.0 client closes
  c.send(req);
  EXPECT_EQ(c.read_response()->status, 202);  // the same connection serves the next one
  c.send("POST " + path_ + " HTTP/1.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 202);
  EXPECT_TRUE(c.closed_by_server());  // plain 1.0: one request per connection
}

TEST_F(WebhookHttp, IdleKeepAliveConnectionIsClosed) {
  settings_.idle_timeout = std::chrono::milliseconds(100);
  start();
  raw_client c(port());
  c.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 202);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(WebhookHttp, ExpectContinueGetsInterimResponse) {
  start();
  raw_client c(port());
  c.send("POST " + path_ +
         " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 100);
  c.send("{}");
  EXPECT_EQ(c.read_response()->status, 202);
}

TEST_F(WebhookHttp, HeadGetsHeadersWithoutBody) {
  start({{"methods", json::array{"HEAD", "POST"}}});
  raw_client c(port());
  c.send("HEAD " + path_ + " HTTP/1.1\r\nHost: x\r\n\r\nPOST " + path_ +
         " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  auto head = c.read_response(false);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 202);
  EXPECT_NE(head->headers["content-length"], "0");
  auto next = c.read_response();  // would be garbage if the HEAD answer had carried a body
  ASSERT_TRUE(next);
  EXPECT_EQ(next->json(), (json::object{{"run_id", "run-2"}}));
}

TEST_F(WebhookHttp, TokenAuthAcceptsCurrentTokenOnly) {
  start();
  auto first = command("generate-token");
  std::string token(first.at("token").as_string());
  EXPECT_EQ(first.at("url").as_string(), trigger_->base_url() + path_ + "?authtoken=" + token);
  EXPECT_EQ(post(path_).status, 401);
  EXPECT_EQ(post(path_ + "?authtoken=wrong").status, 401);
  EXPECT_EQ(post(path_ + "?authtoken=" + token + "&fruit=apple").status, 202);
  EXPECT_EQ(post(path_, "{}", "Authorization: Bearer " + token + "\r\n").status, 202);
  const std::string data = json::serialize(host_.submits().at(0).trigger_data);
  EXPECT_EQ(data.find(token), std::string::npos) << data;
  EXPECT_EQ(data.find("authtoken"), std::string::npos) << data;
}

TEST_F(WebhookHttp, RejectsOldTokenAfterRegenerate) {
  start();
  std::string old_token(command("generate-token").at("token").as_string());
  std::string new_token(command("generate-token").at("token").as_string());
  EXPECT_EQ(post(path_ + "?authtoken=" + old_token).status, 401);
  EXPECT_EQ(post(path_ + "?authtoken=" + new_token).status, 202);
}

TEST_F(WebhookHttp, BasicAuthChallengesAndAcceptsRightPassword) {
  start();
  EXPECT_EQ(command("set-basic-auth", {{"username", "ada"}, {"password", "s3cret"}}),
            (json::object{{"auth", "basic"}}));
  auto missing = post(path_);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.headers["www-authenticate"], "Basic realm=\"hookflow\"");
  auto wrong = post(path_, "{}", basic("ada:nope"));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.headers["www-authenticate"], "Basic realm=\"hookflow\"");
  EXPECT_EQ(post(path_, "{}", basic("ada:s3cret")).status, 202);
  EXPECT_EQ(post(path_, "{}", basic("ada:s3cret")).status, 202);  // remembered
  EXPECT_EQ(post(path_, "{}", basic("bob:s3cret")).status, 401);
  EXPECT_EQ(command("clear-auth"), (json::object{{"auth", "none"}}));
  EXPECT_EQ(post(path_).status, 202);
}

TEST_F(WebhookHttp, GithubSignatureIsVerifiedOverTheRawBody) {
  ::setenv("WEBHOOK_TEST_GITHUB_SECRET", "It's a Secret to Everybody", 1);
  start({{"auth", "signature"}, {"signature", {{"scheme", "github"}, {"secret_env", "WEBHOOK_TEST_GITHUB_SECRET"}}}});
  const std::string sig =
      "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n";
  EXPECT_EQ(request(port(), "POST", path_, "Hello, World!", sig, "text/plain").status, 202);
  EXPECT_EQ(request(port(), "POST", path_, "Hello, World?", sig, "text/plain").status, 401);
  EXPECT_EQ(request(port(), "POST", path_, "Hello, World!", "", "text/plain").status, 401);
  const std::string data = json::serialize(host_.submits().at(0).trigger_data);
  EXPECT_EQ(data.find("757107ea"), std::string::npos) << data;
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "signature");
}

TEST_F(WebhookHttp, HiddenHeadersStayOutOfTheRequest) {
  start({{"hide_headers", json::array{"Cookie", "x-api-key"}}});
  EXPECT_EQ(post(path_, "{}", "Cookie: session=s3cret\r\nX-API-Key: k3y\r\nName: Ada\r\n").status, 202);
  const auto submits = host_.submits();
  const auto& header = submits.at(0).trigger_data.at("header").as_object();
  EXPECT_FALSE(header.contains("cookie"));
  EXPECT_FALSE(header.contains("x-api-key"));
  EXPECT_EQ(header.at("name"), "Ada");
  const std::string data = json::serialize(submits.at(0).trigger_data);
  EXPECT_EQ(data.find("s3cret"), std::string::npos) << data;
  EXPECT_EQ(data.find("k3y"), std::string::npos) << data;
}

TEST_F(WebhookHttp, StandardWebhooksSignatureUsesTheHostClock) {
  ::setenv("WEBHOOK_TEST_STD_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1);
  start({{"auth", "signature"},
         {"signature", {{"scheme", "standard-webhooks"}, {"secret_env", "WEBHOOK_TEST_STD_SECRET"}}}});
  const std::string headers =
      "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\r\nwebhook-timestamp: 1614265330\r\n"
      "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\r\n";
  host_.set_now(std::chrono::system_clock::time_point(std::chrono::seconds(1614265330 + 10)));
  EXPECT_EQ(post(path_, R"({"test": 2432232314})", headers).status, 202);
  host_.set_now(std::chrono::system_clock::time_point(std::chrono::seconds(1614265330 + 301)));
  EXPECT_EQ(post(path_, R"({"test": 2432232314})", headers).status, 401);
}

}  // namespace
}  // namespace hookflow::triggers::webhook::testing
