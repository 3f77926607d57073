// Trigger lifecycle and commands: binding, persistence, describe, command results.
#include "hook_record.hpp"
#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>

namespace hookflow::triggers::webhook::testing {
namespace {

namespace json = boost::json;

class WebhookCommands : public server_fixture {};

TEST_F(WebhookCommands, DescribeShowsUrlEnabledAndAuthOnly) {
  start();
  auto d = trigger_->describe("wf");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->size(), 3u);
  EXPECT_EQ(d->at("url").as_string(), trigger_->base_url() + path_);
  EXPECT_EQ(d->at("enabled"), true);
  EXPECT_EQ(d->at("auth"), "none");
  EXPECT_EQ(path_.size(), std::string("/run/").size() + 24);
}

TEST_F(WebhookCommands, SecretsNeverAppearInDescribeOrState) {
  start();
  std::string token(command("generate-token").at("token").as_string());
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "token");
  EXPECT_EQ(json::serialize(trigger_->describe("wf").value()).find(token), std::string::npos);
  EXPECT_EQ(host_.state("wf", "hook")->find(token), std::string::npos);
  command("set-basic-auth", {{"username", "ada"}, {"password", "pa55word-unique"}});
  EXPECT_EQ(host_.state("wf", "hook")->find("pa55word-unique"), std::string::npos);
  for (const auto& line : host_.logs()) EXPECT_EQ(line.find("pa55word-unique"), std::string::npos);
}

TEST_F(WebhookCommands, SwitchingAuthKindForgetsTheOtherKindsSecret) {
  start();
  command("generate-token");
  command("set-basic-auth", {{"username", "ada"}, {"password", "pw"}});
  auto state = json::parse(*host_.state("wf", "hook")).as_object();
  EXPECT_EQ(state.at("token_sha256"), "");
  EXPECT_NE(state.at("basic_hash"), "");
  command("generate-token");
  state = json::parse(*host_.state("wf", "hook")).as_object();
  EXPECT_NE(state.at("token_sha256"), "");
  EXPECT_EQ(state.at("basic_hash"), "");
  EXPECT_EQ(state.at("basic_username"), "");
}

TEST_F(WebhookCommands, HookSurvivesRestartWithSameUrlAndAuth) {
  start();
  std::string token(command("generate-token").at("token").as_string());
  trigger_->stop();
  trigger_ = std::make_unique<webhook_trigger>(settings_, host_);
  ASSERT_TRUE(trigger_->start().ok());
  bind("wf", {});
  EXPECT_EQ(hook_path("wf"), path_);
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "token");
  EXPECT_EQ(post(path_ + "?authtoken=" + token).status, 202);
}

TEST_F(WebhookCommands, ChangedDefinitionAuthReapplies) {
  start({{"auth", "token"}});
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "token");
  EXPECT_EQ(post(path_).status, 401);  // no token generated yet
  command("clear-auth");
  bind("wf", {{"auth", "token"}});  // same definition: the command's choice stays
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "none");
  bind("wf", {{"auth", "basic"}});  // the definition changed: it applies
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "basic");
}

TEST_F(WebhookCommands, SetBasicAuthRequiresUsernameAndPassword) {
  start();
  auto missing = trigger_->command("wf", "set-basic-auth", {{"username", "ada"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), sdk::status_code::invalid_argument);
  auto colon = trigger_->command("wf", "set-basic-auth", {{"username", "a:b"}, {"password", "x"}});
  EXPECT_EQ(colon.error().code(), sdk::status_code::invalid_argument);
  EXPECT_EQ(trigger_->describe("wf")->at("auth"), "none");
}

TEST_F(WebhookCommands, UnknownCommandOrWorkflowIsNotFound) {
  start();
  EXPECT_EQ(trigger_->command("wf", "explode", {}).error().code(), sdk::status_code::not_found);
  EXPECT_EQ(trigger_->command("nope", "enable", {}).error().code(), sdk::status_code::not_found);
  EXPECT_EQ(trigger_->describe("nope").error().code(), sdk::status_code::not_found);
}

TEST_F(WebhookCommands, ListsEveryCommandWithDescription) {
  start();
  std::vector<std::string> names;
  for (const auto& c : trigger_->commands()) {
    names.push_back(c.name);
    EXPECT_FALSE(c.description.empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"generate-token", "reset-url", "set-basic-auth", "clear-auth", "enable",
                                             "disable"}));
}

TEST_F(WebhookCommands, UnbindStopsServingTheHook) {
  start();
  trigger_->unbind("wf");
  EXPECT_EQ(post(path_).status, 404);
}

TEST_F(WebhookCommands, SignatureAuthNeedsItsSecretAtBind) {
  start();
  ::unsetenv("WEBHOOK_TEST_MISSING_SECRET");
  std::vector<sdk::config_error> errors;
  json::object config{{"auth", "signature"},
                      {"signature", {{"scheme", "github"}, {"secret_env", "WEBHOOK_TEST_MISSING_SECRET"}}}};
  auto validated = sdk::validate_config(binding_schema(), config, "", errors);
  ASSERT_TRUE(errors.empty());
  auto s = trigger_->bind({"wf2", "wf2", validated});
  EXPECT_EQ(s.code(), sdk::status_code::invalid_argument);
  EXPECT_NE(s.message().find("WEBHOOK_TEST_MISSING_SECRET"), std::string::npos);
}

