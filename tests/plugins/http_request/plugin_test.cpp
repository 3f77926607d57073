// The http_request plugin file through the SDK harness, against http_server.py on loopback.
#include "http_request_action.hpp"
#include "schema.hpp"
#include "support.hpp"

#include <hookflow/sdk/testing/harness.hpp>

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

namespace {

namespace json = boost::json;
namespace sdk = hookflow::sdk;
using namespace std::chrono_literals;
using hookflow::plugins::http_request::testing::certs;
using hookflow::plugins::http_request::testing::http_server;
using hookflow::sdk::testing::action_under_test;
using hookflow::sdk::testing::plugin_harness;

class HttpRequest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h_.loaded()) << h_.error(); }

  std::shared_ptr<action_under_test> action(json::object settings = {}) {
    auto a = h_.action("http.request", settings);
    EXPECT_TRUE(a.ok()) << a.error().message();
    return a.ok() ? a.value() : nullptr;
  }

  sdk::result<json::value> call(json::object config, json::object settings = {}) {
    auto a = action(std::move(settings));
    if (!a) return sdk::internal_error("no action");
    return a->execute(config);
  }

  json::object ok(json::object config, json::object settings = {}) {
    auto r = call(std::move(config), std::move(settings));
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? r.value().as_object() : json::object{};
  }

  json::object trusting_test_ca() const { return {{"ca_file", certs().ca.string()}}; }

  plugin_harness h_{HOOKFLOW_HTTP_REQUEST_PLUGIN};
  http_server server_;
};

TEST_F(HttpRequest, RegistersTheActionWithTemplatedFieldsOfTheRightKind) {
  EXPECT_EQ(h_.describe().name, "http_request");
  EXPECT_EQ(h_.describe().action_types, std::vector<std::string>{"http.request"});
  auto a = action();
  ASSERT_TRUE(a);
  for (const auto& f : a->fields()) {
    if (f.name == "url" || f.name == "headers") {
      EXPECT_TRUE(f.templated) << f.name;
      EXPECT_EQ(f.kind, sdk::text_kind::header) << f.name;
    } else if (f.name == "body") {
      EXPECT_TRUE(f.templated);
      EXPECT_EQ(f.kind, sdk::text_kind::plain);
    } else {
      EXPECT_FALSE(f.templated) << f.name;
    }
  }
}

TEST_F(HttpRequest, GetReturnsStatusLowercasedHeadersAndTheParsedJsonBody) {
  auto out = ok({{"url", server_.url("/echo?x=1")}, {"headers", {{"X-Trace", "abc"}}}});
  EXPECT_EQ(out.at("status"), 200);
  EXPECT_EQ(out.at("headers").at("content-type"), "application/json");
  const auto& body = out.at("body").as_object();
  EXPECT_EQ(body.at("method"), "GET");
  EXPECT_EQ(body.at("path"), "/echo?x=1");
  EXPECT_EQ(body.at("headers").at("x-trace"), "abc");
  EXPECT_EQ(body.at("headers").at("host"), json::value("127.0.0.1:" + std::to_string(server_.port())));
  EXPECT_EQ(body.at("headers").at("user-agent"), "hookflow-http-request/1.0");
}

TEST_F(HttpRequest, PostSendsTheRenderedBodyAndHeaders) {
  // The engine renders templated fields before execute; the harness does not, so render here
  // with the same engine template code.
  json::value run{{"$request", {{"body", {{"title", "Hi \"there\""}}}}}};
  auto body = h_.host().render(R"({"title": "{{$request.body.title}}", "all": {{$request.body}}})", run);
  ASSERT_TRUE(body.ok()) << body.error().message();
  auto out = ok({{"url", server_.url("/echo")},
                 {"method", "POST"},
                 {"headers", {{"Content-Type", "application/json"}}},
                 {"body", *body}});
  const auto& echoed = out.at("body").as_object();
  EXPECT_EQ(echoed.at("method"), "POST");
  EXPECT_EQ(echoed.at("body"), json::value(*body));
  EXPECT_EQ(echoed.at("headers").at("content-type"), "application/json");
  EXPECT_EQ(echoed.at("headers").at("content-length"), json::value(std::to_string(body->size())));
}

