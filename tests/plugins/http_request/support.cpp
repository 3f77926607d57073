#include "support.hpp"

#include "support/pki.hpp"

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace hookflow::plugins::http_request::testing {
namespace {

using hookflow::testing::make_ca;
using hookflow::testing::make_leaf;

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
  server_ = std::make_unique<hookflow::testing::listening_process>(argv);
}

http_server::~http_server() = default;

std::string http_server::url(const std::string& path, const std::string& host) const {
  return std::string(tls_ ? "https://" : "http://") + host + ":" + std::to_string(port()) + path;
}

}  // namespace hookflow::plugins::http_request::testing
