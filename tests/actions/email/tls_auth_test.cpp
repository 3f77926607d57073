// TLS (STARTTLS and implicit) with certificate and host name checks, and AUTH PLAIN/LOGIN.
#include "smtp_error.hpp"
#include "support.hpp"
#include "support/pki.hpp"
#include "tls.hpp"

#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <gtest/gtest.h>

namespace hookflow::actions::email {
namespace {

using namespace testing;

json::object step() {
  return {{"to", "ops@example.com"}, {"from", "noreply@example.com"}, {"subject", "s"}, {"text", "t"}};
}

std::vector<std::string> tls_args(const fs::path& cert, const fs::path& key) {
  return {"--tls", cert.string(), key.string()};
}

class EmailTls : public ::testing::Test {
 protected:
  json::object settings(const std::string& url) { return {{"smtp_url", url}, {"ca_file", certs().ca.string()}}; }
  temp_dir root_;
};

TEST_F(EmailTls, AcceptsStarttlsWhenTheCertificateNamesTheHost) {
  for (const char* host : {"localhost", "127.0.0.1"}) {
    smtp_server server(tls_args(certs().localhost_cert, certs().localhost_key));
    auto a = make_action(
        settings("smtp://" + std::string(host) + ":" + std::to_string(server.port()) + "?tls=starttls"), root_.path());
    auto out = a->send(step());
    ASSERT_TRUE(out.ok()) << host << ": " << out.error().message();
    EXPECT_TRUE(server.wait_for_message(1).at("tls").as_bool());
  }
}

TEST_F(EmailTls, RefusesACertificateForAnotherHost) {
  smtp_server server(tls_args(certs().other_cert, certs().other_key));
  auto a = make_action(settings(local_url(server.port(), "tls=starttls", "user:hunter2")), root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("not valid for the host name 127.0.0.1"), std::string::npos)
      << out.error().message();
  EXPECT_EQ(out.error().message().find("hunter2"), std::string::npos);
  EXPECT_EQ(server.saved_count(), 0u);
}

TEST_F(EmailTls, RefusesAnUntrustedCertificate) {
  smtp_server server(tls_args(certs().untrusted_cert, certs().untrusted_key));
  auto a = make_action(settings(local_url(server.port(), "tls=starttls")), root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("certificate verify failed"), std::string::npos) << out.error().message();
}

TEST_F(EmailTls, RequiredStarttlsFailsWhenTheServerDoesNotOfferIt) {
  smtp_server server;
  auto a = make_action(settings(local_url(server.port(), "tls=starttls")), root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("does not offer STARTTLS"), std::string::npos) << out.error().message();
}

TEST_F(EmailTls, OptionalStarttlsSendsInClearWithoutCredentialsOnly) {
  smtp_server server;
  auto plain = make_action(settings(local_url(server.port(), "tls=starttls-optional")), root_.path());
  ASSERT_TRUE(plain->send(step()).ok());
  EXPECT_FALSE(server.wait_for_message(1).at("tls").as_bool());
  auto with_auth = make_action(settings(local_url(server.port(), "tls=starttls-optional", "u:p")), root_.path());
  auto out = with_auth->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("refusing to send credentials"), std::string::npos) << out.error().message();
}

TEST_F(EmailTls, SendsOverImplicitTls) {
  auto args = tls_args(certs().localhost_cert, certs().localhost_key);
  args.push_back("--implicit-tls");
  smtp_server server(args);
  auto a = make_action(settings("smtps://localhost:" + std::to_string(server.port())), root_.path());
  auto out = a->send(step());
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_TRUE(server.wait_for_message(1).at("tls").as_bool());
}

TEST_F(EmailTls, ImplicitTlsRefusesACertificateForAnotherHost) {
  auto args = tls_args(certs().other_cert, certs().other_key);
  args.push_back("--implicit-tls");
  smtp_server server(args);
  auto a = make_action(settings("smtps://localhost:" + std::to_string(server.port())), root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("not valid for the host name localhost"), std::string::npos)
      << out.error().message();
}

TEST_F(EmailTls, AHandshakeTheServerBreaksOffIsRetryable) {
  auto args = tls_args(certs().localhost_cert, certs().localhost_key);
  args.insert(args.end(), {"--mode", "drop-at-starttls"});
  smtp_server server(args);
  auto a = make_action(settings(local_url(server.port(), "tls=starttls")), root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::unavailable) << out.error().message();
  EXPECT_TRUE(out.error().retryable()) << out.error().message();
}

// Checked on a real handshake: the peer certificate lists "mail*.example.test" and
// "*.wild.example.test"; only a whole left-most label may be a wildcard.
TEST(EmailTlsHostCheck, RefusesPartialWildcards) {
  temp_dir dir;
  hookflow::testing::make_ca(dir.path(), "ca");
  hookflow::testing::make_leaf(dir.path(), "ca", "wild", "DNS:mail*.example.test,DNS:*.wild.example.test");
  smtp_server server(
      {"--tls", (dir.path() / "wild.pem").string(), (dir.path() / "wild.key").string(), "--implicit-tls"});
  Poco::Net::SecureStreamSocket socket(make_client_context((dir.path() / "ca.pem").string()));
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port())));
  EXPECT_NO_THROW(verify_peer_host(socket, "smtp.wild.example.test"));
  EXPECT_THROW(verify_peer_host(socket, "mail1.example.test"), smtp_error);
  EXPECT_THROW(verify_peer_host(socket, "a.b.wild.example.test"), smtp_error);
}

class EmailAuth : public ::testing::TestWithParam<const char*> {
 protected:
  temp_dir root_;
};

TEST_P(EmailAuth, AuthenticatesWithTheRightCredentials) {
  smtp_server server({"--auth", "mailer:s3cret pass"});
  auto url = local_url(server.port(), std::string("tls=none&auth=") + GetParam(), "mailer:s3cret%20pass");
  auto a = make_action({{"smtp_url", url}}, root_.path());
  auto out = a->send(step());
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_TRUE(server.wait_for_message(1).at("authenticated").as_bool());
}

TEST_P(EmailAuth, RejectsWrongCredentialsWithoutLeakingThem) {
  smtp_server server({"--auth", "mailer:s3cret"});
  auto url = local_url(server.port(), std::string("tls=none&auth=") + GetParam(), "mailer:hunter2");
  auto a = make_action({{"smtp_url", url}}, root_.path());
  auto out = a->send(step());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::unauthenticated);
  EXPECT_FALSE(out.error().retryable());
  EXPECT_NE(out.error().message().find("535"), std::string::npos) << out.error().message();
  EXPECT_EQ(out.error().message().find("hunter2"), std::string::npos);
  EXPECT_EQ(a->services.logged.find("hunter2"), std::string::npos);
  EXPECT_EQ(server.saved_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Mechanisms, EmailAuth, ::testing::Values("plain", "login"));

TEST(EmailAuthTls, AuthenticatesAfterStarttls) {
  temp_dir root;
  smtp_server server({"--auth", "mailer:pw", "--tls", certs().localhost_cert.string(), certs().localhost_key.string()});
  auto url = "smtp://mailer:pw@localhost:" + std::to_string(server.port()) + "?tls=starttls&auth=login";
  auto a = make_action({{"smtp_url", url}, {"ca_file", certs().ca.string()}}, root.path());
  auto out = a->send(step());
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto meta = server.wait_for_message(1);
  EXPECT_TRUE(meta.at("tls").as_bool());
  EXPECT_TRUE(meta.at("authenticated").as_bool());
}

}  // namespace
}  // namespace hookflow::actions::email
