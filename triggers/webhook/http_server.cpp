#include "http_server.hpp"

#include "http_session.hpp"

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <thread>

#include <pthread.h>
#include <vector>

namespace hookflow::triggers::webhook {

namespace json = boost::json;
using tcp = net::ip::tcp;
using acceptor_type = net::basic_socket_acceptor<tcp, executor>;

void count_reply(sdk::host_services& services, const reply& r, const std::string& workflow) {
  services.count("webhook_requests_total", {{"status", std::to_string(r.status)}, {"workflow", workflow}});
  if (!r.rejection.empty())
    services.count("webhook_rejections_total", {{"reason", r.rejection}, {"workflow", workflow}});
}

reply reply_for_submit_error(const sdk::status& error) {
  switch (error.code()) {
    case sdk::status_code::resource_exhausted: {
      reply r = make_reply(429, "too many requests: the run queue is full", "queue_full");
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
    case sdk::status_code::failed_precondition:
    case sdk::status_code::unavailable: {
      reply r = make_reply(503, "service unavailable", "unavailable");
      r.headers.emplace_back("Retry-After", "5");
      return r;
    }
    case sdk::status_code::not_found: return not_found_reply();
    default: return make_reply(500, "internal error", "internal");
  }
}

reply accepted_reply(const sdk::run_receipt& receipt) {
  reply r;
  r.status = 202;
  r.body["run_id"] = receipt.run_id;
  if (receipt.duplicate) r.body["duplicate"] = true;
  return r;
}

reply outcome_reply(const sdk::run_receipt& receipt, const sdk::run_outcome& outcome) {
  if (outcome.state != sdk::run_state::succeeded && outcome.state != sdk::run_state::failed)
    return accepted_reply(receipt);
  reply r;
  r.status = 200;
  r.body["run_id"] = receipt.run_id;
  r.body["state"] = sdk::to_string(outcome.state);
  if (outcome.state == sdk::run_state::succeeded)
    r.body["output"] = outcome.output;
  else
    r.body["error"] = outcome.error;
  if (receipt.duplicate) r.body["duplicate"] = true;
  return r;
}

// One io_context per io thread, each run by its own thread: a connection stays on the context
// it was accepted onto (round robin), so its handlers never need a strand or a lock.
struct http_server::impl {
  impl(const server_settings& s, const request_gate& g, sdk::host_services& svc)
      : settings(s), services(svc), core(std::make_shared<server_core>(s, g, svc, slow_pool)) {
    for (int i = 0; i < std::max(1, settings.io_threads); ++i) {
      contexts.push_back(std::make_unique<net::io_context>(1));
      keep_running.push_back(net::make_work_guard(contexts.back()->get_executor()));
    }
    acceptor.emplace(contexts.front()->get_executor());
    accept_pause.emplace(contexts.front()->get_executor());
  }

  ~impl() {
    stop();
    std::lock_guard lock(core->callbacks->mutex);
    core->callbacks->open = false;
  }

  sdk::status start();
  void stop();
  void accept();
  void on_accept(beast::error_code ec, tcp_socket socket);
  void run_thread(net::io_context& context);

  const server_settings& settings;
  sdk::host_services& services;
  // Destroyed in reverse order: the pool (whose pending jobs hold sessions) before the
  // io_contexts that those sessions' sockets belong to.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<executor>> keep_running;
  std::optional<acceptor_type> acceptor;          // on the first context
  std::optional<net::steady_timer> accept_pause;  // after a failed accept (out of descriptors)
  std::size_t next_context = 0;
  std::optional<net::ssl::context> tls;
  net::thread_pool slow_pool{1};
  std::shared_ptr<server_core> core;
  std::vector<std::thread> threads;
  std::string host;
  std::uint16_t port = 0;
};

sdk::status http_server::impl::start() {
  beast::error_code ec;
  std::string listen_host = settings.listen_host == "localhost" ? "127.0.0.1" : settings.listen_host;
  auto address = net::ip::make_address(listen_host, ec);
  if (ec) return sdk::invalid_argument("/listen: \"" + settings.listen_host + "\" is not an IP address");
  if (!settings.tls_cert_file.empty()) {
    try {
      tls.emplace(net::ssl::context::tls_server);
      tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(settings.tls_cert_file);
      tls->use_private_key_file(settings.tls_key_file, net::ssl::context::pem);
    } catch (const std::exception& e) {
      return sdk::invalid_argument("/tls_cert_file: cannot load the certificate or key: " + std::string(e.what()));
    }
  }
  tcp::endpoint endpoint{address, settings.listen_port};
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return sdk::unavailable("cannot listen on " + settings.listen_host + ":" + std::to_string(settings.listen_port) +
                            ": " + ec.message());
  host = address.to_string();
  port = acceptor->local_endpoint().port();
  accept();
  for (auto& context : contexts) threads.emplace_back([this, &context = *context] { run_thread(context); });
  return {};
}

void http_server::impl::run_thread(net::io_context& context) {
  pthread_setname_np(pthread_self(), "hf-webhook-io");
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      services.log(sdk::log_level::error, "webhook io thread caught an exception", {{"error", e.what()}});
    }
  }
}

