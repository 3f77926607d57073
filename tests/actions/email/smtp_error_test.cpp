// Which failures the runner may retry: the exceptions Poco and OpenSSL raise, mapped by
// current_exception_status().
#include "smtp_error.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <gtest/gtest.h>

#include <functional>

namespace hookflow::actions::email {
namespace {

const std::string server = "smtp.example.com:587 (tls=starttls)";

sdk::status status_of(const std::function<void()>& raise) {
  try {
    raise();
  } catch (...) {
    return current_exception_status(server);
  }
  ADD_FAILURE() << "nothing was thrown";
  return {};
}

TEST(EmailRetryClassification, TlsHandshakeBrokenOffIsRetryable) {
  for (const auto& raise : std::vector<std::function<void()>>{
           [] { throw Poco::Net::SSLConnectionUnexpectedlyClosedException(); },
           // What Poco 1.11 on OpenSSL 3 raises when the server closes mid-handshake or mid-record
           [] { throw Poco::Net::SSLException("error:0A000126:SSL routines::unexpected eof while reading"); },
           [] { throw Poco::Net::SSLException("error:0A000119:SSL routines::decryption failed or bad record mac"); }}) {
    auto st = status_of(raise);
    EXPECT_EQ(st.code(), sdk::status_code::unavailable) << st.message();
    EXPECT_TRUE(st.retryable()) << st.message();
    EXPECT_NE(st.message().find(server), std::string::npos) << st.message();
  }
}

TEST(EmailRetryClassification, CertificateFailuresAreNotRetried) {
  for (const auto& raise : std::vector<std::function<void()>>{
           [] { throw Poco::Net::SSLException("error:0A000086:SSL routines::certificate verify failed"); },
           [] {
             throw Poco::Net::SSLException(
                 "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed");
           },
           [] { throw Poco::Net::CertificateValidationException("Unacceptable certificate from smtp.example.com"); },
           [] { throw Poco::Net::InvalidCertificateException("self signed certificate"); },
           [] { throw Poco::Net::SSLContextException("Cannot load CA file/directory"); },
           // implicit TLS against a plain-text (or STARTTLS) port: a setting to fix, not to retry
           [] { throw Poco::Net::SSLException("error:0A00010B:SSL routines::wrong version number"); }}) {
    auto st = status_of(raise);
    EXPECT_EQ(st.code(), sdk::status_code::failed_precondition) << st.message();
    EXPECT_FALSE(st.retryable()) << st.message();
  }
}

TEST(EmailRetryClassification, NetworkErrorsAndTimeoutsAreRetryable) {
  for (const auto& raise : std::vector<std::function<void()>>{
           [] { throw Poco::Net::ConnectionRefusedException("127.0.0.1:587"); },
           [] { throw Poco::Net::ConnectionResetException(); }, [] { throw Poco::TimeoutException(); },
           [] { throw Poco::Net::HostNotFoundException("smtp.example.com"); }}) {
    auto st = status_of(raise);
    EXPECT_EQ(st.code(), sdk::status_code::unavailable) << st.message();
    EXPECT_TRUE(st.retryable()) << st.message();
  }
}

TEST(EmailRetryClassification, FourHundredsAreRetriedFiveHundredsAreNot) {
  auto busy = reply_status("MAIL FROM", 421, "421 4.3.2 Service shutting down");
  EXPECT_TRUE(busy.retryable());
  EXPECT_EQ(busy.code(), sdk::status_code::unavailable);
  auto refused = reply_status("RCPT TO <x@example.com>", 550, "550 5.1.1 No such user");
  EXPECT_FALSE(refused.retryable());
  EXPECT_EQ(refused.code(), sdk::status_code::invalid_argument);
  EXPECT_NE(refused.message().find("550 5.1.1 No such user"), std::string::npos);
  auto login = reply_status("AUTH PLAIN", 535, "535 5.7.8 Authentication credentials invalid");
  EXPECT_FALSE(login.retryable());
  EXPECT_EQ(login.code(), sdk::status_code::unauthenticated);
}

}  // namespace
}  // namespace hookflow::actions::email
