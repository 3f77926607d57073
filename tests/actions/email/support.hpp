#pragma once
// Test helpers for the email action: a temp folder, test certificates made with the openssl
// CLI, the aiosmtpd test server as a child process, the Python .eml parser, a minimal
// host_services and short-hands to build and run the action.

#include "support/process.hpp"

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/services.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace hookflow::actions::email::testing {

namespace fs = std::filesystem;
namespace json = boost::json;

class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Polls `condition` (something another process changes) until it holds or 20 s pass.
template <class F>
bool wait_until(F condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

/// A CA, a certificate for localhost/127.0.0.1 signed by it, one for other.test signed by
/// it, and one for localhost signed by an unrelated (untrusted) CA. Made once per process.
struct test_certs {
  fs::path ca;
  fs::path localhost_cert, localhost_key;
  fs::path other_cert, other_key;
  fs::path untrusted_cert, untrusted_key;
};
const test_certs& certs();

/// tests/actions/email/smtp_server.py as a child; killed on destruction.
class smtp_server {
 public:
  /// `args`: the script's options besides --port and --outdir.
  explicit smtp_server(std::vector<std::string> args = {});
  ~smtp_server();
  smtp_server(const smtp_server&) = delete;
  smtp_server& operator=(const smtp_server&) = delete;

  int port() const { return server_->port(); }
  const fs::path& outdir() const { return dir_.path(); }
  void stop() { server_->stop(); }  // kills the server and waits for it

  /// Waits until message `n` (1-based) is saved; returns its metadata JSON.
  json::object wait_for_message(int n) const;
  std::string message_text(int n) const;
  std::size_t saved_count() const;

 private:
  temp_dir dir_;
  std::unique_ptr<hookflow::testing::listening_process> server_;
};

/// A loopback port that takes connections (the kernel's backlog completes the handshake) and
/// never says a word: a server that hangs before its greeting.
class silent_listener {
 public:
  silent_listener();  // throws std::system_error when the port cannot be opened
  ~silent_listener();
  silent_listener(const silent_listener&) = delete;
  silent_listener& operator=(const silent_listener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

/// The Python parser's summary of an .eml file (see parse_eml.py).
json::object parse_eml(const fs::path& file);

/// host_services with a real clock and no-op everything else.
class fake_services final : public sdk::host_services {
 public:
  void submit(sdk::run_request, sdk::submit_callback) override {}
  void await_run(const std::string&, std::chrono::milliseconds, sdk::await_callback) override {}
  sdk::result<std::optional<std::string>> state_get(const std::string&, const std::string&) override {
    return std::optional<std::string>();
  }
  sdk::status state_put(const std::string&, const std::string&, const std::string&) override { return {}; }
  sdk::status state_erase(const std::string&, const std::string&) override { return {}; }
  void log(sdk::log_level, std::string_view message, const json::object& fields) override;
  void count(std::string_view, const json::object&, double) override {}
  void observe(std::string_view, const json::object&, double) override {}
  std::chrono::system_clock::time_point now() override { return std::chrono::system_clock::now(); }
  sdk::result<std::string> render(std::string_view t, const json::value&) override { return std::string(t); }

  std::string logged;  // every message and its fields, for "no secret in logs" checks
};

/// The action built like the host does: settings validated against the plugin's table (defaults
/// filled), data_dir = <root>/plugins/email, engine_data_dir = <root>. Fails the test if creation fails.
struct action_under_test {
  fake_services services;
  std::unique_ptr<sdk::action> action;
  sdk::status create_error;

  /// The step config is validated against send_fields() first (as the host would).
  /// Runs the step as the runner would, due `within` from now.
  sdk::result<json::value> send(const json::object& step, std::chrono::milliseconds within = std::chrono::seconds(60));
};
std::unique_ptr<action_under_test> make_action(const json::object& settings, const fs::path& data_root);

/// smtp://127.0.0.1:PORT?tls=none plus `extra` ("&auth=login"), with optional credentials.
std::string local_url(int port, const std::string& query = "tls=none", const std::string& userinfo = "");

}  // namespace hookflow::actions::email::testing
