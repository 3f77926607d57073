#pragma once
// The admin API's HTTP listener (Boost.Beast): HTTP/1.1 with keep-alive on its own thread.
// Requests are handled one at a time per connection; handlers may block briefly (the admin
// API is a control plane). Limits: 64 KiB of headers, 16 MiB of body, 30 s per request.

#include <memory>
#include <string>

namespace hookflow::engine::telemetry {
class logger;
}

namespace hookflow::engine::admin {

class api;

class server {
 public:
  server(api& handler, telemetry::logger& log);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds `listen` ("host:port", port 0 = any free port) and starts serving. Returns the bound
  /// "host:port". Throws std::runtime_error when the address cannot be bound.
  std::string start(const std::string& listen);
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Splits "host:port" ("[::1]:80" for IPv6). Throws std::invalid_argument on a malformed value.
std::pair<std::string, unsigned short> split_host_port(const std::string& listen);

}  // namespace hookflow::engine::admin
