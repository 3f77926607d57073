#include "smtp_error.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

namespace hookflow::actions::email {
namespace {

// Whether a TLS failure comes from checking the server's certificate (the same certificate
// fails the same way next time). Poco 1.11 reports OpenSSL's chain check failing in the
// handshake as a plain SSLException carrying OpenSSL's reason text.
bool is_certificate_failure(const Poco::Net::SSLException& e) {
  if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&e) ||
      dynamic_cast<const Poco::Net::InvalidCertificateException*>(&e) ||
      dynamic_cast<const Poco::Net::SSLContextException*>(&e))
    return true;
  return e.displayText().find("certificate verify failed") != std::string::npos;
}

// TLS spoken to a port that speaks plain SMTP (or the other way round): the same settings fail
// the same way every time.
bool is_tls_mode_mismatch(const Poco::Net::SSLException& e) {
  return e.displayText().find("wrong version number") != std::string::npos;
}

sdk::status tls_status(const Poco::Net::SSLException& e, const std::string& server) {
  if (is_tls_mode_mismatch(e))
    return {sdk::status_code::failed_precondition,
            "TLS with " + server + " failed: " + e.displayText() +
                " (the server does not speak TLS there: smtps:// or tls=implicit needs an implicit-TLS port such "
                "as 465; port 587 needs tls=starttls)",
            false};
  if (is_certificate_failure(e))
    return {sdk::status_code::failed_precondition,
            "TLS with " + server + " failed: " + e.displayText() +
                " (check the server certificate, ca_file and the tls option)",
            false};
  // The handshake or a TLS record broken off: a server restarting or shedding load.
  return sdk::unavailable("TLS with " + server + " broke off: " + e.displayText() + " (will retry)");
}

}  // namespace

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
    return tls_status(e, server);
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
