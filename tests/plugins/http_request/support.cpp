#include "support.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

extern char** environ;

namespace hookflow::plugins::http_request::testing {
namespace {

void run(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("command failed: " + command);
}

void make_ca(const fs::path& dir, const std::string& name) {
  run(std::string(HOOKFLOW_OPENSSL) + " req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2" +
      " -subj '/CN=" + name + "' -keyout " + (dir / (name + ".key")).string() + " -out " +
      (dir / (name + ".pem")).string() + " 2>/dev/null");
}

void make_leaf(const fs::path& dir, const std::string& ca, const std::string& name, const std::string& san) {
  auto ext = dir / (name + ".ext");
  std::ofstream(ext) << "subjectAltName=" << san << "\n";
  auto stem = (dir / name).string();
  run(std::string(HOOKFLOW_OPENSSL) + " req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=" +
      name + "' -keyout " + stem + ".key -out " + stem + ".csr 2>/dev/null");
  run(std::string(HOOKFLOW_OPENSSL) + " x509 -req -days 2 -in " + stem + ".csr -CA " + (dir / (ca + ".pem")).string() +
      " -CAkey " + (dir / (ca + ".key")).string() + " -CAcreateserial -extfile " + ext.string() + " -out " + stem +
      ".pem 2>/dev/null");
}

struct cert_dir {
  fs::path path;
  cert_dir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("hookflow-http-certs-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~cert_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

const test_certs& certs() {
  static cert_dir dir;
  static const test_certs made = [] {
    const auto& d = dir.path;
    make_ca(d, "ca");
    make_ca(d, "rogue-ca");
    make_leaf(d, "ca", "localhost", "DNS:localhost,IP:127.0.0.1");
    make_leaf(d, "ca", "other", "DNS:other.test");
    make_leaf(d, "rogue-ca", "rogue", "DNS:localhost,IP:127.0.0.1");
    return test_certs{d / "ca.pem",    d / "localhost.pem", d / "localhost.key", d / "other.pem",
                      d / "other.key", d / "rogue.pem",     d / "rogue.key"};
  }();
  return made;
}

http_server::http_server(std::vector<std::string> args) {
  std::vector<std::string> argv{HOOKFLOW_SYSTEM_PYTHON, HOOKFLOW_HTTP_SERVER};
  argv.insert(argv.end(), args.begin(), args.end());
  for (const auto& a : args) tls_ = tls_ || a == "--tls";
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  int rc = ::posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) throw std::runtime_error("cannot start the HTTP test server");
  std::string line;  // the first line is the port; the read blocks until the server listens
  for (char c; ::read(out[0], &c, 1) == 1 && c != '\n';) line += c;
  ::close(out[0]);
  port_ = std::atoi(line.c_str());
  if (port_ <= 0) throw std::runtime_error("the HTTP test server did not start (no port on stdout)");
}

http_server::~http_server() {
  stop();
}

void http_server::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string http_server::url(const std::string& path, const std::string& host) const {
  return std::string(tls_ ? "https://" : "http://") + host + ":" + std::to_string(port_) + path;
}

}  // namespace hookflow::plugins::http_request::testing
