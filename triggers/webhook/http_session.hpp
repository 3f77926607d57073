#pragma once
// One HTTP/1.1 connection (plain or TLS). Private to http_server.cpp: this header pulls in
// Beast and Asio, so no other translation unit may include it.
//
// Threads: every member function runs on the thread of the connection's io_context (one thread
// per context, so no strand is needed). Engine callbacks (submit, await_run) arrive on engine
// threads and are posted back to that context, but only while the
// server's `callback_gate` is open: once the io_context is gone they are dropped. The engine
// callbacks hold the session weakly; while waiting for them the session is kept alive by a
// pending wait on `wake_`, which the io_context owns (and destroys at shutdown).
// Timeouts: `read_timeout` covers a request's line and headers from its first byte (TLS
// handshake included for the first), then each pause while its body arrives (a large body on a
// slow link is fine as long as it keeps coming); `idle_timeout` the keep-alive wait for the
// next request's first byte, `read_timeout` again the writing of an answer. A read timeout
// answers 408; an idle timeout closes quietly. One `connection_deadline` enforces them.

#include "connection_deadline.hpp"
#include "request_gate.hpp"
#include "response_wire.hpp"
#include "settings.hpp"

#include <hookflow/sdk/services.hpp>

#include <condition_variable>
#include <mutex>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

namespace hookflow::triggers::webhook {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

// Each connection lives on one single-threaded io_context: concrete executor types avoid the
// type-erased executor's allocations and reference counting on every operation.
using executor = net::io_context::executor_type;
using tcp_socket = net::basic_stream_socket<net::ip::tcp, executor>;
using tls_stream = net::ssl::stream<tcp_socket>;
using deadline_timer =
    net::basic_waitable_timer<std::chrono::steady_clock, net::wait_traits<std::chrono::steady_clock>, executor>;

struct callback_gate {
  std::mutex mutex;
  bool open = true;  // false once the io_context is about to be destroyed
};

/// Shared by the listener and every session; sessions keep it alive.
struct server_core {
  server_core(const server_settings& s, const request_gate& g, sdk::host_services& svc, net::thread_pool& pool)
      : settings(s), gate(g), services(svc), slow_pool(pool) {}

  const server_settings& settings;
  const request_gate& gate;
  sdk::host_services& services;
  net::thread_pool& slow_pool;  // password checks (PBKDF2) run here, never on io threads
  std::shared_ptr<callback_gate> callbacks = std::make_shared<callback_gate>();
  std::atomic<bool> accepting{true};  // false after stop(): answer 503, never submit
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> pending_password_checks{0};  // bounded by settings.max_pending_auth_checks

  // Requests handed to the engine whose answer is not written yet: stop() waits for them, so a
  // caller whose run was stored also learns its run id.
  std::mutex in_flight_mutex;
  std::condition_variable in_flight_done;
  std::size_t in_flight = 0;
  void begin_request() {
    std::lock_guard lock(in_flight_mutex);
    ++in_flight;
  }
  void end_request() {
    std::lock_guard lock(in_flight_mutex);
    if (--in_flight == 0) in_flight_done.notify_all();
  }
};

/// Counts an answer; `workflow` labels it when the request reached a known, enabled hook.
void count_reply(sdk::host_services& services, const reply& r, const std::string& workflow);
reply reply_for_submit_error(const sdk::status& error);
reply accepted_reply(const sdk::run_receipt& receipt);
reply outcome_reply(const sdk::run_receipt& receipt, const sdk::run_outcome& outcome);

template <class Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
  static constexpr bool is_tls = !std::is_same_v<Stream, tcp_socket>;
  using clock = std::chrono::steady_clock;

 public:
  http_session(std::shared_ptr<server_core> core, Stream stream) : core_(std::move(core)), stream_(std::move(stream)) {
    ++core_->connections;
    beast::error_code ec;
    auto endpoint = lowest().remote_endpoint(ec);
    if (!ec) peer_ = endpoint.address().to_string();
  }
  ~http_session() {
    end_in_flight();  // an answer that will never be written must not hold up stop()
    --core_->connections;
  }

  void run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

 private:
  auto& lowest() { return beast::get_lowest_layer(stream_); }

  // What the deadline does when it passes: cancel the socket's operations.
  auto cancel_on_expiry() {
    return [self = this->shared_from_this()] {
      beast::error_code ignored;
      self->lowest().cancel(ignored);
    };
  }
  void arm(std::chrono::milliseconds after) {
    deadline_.arm(after, [this] { return cancel_on_expiry(); });
  }
  void disarm() { deadline_.disarm(); }

