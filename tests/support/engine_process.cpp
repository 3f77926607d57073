#include "support/engine_process.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace hookflow::testing {
namespace json = boost::json;

engine_process::engine_process(std::string extra_plugins_json) : extra_(std::move(extra_plugins_json)) {
  write_file(dir_ / "hookflow.json",
             R"({"data_dir": "var", "admin": {"listen": "127.0.0.1:0"},
                 "plugins": {"webhook": {"listen": "127.0.0.1:0"})" +
                 (extra_.empty() ? std::string() : ", " + extra_) + "}}");
}

engine_process::~engine_process() {
  if (child_) stop();
}

void engine_process::start() {
  const int expected_starts = ++starts_;
  std::filesystem::remove(dir_ / "var" / "admin.url");
  child_ = std::make_unique<child_process>(
      std::vector<std::string>{HOOKFLOW_BINARY, "serve", "--config", (dir_ / "hookflow.json").string()},
      (dir_ / "engine.log").string());
  auto started_count = [&] {
    auto text = log();
    int n = 0;
    for (auto pos = text.find("\"engine started\""); pos != std::string::npos;
         pos = text.find("\"engine started\"", pos + 1))
      ++n;
    return n;
  };
  ASSERT_TRUE(wait_until([&] { return started_count() >= expected_starts || !child_->running(); }));
  ASSERT_TRUE(child_->running()) << log();
  admin_url_ = read_file(dir_ / "var" / "admin.url");
  while (!admin_url_.empty() && admin_url_.back() == '\n') admin_url_.pop_back();
  token_ = read_file(dir_ / "var" / "admin.token");
  while (!token_.empty() && token_.back() == '\n') token_.pop_back();
}

int engine_process::stop() {
  int code = child_ ? child_->terminate() : -1;
  child_.reset();
  return code;
}

std::string engine_process::log() const {
  return read_file(dir_ / "engine.log");
}

http_response engine_process::admin(const std::string& method, const std::string& target, const std::string& body,
                                    const std::string& token) {
  std::map<std::string, std::string> headers;
  if (token == "default")
    headers["Authorization"] = "Bearer " + token_;
  else if (!token.empty())
    headers["Authorization"] = token;
  return engine::cli::http_request(admin_url_, method, target, body, headers);
}

http_response engine_process::call(const std::string& method, const std::string& url, const std::string& body,
                                   const std::map<std::string, std::string>& headers) {
  auto slash = url.find('/', 7);
  return engine::cli::http_request(url.substr(0, slash), method, url.substr(slash), body, headers);
}

json::value engine_process::wait_for_run(const std::string& run_id) {
  json::value run;
  bool done = wait_until([&] {
    auto r = admin("GET", "/api/v1/runs/" + run_id);
    if (r.status != 200) return false;
    run = json::parse(r.body);
    auto status = run.at("status").as_string();
    return status == "succeeded" || status == "failed";
  });
  EXPECT_TRUE(done) << "run " << run_id << " did not finish\n" << log();
  return run;
}

}  // namespace hookflow::testing