TEST_F(WebhookCommands, BindingConfigIsChecked) {
  start();
  auto parse = [](json::object config) {
    std::vector<sdk::config_error> errors;
    auto validated = sdk::validate_config(binding_schema(), config, "", errors);
    return errors.empty() ? parse_binding(validated).error() : sdk::invalid_argument(errors.front().path);
  };
  EXPECT_EQ(parse({{"methods", json::array{"BREW"}}}).message(), "/methods/0");
  EXPECT_FALSE(parse({{"auth", "signature"}}).ok());
  EXPECT_FALSE(parse({{"signature", {{"scheme", "md5"}, {"secret_env", "X"}}}}).ok());
  EXPECT_FALSE(parse({{"signature", {{"scheme", "hmac-sha256"}, {"secret_env", "X"}}}}).ok());
  EXPECT_FALSE(parse({{"allow_ips", json::array{"nope"}}}).ok());
  EXPECT_TRUE(parse({{"dedup_header", "webhook-id"}, {"respond", "result"}}).ok());
  EXPECT_EQ(parse({{"hide_headers", json::array{"Cookie", "x y"}}}).message(),
            "/hide_headers/1: not a header name: \"x y\"");
  EXPECT_TRUE(parse({{"hide_headers", json::array{"Cookie", "X-Api-Key"}}}).ok());
}

TEST(WebhookSettings, DefaultsAndListenParsing) {
  std::vector<sdk::config_error> errors;
  auto validated = sdk::validate_config(settings_schema(), json::object{}, "", errors);
  ASSERT_TRUE(errors.empty());
  auto s = parse_settings(validated);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->listen_host, "0.0.0.0");
  EXPECT_EQ(s->listen_port, 8080);
  EXPECT_EQ(s->max_body_bytes, 33554432u);
  EXPECT_EQ(s->io_threads, 2);
  EXPECT_EQ(s->max_connections, 10000u);
  EXPECT_EQ(s->header_limit_bytes, 16384u);
  EXPECT_EQ(s->read_timeout.count(), 30000);
  EXPECT_EQ(s->idle_timeout.count(), 60000);
  validated["listen"] = "[::1]:0";
  EXPECT_EQ(parse_settings(validated)->listen_host, "::1");
  validated["listen"] = "nohost";
  EXPECT_FALSE(parse_settings(validated).ok());
  EXPECT_EQ(default_public_url("0.0.0.0", 8080, false), "http://127.0.0.1:8080");
  EXPECT_EQ(default_public_url("::", 443, true), "https://[::1]:443");
}

TEST(WebhookSettings, TrustedProxiesAreAddressesOrCidrBlocks) {
  std::vector<sdk::config_error> errors;
  auto validated = sdk::validate_config(settings_schema(), json::object{}, "", errors);
  EXPECT_TRUE(parse_settings(validated)->trusted_proxies.empty());  // default: trust none
  validated["trusted_proxies"] = json::array{"10.0.0.0/8", "::1"};
  auto s = parse_settings(validated);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->trusted_proxies.contains("10.2.3.4"));
  EXPECT_FALSE(s->trusted_proxies.contains("11.2.3.4"));
  validated["trusted_proxies"] = json::array{"10.0.0.0/33"};
  EXPECT_EQ(parse_settings(validated).error().message(), "/trusted_proxies: \"10.0.0.0/33\" has a bad prefix length");
}

TEST(WebhookSettings, PublicUrlSettingIsUsedForHookUrls) {
  test_host host;
  server_settings s;
  s.listen_host = "127.0.0.1";
  s.listen_port = 0;
  s.public_url = "https://hooks.example.com";
  webhook_trigger t(s, host);
  ASSERT_TRUE(t.start().ok());
  ASSERT_TRUE(t.bind({"wf", "wf", {}}).ok());
  std::string url(t.describe("wf")->at("url").as_string());
  EXPECT_EQ(url.rfind("https://hooks.example.com/run/", 0), 0u) << url;
  t.stop();
}

TEST(WebhookSettings, WildcardListenerWithoutPublicUrlSaysSoAtStart) {
  auto hint_logged = [](const std::string& listen_host, const std::string& public_url) {
    test_host host;
    server_settings s;
    s.listen_host = listen_host;
    s.listen_port = 0;
    s.public_url = public_url;
    webhook_trigger t(s, host);
    EXPECT_TRUE(t.start().ok());
    t.stop();
    for (const auto& line : host.logs())
      if (line.find("public_url is not set") != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(hint_logged("0.0.0.0", ""));
  EXPECT_FALSE(hint_logged("0.0.0.0", "https://hooks.example.com"));
  EXPECT_FALSE(hint_logged("127.0.0.1", ""));
}

TEST(WebhookSettings, BusyPortIsUnavailable) {
  test_host host;
  server_settings s;
  s.listen_host = "127.0.0.1";
  s.listen_port = 0;
  webhook_trigger first(s, host);
  ASSERT_TRUE(first.start().ok());
  s.listen_port = first.port();
  webhook_trigger second(s, host);
  EXPECT_EQ(second.start().code(), sdk::status_code::unavailable);
  first.stop();
  second.stop();
}

}  // namespace
}  // namespace hookflow::triggers::webhook::testing