TEST_F(HttpRequest, UsesEachAllowedMethod) {
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    auto out = ok({{"url", server_.url("/echo")}, {"method", method}, {"body", "x"}});
    EXPECT_EQ(out.at("body").at("method"), method);
  }
  auto head = ok({{"url", server_.url("/text")}, {"method", "HEAD"}});
  EXPECT_EQ(head.at("status"), 200);
  EXPECT_EQ(head.at("headers").at("content-length"), "5");
  EXPECT_EQ(head.at("body"), "");
}

TEST_F(HttpRequest, ReturnsTextBodiesAsTextAndJoinsRepeatedHeaders) {
  EXPECT_EQ(ok({{"url", server_.url("/text")}}).at("body"), "hello");
  EXPECT_EQ(ok({{"url", server_.url("/repeat")}}).at("headers").at("x-multi"), "a, b");
  EXPECT_EQ(ok({{"url", server_.url("/chunked/250")}}).at("body"), json::value(std::string(250, 'x')));
  EXPECT_EQ(ok({{"url", server_.url("/eof/300")}}).at("body"), json::value(std::string(300, 'x')));
}

TEST_F(HttpRequest, ClientErrorsFailWithoutRetryAndQuoteTheBody) {
  auto r = call({{"url", server_.url("/status/422")}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(r.error().retryable());
  EXPECT_EQ(r.error().message(), "GET " + server_.url("/status/422") + ": HTTP 422: status 422");
  auto missing = call({{"url", server_.url("/status/404")}});
  EXPECT_EQ(missing.error().code(), sdk::status_code::not_found);
  EXPECT_FALSE(missing.error().retryable());
}

TEST_F(HttpRequest, ServerErrorsAndTooManyRequestsAreRetryable) {
  for (const char* path : {"/status/500", "/status/503", "/status/429"}) {
    auto r = call({{"url", server_.url(path)}});
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.error().code(), sdk::status_code::unavailable) << path;
    EXPECT_TRUE(r.error().retryable()) << path;
  }
}

TEST_F(HttpRequest, ExpectStatusTurnsListedCodesIntoSuccess) {
  auto out = ok({{"url", server_.url("/problem")}, {"expect_status", {400}}});
  EXPECT_EQ(out.at("status"), 400);
  EXPECT_EQ(out.at("body"), (json::object{{"title", "bad"}}));  // application/problem+json is parsed
  auto r = call({{"url", server_.url("/text")}, {"expect_status", {201}}});
  EXPECT_EQ(r.error().code(), sdk::status_code::invalid_argument);
}

TEST_F(HttpRequest, GivesUpAtTimeoutWhenTheServerNeverAnswers) {
  auto began = std::chrono::steady_clock::now();
  auto r = call({{"url", server_.url("/hang")}, {"timeout_ms", 300}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::deadline_exceeded) << r.error().message();
  EXPECT_TRUE(r.error().retryable());
  EXPECT_NE(r.error().message().find("timeout_ms 300"), std::string::npos) << r.error().message();
  EXPECT_LT(std::chrono::steady_clock::now() - began, 4s);  // well before the harness's 5 s guard
}

TEST_F(HttpRequest, GivesUpAtTheStepDeadlineWhenItComesFirst) {
  // The harness sets the step deadline to its own guard; call the action directly to give it a
  // deadline shorter than timeout_ms.
  namespace hr = hookflow::plugins::http_request;
  std::vector<sdk::config_error> errors;
  auto settings = sdk::validate_config(hr::plugin_settings_schema(), json::object{}, "", errors);
  auto made = hr::create_http_request_action({settings, &h_.host(), "", ""});
  ASSERT_TRUE(made.ok()) << made.error().message();
  auto config = sdk::validate_config(hr::action_fields(), json::object{{"url", server_.url("/hang")}}, "", errors);
  ASSERT_TRUE(errors.empty());
  sdk::execution_context ctx{"run", "wf", "step", 1, std::chrono::steady_clock::now() + 300ms, &h_.host()};
  auto r = made.value()->execute(config, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::deadline_exceeded) << r.error().message();
  EXPECT_LT(std::chrono::steady_clock::now() - ctx.deadline, 3s);
}

TEST_F(HttpRequest, ConnectionRefusedIsRetryable) {
  http_server gone;
  auto url = gone.url("/echo");
  gone.stop();
  auto r = call({{"url", url}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::unavailable);
  EXPECT_TRUE(r.error().retryable());
  EXPECT_NE(r.error().message().find("connecting to 127.0.0.1"), std::string::npos) << r.error().message();
}

TEST_F(HttpRequest, AcceptsABodyAtMaxResponseBytesAndRefusesOneByteMore) {
  json::object limit{{"max_response_bytes", 1000}};
  EXPECT_EQ(ok({{"url", server_.url("/bytes/1000")}}, limit).at("body").as_string().size(), 1000u);
  for (const char* path : {"/bytes/1001", "/chunked/1001", "/eof/1001"}) {
    auto r = call({{"url", server_.url(path)}}, limit);
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.error().code(), sdk::status_code::resource_exhausted) << path;
    EXPECT_FALSE(r.error().retryable()) << path;
    EXPECT_NE(r.error().message().find("larger than max_response_bytes (1000)"), std::string::npos);
  }
}

TEST_F(HttpRequest, RefusesLineBreaksInUrlAndHeadersBeforeConnecting) {
  auto url = call({{"url", server_.url("/echo") + "\r\nX-Injected: 1"}});
  EXPECT_EQ(url.error().code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(url.error().retryable());
  auto header = call({{"url", server_.url("/echo")}, {"headers", {{"X-A", "v\r\nX-Injected: 1"}}}});
  EXPECT_EQ(header.error().code(), sdk::status_code::invalid_argument);
  EXPECT_NE(header.error().message().find("/headers/X-A"), std::string::npos);
}

TEST_F(HttpRequest, RefusesPrivateAddressesWhenNotAllowed) {
  json::object strict{{"allow_private_networks", false}};
  for (const char* host : {"127.0.0.1", "localhost"}) {
    auto r = call({{"url", server_.url("/echo", host)}}, strict);
    ASSERT_FALSE(r.ok()) << host;
    EXPECT_EQ(r.error().code(), sdk::status_code::invalid_argument) << host;
    EXPECT_FALSE(r.error().retryable());
    EXPECT_NE(r.error().message().find("allow_private_networks is false"), std::string::npos);
  }
}

TEST_F(HttpRequest, HttpsWithATrustedCertificateForTheHostWorks) {
  http_server tls({"--tls", certs().localhost_cert.string(), certs().localhost_key.string()});
  for (const char* host : {"localhost", "127.0.0.1"}) {
    auto out = ok({{"url", tls.url("/echo", host)}, {"method", "POST"}, {"body", "secret"}}, trusting_test_ca());
    EXPECT_EQ(out.at("body").at("body"), "secret") << host;
  }
  EXPECT_EQ(ok({{"url", tls.url("/eof/10")}}, trusting_test_ca()).at("body"), "xxxxxxxxxx");
}

TEST_F(HttpRequest, HttpsRefusesACertificateForAnotherHost) {
  http_server tls({"--tls", certs().other_cert.string(), certs().other_key.string()});
  for (const char* host : {"localhost", "127.0.0.1"}) {
    auto r = call({{"url", tls.url("/echo", host)}}, trusting_test_ca());
    ASSERT_FALSE(r.ok()) << host;
    EXPECT_EQ(r.error().code(), sdk::status_code::failed_precondition) << r.error().message();
    EXPECT_FALSE(r.error().retryable());
    EXPECT_NE(r.error().message().find("mismatch"), std::string::npos) << r.error().message();
  }
}

TEST_F(HttpRequest, HttpsRefusesAnUntrustedCertificate) {
  http_server rogue({"--tls", certs().rogue_cert.string(), certs().rogue_key.string()});
  auto r = call({{"url", rogue.url("/echo", "localhost")}}, trusting_test_ca());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::failed_precondition) << r.error().message();
  EXPECT_NE(r.error().message().find("local issuer"), std::string::npos) << r.error().message();
  http_server tls({"--tls", certs().localhost_cert.string(), certs().localhost_key.string()});
  auto untrusted = call({{"url", tls.url("/echo", "localhost")}});  // the test CA is not in the system store
  EXPECT_EQ(untrusted.error().code(), sdk::status_code::failed_precondition) << untrusted.error().message();
}

TEST_F(HttpRequest, RefusesAnUnreadableCaFileAtCreation) {
  auto a = h_.action("http.request", json::object{{"ca_file", "/nonexistent/ca.pem"}});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code(), sdk::status_code::invalid_argument);
  EXPECT_NE(a.error().message().find("ca_file \"/nonexistent/ca.pem\""), std::string::npos) << a.error().message();
}

}  // namespace
