#include "support.hpp"

#include "support/pki.hpp"

#include "email_action.hpp"
#include "schema.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <system_error>

namespace hookflow::actions::email::testing {
namespace {

using hookflow::testing::make_ca;
using hookflow::testing::make_leaf;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Runs a shell command, failing the test on a non-zero exit; returns its stdout.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  int rc = ::pclose(pipe);
  if (rc != 0) throw std::runtime_error("command failed (" + std::to_string(rc) + "): " + command);
  return out;
}

}  // namespace

temp_dir::temp_dir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("hookflow-email-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

const test_certs& certs() {
  static temp_dir dir;  // lives until the process ends
  static const test_certs made = [] {
    auto d = dir.path();
    make_ca(d, "ca");
    make_ca(d, "rogue");
    make_leaf(d, "ca", "localhost", "DNS:localhost,IP:127.0.0.1");
    make_leaf(d, "ca", "other", "DNS:other.test");
    make_leaf(d, "rogue", "untrusted", "DNS:localhost,IP:127.0.0.1");
    return test_certs{d / "ca.pem",    d / "localhost.pem", d / "localhost.key", d / "other.pem",
                      d / "other.key", d / "untrusted.pem", d / "untrusted.key"};
  }();
  return made;
}

smtp_server::smtp_server(std::vector<std::string> args) {
  std::vector<std::string> argv{HOOKFLOW_SYSTEM_PYTHON, HOOKFLOW_SMTP_SERVER, "--port", "0", "--outdir",
                                dir_.path().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  server_ = std::make_unique<hookflow::testing::listening_process>(argv);
}

smtp_server::~smtp_server() = default;

json::object smtp_server::wait_for_message(int n) const {
  char name[32];
  std::snprintf(name, sizeof name, "%06d.json", n);
  auto file = dir_.path() / name;
  if (!wait_until([&] { return fs::exists(file); })) throw std::runtime_error("no message " + std::to_string(n));
  return json::parse(slurp(file)).as_object();
}

std::string smtp_server::message_text(int n) const {
  char name[32];
  std::snprintf(name, sizeof name, "%06d.eml", n);
  return slurp(dir_.path() / name);
}

std::size_t smtp_server::saved_count() const {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir_.path())) n += e.path().extension() == ".json";
  return n;
}

silent_listener::silent_listener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 16) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::error_code ec(errno, std::generic_category());
    if (fd_ >= 0) ::close(fd_);
    throw std::system_error(ec, "silent_listener");
  }
  port_ = ntohs(addr.sin_port);
}

silent_listener::~silent_listener() {
  ::close(fd_);
}

json::object parse_eml(const fs::path& file) {
  return json::parse(run(std::string(HOOKFLOW_SYSTEM_PYTHON) + " " + HOOKFLOW_PARSE_EML + " " + file.string()))
      .as_object();
}

void fake_services::log(sdk::log_level, std::string_view message, const json::object& fields) {
  logged += std::string(message) + " " + json::serialize(fields) + "\n";
}

sdk::result<json::value> action_under_test::send(const json::object& step, std::chrono::milliseconds within) {
  std::vector<sdk::config_error> errors;
  auto config = sdk::validate_config(send_fields(), step, "", errors);
  if (!errors.empty())
    return sdk::invalid_argument("step config: " + errors.front().path + ": " + errors.front().message);
  sdk::execution_context ctx{"run-1", "wf-1", "step-1", 1, std::chrono::steady_clock::now() + within, &services};
  return action->execute(config, ctx);
}

std::unique_ptr<action_under_test> make_action(const json::object& settings, const fs::path& data_root) {
  auto out = std::make_unique<action_under_test>();
  std::vector<sdk::config_error> errors;
  auto validated = sdk::validate_config(plugin_settings_schema(), settings, "/plugins/email", errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().path + ": " + errors.front().message);
  auto created =
      create_email_action({validated, &out->services, (data_root / "plugins" / "email").string(), data_root.string()});
  if (created)
    out->action = std::move(created).value();
  else
    out->create_error = created.error();
  return out;
}

std::string local_url(int port, const std::string& query, const std::string& userinfo) {
  return "smtp://" + (userinfo.empty() ? "" : userinfo + "@") + "127.0.0.1:" + std::to_string(port) + "?" + query;
}

}  // namespace hookflow::actions::email::testing
