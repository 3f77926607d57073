#include "session_pool.hpp"

#include "smtp_error.hpp"

namespace hookflow::actions::email {

session_pool::lease::~lease() {
  if (!session_) return;
  session_->abandon();
  session_.reset();
  pool_->forget_one();
}

void session_pool::lease::give_back() {
  pool_->put_back(std::move(session_));
}

session_pool::session_pool(std::size_t capacity, factory make) : capacity_(capacity), make_(std::move(make)) {}

session_pool::~session_pool() {
  idle_.clear();
}

// Returns an idle session, or nullptr with a slot reserved for a new one (open_ counted).
std::unique_ptr<smtp_session> session_pool::take_idle_or_reserve(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return !idle_.empty() || open_ < capacity_; };
  if (deadline == std::chrono::steady_clock::time_point{}) {
    freed_.wait(lock, ready);
  } else if (!freed_.wait_until(lock, deadline, ready)) {
    throw smtp_error(sdk::unavailable("all " + std::to_string(capacity_) +
                                      " SMTP connections stayed busy until the step's deadline"));
  }
  if (idle_.empty()) {
    ++open_;
    return nullptr;
  }
  auto session = std::move(idle_.back());  // the most recently used: the likeliest alive
  idle_.pop_back();
  return session;
}

session_pool::lease session_pool::acquire(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto session = take_idle_or_reserve(deadline);
    if (session) {
      if (session->alive()) return lease(this, std::move(session));
      session->abandon();  // closed by the server while idle
      session.reset();
      forget_one();
      continue;
    }
    try {
      return lease(this, make_());
    } catch (...) {
      forget_one();
      throw;
    }
  }
}

void session_pool::put_back(std::unique_ptr<smtp_session> session) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(session));
  }
  freed_.notify_one();
}

void session_pool::forget_one() {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  freed_.notify_one();
}

}  // namespace hookflow::actions::email
