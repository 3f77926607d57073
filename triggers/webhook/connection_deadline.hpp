#pragma once
// The deadline of one connection's current operation, enforced by one timer. Private to the
// HTTP session (it pulls in Asio).
//
// Moving the deadline only writes a field: the timer, when it fires before the current
// deadline, waits again for it, so a keep-alive request costs no timer operations. Past the
// deadline, the expiry action runs (it cancels the socket's operations) and `timed_out()` tells
// the failing handler why.
// Threads: every member runs on the connection's io thread. The expiry action keeps the
// connection (and so this object) alive while a wait is pending; it is made by
// `make_on_expiry()` only when a new wait starts, not on every `arm`.

#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstdint>

namespace hookflow::triggers::webhook {

class connection_deadline {
  using clock = std::chrono::steady_clock;
  using executor = boost::asio::io_context::executor_type;
  using timer = boost::asio::basic_waitable_timer<clock, boost::asio::wait_traits<clock>, executor>;

 public:
  explicit connection_deadline(executor ex) : timer_(ex) {}

  /// Sets the deadline of the operation about to start, `after` from now.
  template <class MakeOnExpiry>
  void arm(std::chrono::milliseconds after, MakeOnExpiry make_on_expiry) {
    timed_out_ = false;
    deadline_ = clock::now() + after;
    if (waiting_ && timer_.expiry() <= deadline_) return;  // it will wait on when it fires
    wait_until(deadline_, make_on_expiry());               // cancels a later wait, whose handler then does nothing
  }

  /// No deadline until the next `arm`.
  void disarm() { deadline_ = clock::time_point::max(); }
  /// Ends the pending wait (releasing what `on_expiry` holds).
  void cancel() { timer_.cancel(); }
  /// The last armed deadline passed before its operation completed.
  bool timed_out() const { return timed_out_; }

 private:
  template <class OnExpiry>
  void wait_until(clock::time_point when, OnExpiry on_expiry) {
    waiting_ = true;
    timer_.expires_at(when);
    timer_.async_wait(
        [this, on_expiry = std::move(on_expiry), generation = ++generation_](boost::system::error_code ec) mutable {
          if (generation != generation_) return;  // superseded by a wait for an earlier deadline
          waiting_ = false;
          if (ec || deadline_ == clock::time_point::max()) return;
          if (clock::now() < deadline_) return wait_until(deadline_, std::move(on_expiry));
          timed_out_ = true;
          deadline_ = clock::time_point::max();
          on_expiry();
        });
  }

  timer timer_;
  clock::time_point deadline_ = clock::time_point::max();
  std::uint64_t generation_ = 0;
  bool waiting_ = false;
  bool timed_out_ = false;
};

}  // namespace hookflow::triggers::webhook
