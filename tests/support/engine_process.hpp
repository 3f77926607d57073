#pragma once
// The real `hookflow serve` as a child process in a temp folder, with its webhook and admin
// listeners on free loopback ports; helpers to call both over real HTTP.

#include "engine/cli/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/value.hpp>

#include <memory>
#include <string>

namespace hookflow::testing {

using engine::cli::http_response;

class engine_process {
 public:
  /// `extra_config` is merged into the config's top-level object (e.g. `"plugins": {...}`
  /// parts other than webhook.listen); it is raw JSON members, may be empty.
  explicit engine_process(std::string extra_plugins_json = {});
  ~engine_process();

  /// Starts (or restarts) the engine and waits until it is serving.
  void start();
  /// SIGTERM and wait; returns the exit code.
  int stop();

  http_response admin(const std::string& method, const std::string& target, const std::string& body = {},
                      const std::string& token = "default");
  /// A request to a full URL on the webhook listener.
  http_response call(const std::string& method, const std::string& url, const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {});

  /// Waits for the run to finish and returns its API record.
  boost::json::value wait_for_run(const std::string& run_id);

  const std::string& token() const { return token_; }
  std::string log() const;
  const temp_dir& dir() const { return dir_; }

 private:
  temp_dir dir_;
  std::string extra_;
  std::unique_ptr<child_process> child_;
  std::string admin_url_;
  std::string token_;
  int starts_ = 0;
};

}  // namespace hookflow::testing
