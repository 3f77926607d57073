// The one translation unit that includes Beast and Asio SSL (they are slow to compile).
#include "client.hpp"

#include "address_policy.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace hookflow::plugins::http_request {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t max_header_bytes = 64 * 1024;
constexpr const char* user_agent = "hookflow-http-request/1.0";

struct call_state {
  const http_call& call;
  const client_settings& settings;
  asio::ssl::context& tls;
  std::chrono::steady_clock::time_point deadline;
  sdk::status error;
  http_response response;
};

std::string where(const http_call& call) {
  return call.where.host + ":" + call.where.port;
}

// "POST https://example.com/x: ", the start of every error message (no query: it may hold a key).
std::string prefix(const call_state& s) {
  return s.call.method + " " + s.call.where.display + ": ";
}

// A failed network operation as a status: timeouts and everything else are retryable.
sdk::status network_error(const call_state& s, const error_code& ec, const std::string& doing) {
  if (ec == beast::error::timeout)
    return {sdk::status_code::deadline_exceeded,
            prefix(s) + "no answer in time (" + doing + "; timeout_ms " + std::to_string(s.call.timeout.count()) + ")"};
  return sdk::unavailable(prefix(s) + doing + " failed: " + ec.message());
}

sdk::status tls_error(const call_state& s, SSL* ssl, const error_code& ec) {
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK)
    return {sdk::status_code::failed_precondition,
            "TLS with " + where(s.call) + " refused: the server certificate " + X509_verify_cert_error_string(verify) +
                " (host " + s.call.where.host + ")",
            false};
  return network_error(s, ec, "TLS handshake with " + where(s.call));
}

http::request<http::string_body> make_request(const http_call& call) {
  http::request<http::string_body> req{http::string_to_verb(call.method), call.where.resource, 11};
  req.set(http::field::host, call.where.host_header);
  req.set(http::field::user_agent, user_agent);
  for (const auto& [name, value] : call.headers) req.set(name, value);
  req.set(http::field::connection, "close");
  if (call.body) req.body() = *call.body;
  req.prepare_payload();
  return req;
}

template <class Stream>
asio::awaitable<void> exchange(Stream& stream, call_state& s) {
  auto req = make_request(s.call);
  auto [wec, written] = co_await http::async_write(stream, req, use_tuple);
  if (wec) {
    s.error = network_error(s, wec, "sending the request to " + where(s.call));
    co_return;
  }
  http::response_parser<http::string_body> parser;
  parser.header_limit(max_header_bytes);
  parser.body_limit(s.settings.max_response_bytes);
  parser.skip(s.call.method == "HEAD");  // a HEAD answer has a Content-Length but no body
  beast::flat_buffer buffer;
  auto [rec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
  // A TLS server that closes without close_notify ends a body that runs to end of stream.
  if (rec == asio::ssl::error::stream_truncated && parser.is_header_done()) parser.put_eof(rec);
  if (rec == http::error::body_limit) {
    s.error = sdk::status(sdk::status_code::resource_exhausted,
                          prefix(s) + "the response body is larger than max_response_bytes (" +
                              std::to_string(s.settings.max_response_bytes) + ")",
                          false);
    co_return;
  }
  if (rec) {
    s.error = network_error(s, rec, "reading the response from " + where(s.call));
    co_return;
  }
  auto& res = parser.get();
  s.response.status = static_cast<int>(res.result_int());
  for (const auto& field : res) s.response.headers.emplace_back(field.name_string(), field.value());
  s.response.body = std::move(res.body());
}

asio::awaitable<void> run_call(call_state& s) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto [rec, results] = co_await resolver.async_resolve(s.call.where.host, s.call.where.port, use_tuple);
  if (rec) {
    s.error = sdk::unavailable(prefix(s) + "cannot resolve " + s.call.where.host + ": " + rec.message());
    co_return;
  }
  std::vector<tcp::endpoint> endpoints;
  std::string refused;
  for (const auto& r : results) {
    if (s.settings.allow_private_networks || !is_non_public(r.endpoint().address()))
      endpoints.push_back(r.endpoint());
    else if (refused.empty())
      refused = r.endpoint().address().to_string();
  }
  if (endpoints.empty()) {
    s.error = sdk::invalid_argument(prefix(s) + "refused: " + s.call.where.host + " is a non-public address (" +
                                    refused + ") and allow_private_networks is false");
    co_return;
  }

  if (!s.call.where.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_at(s.deadline);
    auto [cec, ep] = co_await stream.async_connect(endpoints, use_tuple);
    if (cec) {
      s.error = network_error(s, cec, "connecting to " + where(s.call));
      co_return;
    }
    co_await exchange(stream, s);
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return;
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, s.tls);
  SSL* ssl = stream.native_handle();
  const auto& host = s.call.where.host;
  bool names_set = s.call.where.host_is_ip
                       ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1
                       : SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 && SSL_set1_host(ssl, host.c_str()) == 1;
  if (!names_set) {
    s.error = sdk::internal_error("TLS setup for " + host + " failed");
    co_return;
  }
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_at(s.deadline);
  auto [cec, ep] = co_await lowest.async_connect(endpoints, use_tuple);
  if (cec) {
    s.error = network_error(s, cec, "connecting to " + where(s.call));
    co_return;
  }
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
  if (hec) {
    s.error = tls_error(s, ssl, hec);
    co_return;
  }
  co_await exchange(stream, s);
  error_code ignored;  // no close_notify exchange: the answer is complete
  lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

struct http_client::impl {
  client_settings settings;
  // Not const: asio hands out SSL objects from a non-const context; they only read it.
  mutable asio::ssl::context tls{asio::ssl::context::tls_client};
};

sdk::result<http_client> http_client::create(client_settings settings) {
  auto i = std::make_shared<impl>();
  i->settings = std::move(settings);
  error_code ec;
  i->tls.set_verify_mode(asio::ssl::verify_peer, ec);
  i->tls.set_default_verify_paths(ec);  // a host without a system store can still use ca_file
  if (!i->settings.ca_file.empty()) i->tls.load_verify_file(i->settings.ca_file, ec);
  // A failed load leaves more errors in this thread's OpenSSL queue than asio reads; a later
  // TLS call on the thread would report them as its own.
  ERR_clear_error();
  if (!i->settings.ca_file.empty() && ec)
    return sdk::invalid_argument("ca_file \"" + i->settings.ca_file + "\": " + ec.message());
  SSL_CTX_set_min_proto_version(i->tls.native_handle(), TLS1_2_VERSION);
  return http_client(std::move(i));
}

sdk::result<http_response> http_client::perform(const http_call& call,
                                                std::chrono::steady_clock::time_point deadline) const {
  asio::io_context io;
  call_state state{call, impl_->settings, impl_->tls, deadline, {}, {}};
  asio::co_spawn(io, run_call(state), [&state](std::exception_ptr thrown) {
    if (!thrown) return;
    try {
      std::rethrow_exception(thrown);
    } catch (const std::exception& e) {
      state.error = sdk::internal_error(prefix(state) + e.what());
    }
  });
  io.run();
  if (!state.error.ok()) return state.error;
  return std::move(state.response);
}

}  // namespace hookflow::plugins::http_request
