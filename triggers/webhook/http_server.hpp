#pragma once
// The HTTP(S) listener. Beast and Asio stay behind this header (they are expensive to compile):
// only http_server.cpp includes them.
// Threads: start/stop are called from one host thread; requests run on `io_threads` threads,
// one strand per connection; slow password checks run on a separate one-thread pool.

#include "request_gate.hpp"
#include "settings.hpp"

#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace hookflow::triggers::webhook {

class http_server {
 public:
  /// All three references must outlive the server.
  http_server(const server_settings& settings, const request_gate& gate, sdk::host_services& services);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds `settings.listen_*` and starts the io threads. Errors: unavailable (bind failed),
  /// invalid_argument (TLS files unusable).
  sdk::status start();
  /// Stops accepting, then stops the io threads; connections are dropped. After it returns no
  /// submit is made. Idempotent.
  void stop();

  std::string bound_host() const;
  std::uint16_t bound_port() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace hookflow::triggers::webhook
