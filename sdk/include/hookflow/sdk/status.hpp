#pragma once
// Errors that cross the plugin boundary. No exception ever crosses it: plugin calls return a
// `status` or a `result<T>`.

#include <hookflow/sdk/abi.hpp>

#include <string>
#include <utility>
#include <variant>

HOOKFLOW_SDK_BEGIN_NAMESPACE

enum class status_code {
  ok,
  invalid_argument,     // the input is wrong; retrying the same input cannot help
  not_found,            // the named thing does not exist
  unauthenticated,      // credentials missing or wrong
  resource_exhausted,   // a queue or quota is full; try again later
  unavailable,          // a dependency (network, server) is down; try again later
  deadline_exceeded,    // the call ran past its time limit
  failed_precondition,  // the system is not in a state that allows the call (e.g. stopping)
  internal,             // a bug or an unexpected failure
};

/// Text name of a code, e.g. "invalid_argument".
const char* to_string(status_code code) noexcept;

/// Whether an error with this code is worth retrying by default.
constexpr bool is_retryable_by_default(status_code code) noexcept {
  return code == status_code::resource_exhausted || code == status_code::unavailable ||
         code == status_code::deadline_exceeded;
}

class status {
 public:
  status() = default;  // ok
  status(status_code code, std::string message)
      : code_(code), message_(std::move(message)), retryable_(is_retryable_by_default(code)) {}
  status(status_code code, std::string message, bool retryable)
      : code_(code), message_(std::move(message)), retryable_(retryable) {}

  static status success() { return {}; }

  bool ok() const noexcept { return code_ == status_code::ok; }
  explicit operator bool() const noexcept { return ok(); }
  status_code code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  /// For action errors: whether the runner should try the step again.
  bool retryable() const noexcept { return retryable_; }

 private:
  status_code code_ = status_code::ok;
  std::string message_;
  bool retryable_ = false;
};

inline status invalid_argument(std::string message) {
  return {status_code::invalid_argument, std::move(message)};
}
inline status not_found(std::string message) {
  return {status_code::not_found, std::move(message)};
}
inline status unavailable(std::string message) {
  return {status_code::unavailable, std::move(message)};
}
inline status internal_error(std::string message) {
  return {status_code::internal, std::move(message)};
}

/// A value or the status that explains why there is none.
template <class T>
class result {
 public:
  result(T value) : data_(std::move(value)) {}       // NOLINT: implicit by design
  result(status error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: ok().
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  /// ok status when a value is held.
  status error() const { return ok() ? status{} : std::get<1>(data_); }

 private:
  std::variant<T, status> data_;
};

HOOKFLOW_SDK_END_NAMESPACE
