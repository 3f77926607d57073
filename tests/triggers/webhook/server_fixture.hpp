#pragma once
// Starts a real webhook_trigger on 127.0.0.1:0 with a test host, and binds workflow "wf".

#include "binding_config.hpp"
#include "raw_client.hpp"
#include "test_host.hpp"
#include "webhook_trigger.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace hookflow::triggers::webhook::testing {

class server_fixture : public ::testing::Test {
 protected:
  server_fixture() {
    settings_.listen_host = "127.0.0.1";
    settings_.listen_port = 0;
    settings_.pbkdf2_iterations = 1000;
    settings_.max_body_bytes = 1000;
    settings_.header_limit_bytes = 2048;
    settings_.io_threads = 2;
  }
  ~server_fixture() override {
    if (trigger_) trigger_->stop();
  }

  void start(boost::json::object config = {}) {
    trigger_ = std::make_unique<webhook_trigger>(settings_, host_);
    ASSERT_TRUE(trigger_->start().ok());
    bind("wf", std::move(config));
    path_ = hook_path("wf");
  }

  void bind(const std::string& workflow, boost::json::object config) {
    std::vector<sdk::config_error> errors;
    auto validated = sdk::validate_config(binding_schema(), config, "", errors);
    ASSERT_TRUE(errors.empty()) << errors.front().path << ": " << errors.front().message;
    auto s = trigger_->bind({workflow, workflow, validated});
    ASSERT_TRUE(s.ok()) << s.message();
  }

  std::string hook_path(const std::string& workflow) {
    std::string url(trigger_->describe(workflow)->at("url").as_string());
    return url.substr(trigger_->base_url().size());
  }

  boost::json::object command(const std::string& name, boost::json::object args = {}) {
    auto r = trigger_->command("wf", name, args);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? r.value() : boost::json::object{};
  }

  http_response post(const std::string& target, const std::string& body = "{}", const std::string& headers = "") {
    return request(port(), "POST", target, body, headers);
  }

  std::uint16_t port() const { return trigger_->port(); }

  server_settings settings_;
  test_host host_;
  std::unique_ptr<webhook_trigger> trigger_;
  std::string path_;
};

}  // namespace hookflow::triggers::webhook::testing