void http_server::impl::stop() {
  // New requests get 503 from here on; requests already handed to the engine get their answer
  // (for up to 5 s) before the io threads stop.
  core->accepting = false;
  if (!threads.empty()) {
    std::size_t pending = 0;
    {
      std::lock_guard lock(core->in_flight_mutex);
      pending = core->in_flight;
    }
    services.log(sdk::log_level::info, "webhook stopping", {{"requests_in_flight", pending}});
    net::post(acceptor->get_executor(), [this] {
      beast::error_code ignored;
      acceptor->close(ignored);
    });
    std::unique_lock lock(core->in_flight_mutex);
    core->in_flight_done.wait_for(lock, std::chrono::seconds(5), [&] { return core->in_flight == 0; });
  }
  for (auto& context : contexts) context->stop();
  for (auto& t : threads) t.join();
  threads.clear();
  beast::error_code ignored;
  acceptor->close(ignored);
  slow_pool.stop();
  slow_pool.join();
}

void http_server::impl::accept() {
  auto& context = *contexts[next_context++ % contexts.size()];
  acceptor->async_accept(context.get_executor(),
                         [this](beast::error_code ec, tcp_socket socket) { on_accept(ec, std::move(socket)); });
}

void http_server::impl::on_accept(beast::error_code ec, tcp_socket socket) {
  if (!acceptor->is_open() || ec == net::error::operation_aborted) return;
  if (ec) {
    // Retrying at once would spin while the cause (EMFILE, ENFILE, ENOBUFS) lasts: pause first.
    services.log(sdk::log_level::warn, "webhook accept failed; retrying in 100 ms", {{"error", ec.message()}});
    services.count("webhook_rejections_total", {{"reason", "accept_failed"}, {"workflow", ""}});
    accept_pause->expires_after(std::chrono::milliseconds(100));
    return accept_pause->async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor->is_open()) accept();
    });
  }
  if (core->connections >= settings.max_connections) {
    services.count("webhook_rejections_total", {{"reason", "max_connections"}, {"workflow", ""}});
    socket.close(ec);
  } else if (tls) {
    std::make_shared<http_session<tls_stream>>(core, tls_stream(std::move(socket), *tls))->run();
  } else {
    std::make_shared<http_session<tcp_socket>>(core, std::move(socket))->run();
  }
  accept();
}

http_server::http_server(const server_settings& settings, const request_gate& gate, sdk::host_services& services)
    : impl_(std::make_unique<impl>(settings, gate, services)) {}

http_server::~http_server() = default;

sdk::status http_server::start() {
  return impl_->start();
}
void http_server::stop() {
  impl_->stop();
}
std::string http_server::bound_host() const {
  return impl_->host;
}
std::uint16_t http_server::bound_port() const {
  return impl_->port;
}

}  // namespace hookflow::triggers::webhook
