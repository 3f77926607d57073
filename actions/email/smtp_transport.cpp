#include "smtp_transport.hpp"

#include "smtp_error.hpp"
#include "tls.hpp"

#include <Poco/Environment.h>

#include <algorithm>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

session_options make_options(const email_settings& s) {
  session_options o;
  o.endpoint = *s.smtp;
  if (o.endpoint.tls != tls_mode::none) o.tls_context = make_client_context(s.ca_file);
  o.connect_timeout = s.connect_timeout;
  o.timeout = s.timeout;
  o.helo_name = Poco::Environment::nodeName();
  if (o.helo_name.empty()) o.helo_name = "localhost";
  return o;
}

json::array to_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

}  // namespace

std::chrono::milliseconds smtp_transport::reply_timeout(std::chrono::steady_clock::time_point deadline) const {
  if (deadline == std::chrono::steady_clock::time_point{}) return options_.timeout;
  // Rounded down to whole 100 ms, so that messages sent one after another usually ask for the
  // same value and the session's socket is not set again for every message.
  using std::chrono::milliseconds;
  constexpr milliseconds step{100};
  auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left > step) left = left / step * step;
  return std::clamp(left, milliseconds(1), options_.timeout);
}

smtp_transport::smtp_transport(const email_settings& settings)
    : options_(make_options(settings)),
      server_(options_.endpoint.display()),
      pool_(settings.pool_size, [this] { return std::make_unique<smtp_session>(options_); }) {}

sdk::result<json::object> smtp_transport::deliver(const composed_message& message,
                                                  std::chrono::steady_clock::time_point deadline) {
  try {
    // A pooled connection the server dropped while idle is replaced once, transparently.
    for (int attempt = 1;; ++attempt) {
      auto lease = pool_.acquire(deadline);
      lease->set_timeout(reply_timeout(deadline));
      std::string reply;
      try {
        reply = lease->send(message);
      } catch (const stale_session&) {
        if (attempt == 1) continue;  // the lease drops the dead connection
        return sdk::unavailable("the server " + server_ + " closed the connection before answering");
      }
      lease.give_back();
      return json::object{
          {"message_id", message.message_id}, {"accepted", to_array(message.recipients)}, {"reply", reply}};
    }
  } catch (...) {
    return current_exception_status(server_);
  }
}

}  // namespace hookflow::actions::email