  void begin() {
    if constexpr (is_tls) {
      arm(core_->settings.read_timeout);
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->close();
        self->read_header();
      });
    } else {
      read_header();
    }
  }

  void wait_next_request() {
    if (buffer_.size() > 0) return read_header();
    arm(core_->settings.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(core_->settings.header_limit_bytes);
    parser_->body_limit(core_->settings.max_body_bytes);
    request_keep_alive_ = false;
    entry_.reset();
    arm(core_->settings.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t n) { self->on_header(ec, n); });
  }

  // Beast's own header_limit does not count the request line when the whole header arrives
  // at once; `header_bytes` (what the parser consumed) makes the limit exact.
  void on_header(beast::error_code ec, std::size_t header_bytes) {
    if (!ec && header_bytes > core_->settings.header_limit_bytes) ec = http::error::header_limit;
    // The deadline passed just as the header completed (nothing left to cancel): the rest of
    // the request would be read without a deadline, so it gets the 408 now.
    if (!ec && deadline_.timed_out()) ec = net::error::timed_out;
    if (ec) return on_read_error(ec);
    const auto& req = parser_->get();
    head_.method = std::string(req.method_string());
    head_.target = std::string(req.target());
    head_.headers.clear();
    for (const auto& field : req) head_.headers.emplace_back(field.name_string(), field.value());
    head_.peer_address = peer_;
    request_keep_alive_ = req.keep_alive();
    request_version_ = req.version();
    started_ = clock::now();
    if (auto length = parser_->content_length(); length && *length > core_->settings.max_body_bytes)
      return send(too_large(), true);
    auto verdict = core_->gate.check_head(head_);
    entry_ = std::move(verdict.entry);
    if (verdict.refusal) return send(std::move(*verdict.refusal), !parser_->is_done());
    if (verdict.password_to_check) return check_password(std::move(*verdict.password_to_check));
    read_body();
  }

  // PBKDF2 runs on the slow pool. Its queue is bounded, so wrong passwords sent in bulk cannot
  // make every new client wait: past the bound, the answer is 429 (callers whose password was
  // verified before never get here).
  void check_password(basic_credentials presented) {
    if (core_->pending_password_checks.fetch_add(1) >= core_->settings.max_pending_auth_checks) {
      --core_->pending_password_checks;
      reply r = make_reply(429, "too many password checks in progress", "auth_busy");
      r.headers.emplace_back("Retry-After", "1");
      return send(std::move(r), true);
    }
    net::post(core_->slow_pool, [self = this->shared_from_this(), presented = std::move(presented)] {
      auto refusal = self->core_->gate.check_password(*self->entry_, presented);
      --self->core_->pending_password_checks;
      net::post(self->stream_.get_executor(), [self, refusal = std::move(refusal)]() mutable {
        if (self->deadline_.timed_out()) return self->send(make_reply(408, "request timeout", "timeout"), true);
        if (refusal) return self->send(std::move(*refusal), !self->parser_->is_done());
        self->read_body();
      });
    });
  }

  void read_body() {
    if (parser_->is_done()) return on_body({});
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      continue_ = {http::status::continue_, 11};
      return http::async_write(stream_, continue_,
                               [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (ec) return self->close();
                                 self->read_rest();
                               });
    }
    read_rest();
  }

  void read_rest() {
    arm(core_->settings.read_timeout);
    http::async_read_some(stream_, buffer_, *parser_,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec || self->parser_->is_done()) return self->on_body(ec);
                            self->read_rest();
                          });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    disarm();
    auto outcome = core_->gate.check_body(*entry_, head_, parser_->get().body());
    if (auto* refusal = std::get_if<reply>(&outcome)) return send(std::move(*refusal), false);
    submit(std::get<dispatch>(std::move(outcome)));
  }

  void on_read_error(beast::error_code ec) {
    if (deadline_.timed_out()) return send(make_reply(408, "request timeout", "timeout"), true);
    disarm();
    if (ec == http::error::header_limit)
      return send(make_reply(431, "request header fields too large", "header_too_large"), true);
    if (ec == http::error::body_limit) return send(too_large(), true);
    if (ec.category() == beast::http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return send(make_reply(400, "malformed HTTP request: " + ec.message(), "malformed_request"), true);
    close();
  }

  reply too_large() const {
    return make_reply(413,
                      "request body exceeds max_body_bytes (" + std::to_string(core_->settings.max_body_bytes) + ")",
                      "body_too_large");
  }

  void submit(dispatch d) {
    if (!core_->accepting) {
      reply r = make_reply(503, "shutting down", "unavailable");
      r.headers.emplace_back("Retry-After", "5");
      return send(std::move(r), true);
    }
    respond_ = d.respond;
    respond_timeout_ = d.respond_timeout;
    hold();
    in_flight_ = true;
    core_->begin_request();
    core_->services.submit(std::move(d.request),
                           engine_callback<sdk::result<sdk::run_receipt>>(&http_session::on_submitted));
  }

  void on_submitted(sdk::result<sdk::run_receipt> r) {
    wake_.cancel();
    if (!r) return send(reply_for_submit_error(r.error()), false);
    receipt_ = std::move(r).value();
    core_->services.observe("webhook_accept_seconds", {{"workflow", entry_->workflow_id}},
                            std::chrono::duration<double>(clock::now() - started_).count());
    if (respond_ != respond_mode::result) return send(accepted_reply(receipt_), false);
    hold();
    core_->services.await_run(receipt_.run_id, respond_timeout_,
                              engine_callback<sdk::result<sdk::run_outcome>>(&http_session::on_outcome));
  }

  void on_outcome(sdk::result<sdk::run_outcome> r) {
    wake_.cancel();
    if (!r) return send(accepted_reply(receipt_), false);
    send(outcome_reply(receipt_, r.value()), false);
  }

  // Wraps a member function as an engine callback (see the thread contract at the top).
  template <class Result>
  std::function<void(Result)> engine_callback(void (http_session::*fn)(Result)) {
    return [weak = this->weak_from_this(), callbacks = core_->callbacks, fn](Result r) {
      std::lock_guard lock(callbacks->mutex);
      if (!callbacks->open) return;
      auto self = weak.lock();
      if (!self) return;
      auto executor = self->stream_.get_executor();
      net::post(executor, [self = std::move(self), fn, r = std::move(r)]() mutable { ((*self).*fn)(std::move(r)); });
    };
  }

  void hold() {
    wake_.expires_at(clock::time_point::max());
    wake_.async_wait([self = this->shared_from_this()](beast::error_code) {});
  }

  void send(reply r, bool close_after) {
    disarm();
    count_reply(core_->services, r, entry_ ? entry_->workflow_id : std::string());
    keep_alive_after_ = !close_after && request_keep_alive_;
    write_response(wire_, r, {request_version_, keep_alive_after_, head_.method == "HEAD"});
    arm(core_->settings.read_timeout);
    net::async_write(stream_, net::buffer(wire_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->disarm();
      self->end_in_flight();
      if (ec || !self->keep_alive_after_) return self->close();
      self->wait_next_request();
    });
  }

  void end_in_flight() {
    if (!in_flight_) return;
    in_flight_ = false;
    core_->end_request();
  }

  // Half-closes, then discards what the client still sends for a moment, so that it reads
  // our answer instead of a connection reset (lingering close).
  void close() {
    arm(std::chrono::seconds(2));
    beast::error_code ec;
    lowest().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    if (ec) {
      deadline_.cancel();
      return void(lowest().close(ec));
    }
    drain();
  }

  void drain() {
    lowest().async_read_some(net::buffer(discard_),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) {
                                 self->deadline_.cancel();
                                 beast::error_code ignored;
                                 return void(self->lowest().close(ignored));
                               }
                               self->drain();
                             });
  }

  std::shared_ptr<server_core> core_;
  Stream stream_;
  connection_deadline deadline_{stream_.get_executor()};
  deadline_timer wake_{stream_.get_executor()};
  bool in_flight_ = false;  // counted in core_->in_flight until the answer is written
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> continue_;
  std::string wire_;               // the answer being written (response_wire.hpp)
  bool keep_alive_after_ = false;  // the connection stays open once it is written
  std::array<char, 4096> discard_{};
  std::string peer_;
  request_head head_;
  std::shared_ptr<const hook_entry> entry_;
  bool request_keep_alive_ = false;
  unsigned request_version_ = 11;
  std::chrono::steady_clock::time_point started_;
  respond_mode respond_ = respond_mode::accepted;
  std::chrono::milliseconds respond_timeout_{0};
  sdk::run_receipt receipt_;
};

}  // namespace hookflow::triggers::webhook
