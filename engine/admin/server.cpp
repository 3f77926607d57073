#include "server.hpp"

#include "api.hpp"

#include "../telemetry/logger.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <thread>

namespace hookflow::engine::admin {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::pair<std::string, unsigned short> split_host_port(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size())
    throw std::invalid_argument("\"" + listen + "\" is not host:port");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port);
  if (ec != std::errc{} || end != listen.data() + listen.size() || port > 65535)
    throw std::invalid_argument("\"" + listen + "\" has no valid port");
  return {host.empty() ? "0.0.0.0" : host, static_cast<unsigned short>(port)};
}

namespace {

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, api& handler) : stream_(std::move(socket)), handler_(handler) {}

  void run() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(64 * 1024);
    parser_->body_limit(16 * 1024 * 1024);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset)
      return close();
    if (ec) {
      int status = ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400;
      return respond_raw(
          status,
          "{\"error\":\"" + std::string(status == 400 ? "malformed HTTP request" : "request too large") + "\"}\n",
          false);
    }
    auto& req = parser_->get();
    api_request r;
    r.method = std::string(req.method_string());
    if (!parse_target(std::string_view(req.target().data(), req.target().size()), r.path, r.query))
      return respond_raw(400, "{\"error\":\"malformed percent-encoding in the URL\"}\n", req.keep_alive());
    r.authorization = std::string(req[http::field::authorization]);
    r.body = std::move(req.body());
    auto out = handler_.handle(r);
    auto res =
        std::make_shared<http::response<http::string_body>>(static_cast<http::status>(out.status), req.version());
    res->set(http::field::server, "hookflow");
    res->set(http::field::content_type, out.content_type);
    for (const auto& [k, v] : out.headers) res->set(k, v);
    res->body() = std::move(out.body);
    res->keep_alive(req.keep_alive());
    res->prepare_payload();
    write(res);
  }

  void respond_raw(int status, std::string body, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    res->set(http::field::content_type, "application/json");
    res->body() = std::move(body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    write(res);
  }

  void write(std::shared_ptr<http::response<http::string_body>> res) {
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !res->keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  api& handler_;
};

}  // namespace

struct server::impl {
  impl(api& h, telemetry::logger& l) : handler(h), log(l) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<session>(std::move(socket), handler)->run();
      accept();
    });
  }

  api& handler;
  telemetry::logger& log;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
};

server::server(api& handler, telemetry::logger& log) : impl_(std::make_unique<impl>(handler, log)) {}

server::~server() {
  stop();
}

std::string server::start(const std::string& listen) {
  auto [host, port] = split_host_port(listen);
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("admin listen address \"" + host + "\" is not an IP address");
  tcp::endpoint endpoint(address, port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint, ec);
  if (ec) throw std::runtime_error("cannot bind the admin API to " + listen + ": " + ec.message());
  impl_->acceptor.listen();
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  auto bound = impl_->acceptor.local_endpoint();
  auto text = bound.address().to_string();
  if (bound.address().is_v6()) text = "[" + text + "]";
  return text + ":" + std::to_string(bound.port());
}

void server::stop() {
  if (!impl_->thread.joinable()) return;
  asio::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->io.stop();
  impl_->thread.join();
}

}  // namespace hookflow::engine::admin
