#pragma once

#include "support/process.hpp"
// Test helpers for http.request: test certificates made with the openssl CLI and the Python
// test server (http_server.py) as a child process.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hookflow::plugins::http_request::testing {

namespace fs = std::filesystem;

/// A CA; a certificate for localhost/127.0.0.1 and one for other.test, both signed by it; and
/// one for localhost/127.0.0.1 signed by an unrelated CA. Made once per process, in a folder
/// removed at exit.
struct test_certs {
  fs::path ca;
  fs::path localhost_cert, localhost_key;
  fs::path other_cert, other_key;
  fs::path rogue_cert, rogue_key;
};
const test_certs& certs();

/// http_server.py as a child process on 127.0.0.1; killed on destruction.
class http_server {
 public:
  /// `args`: extra options, e.g. {"--tls", cert, key}.
  explicit http_server(std::vector<std::string> args = {});
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  int port() const { return server_->port(); }
  /// "http://127.0.0.1:PORT" (or https://) followed by `path`.
  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const;
  void stop() { server_->stop(); }  // kills the server and waits for it; its port then refuses connections

 private:
  std::unique_ptr<hookflow::testing::listening_process> server_;
  bool tls_ = false;
};

}  // namespace hookflow::plugins::http_request::testing
