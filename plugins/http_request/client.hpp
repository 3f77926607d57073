#pragma once
// The HTTP/1.1 client behind `http.request`: Boost.Beast over Asio, TLS by OpenSSL through
// asio::ssl. Chosen over Poco's HTTPSClientSession because the host-name check is OpenSSL's
// own (SSL_set1_host, or the IP address for IP literals) and one deadline covers connect, TLS,
// send and receive (beast::tcp_stream expiry).
//
// TLS: TLS 1.2 or later; the server chain is verified against the system CAs plus
// `ca_file`; SNI is sent for host names. Certificates are never skipped.
// Threads: `perform` is reentrant; each call owns its io_context and connection (no reuse);
// the TLS context is shared read-only by all calls.

#include "call.hpp"
#include "settings.hpp"

#include <hookflow/sdk/status.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hookflow::plugins::http_request {

struct http_response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names as received, in order
  std::string body;
};

class http_client {
 public:
  /// Errors: invalid_argument when `ca_file` cannot be read as PEM certificates.
  static sdk::result<http_client> create(client_settings settings);

  /// Makes one call and reads the whole response, whatever its status. Gives up at
  /// `deadline` (except name resolution, which the system resolver bounds). Errors:
  ///   unavailable (retryable): the name does not resolve, the connection is refused, reset or
  ///     fails, TLS fails for a reason other than the certificate, the response is malformed;
  ///   deadline_exceeded (retryable): the deadline passed;
  ///   failed_precondition (not retryable): the server certificate is untrusted or does not
  ///     name the host;
  ///   invalid_argument (not retryable): every address of the host is non-public and
  ///     allow_private_networks is false;
  ///   resource_exhausted (not retryable): the body is larger than max_response_bytes.
  sdk::result<http_response> perform(const http_call& call, std::chrono::steady_clock::time_point deadline) const;

 private:
  struct impl;
  explicit http_client(std::shared_ptr<const impl> i) : impl_(std::move(i)) {}
  std::shared_ptr<const impl> impl_;
};

}  // namespace hookflow::plugins::http_request
