#include "smtp_error.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

namespace hookflow::actions::email {

sdk::status reply_status(const std::string& what, int code, const std::string& reply) {
  if (code < 200 || code >= 600)  // no reply line: the connection closed (Poco reports code 0)
    return sdk::unavailable(what + " failed: the server closed the connection without an answer" +
                            (reply.empty() ? "" : " (" + reply + ")") + " (will retry)");
  std::string message = what + " failed: the server answered " + reply;
  if (code >= 400 && code < 500) return sdk::unavailable(message + " (temporary; will retry)");
  if (code == 535 || code == 534 || code == 530) return {sdk::status_code::unauthenticated, message, false};
  return {sdk::status_code::invalid_argument, message, false};
}

sdk::status current_exception_status(const std::string& server) {
  try {
    throw;
  } catch (const smtp_error& e) {
    return e.status();
  } catch (const Poco::Net::SMTPException& e) {
    // Poco's own reply checks (the greeting): the code is the server's reply code.
    if (e.code() >= 400) return reply_status("connecting to " + server, e.code(), e.message());
    return sdk::unavailable("SMTP error with " + server + ": " + e.displayText());
  } catch (const Poco::Net::SSLException& e) {
    return {sdk::status_code::failed_precondition,
            "TLS with " + server + " failed: " + e.displayText() +
                " (check the server certificate, ca_file and the tls option)",
            false};
  } catch (const Poco::TimeoutException& e) {
    return sdk::unavailable("timed out talking to " + server);
  } catch (const Poco::Net::NetException& e) {
    return sdk::unavailable("network error with " + server + ": " + e.displayText());
  } catch (const Poco::IOException& e) {
    return sdk::unavailable("I/O error with " + server + ": " + e.displayText());
  } catch (const Poco::Exception& e) {
    return sdk::internal_error("unexpected error with " + server + ": " + e.displayText());
  } catch (const std::exception& e) {
    return sdk::internal_error(std::string("unexpected error sending mail: ") + e.what());
  }
}

}  // namespace hookflow::actions::email
