// smtp_url forms and plugin settings.
#include "settings.hpp"
#include "address.hpp"
#include "smtp_url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

TEST(EmailSmtpUrl, ParsesStarttlsUrlWithEncodedCredentials) {
  auto ep = parse_smtp_url("smtp://me%40corp.com:p%3Ass@smtp.example.com:587?tls=starttls&timeout_ms=5000");
  EXPECT_EQ(ep.host, "smtp.example.com");
  EXPECT_EQ(ep.port, 587);
  EXPECT_EQ(ep.tls, tls_mode::starttls);
  EXPECT_EQ(ep.auth, auth_mode::plain);
  EXPECT_EQ(ep.username, "me@corp.com");
  EXPECT_EQ(ep.password, "p:ss");
  EXPECT_EQ(ep.timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(ep.display().find("p:ss"), std::string::npos);
}

TEST(EmailSmtpUrl, ParsesSmtpsAsImplicitTlsOnPort465) {
  auto ep = parse_smtp_url("smtps://u:p@mail.example.com");
  EXPECT_EQ(ep.tls, tls_mode::implicit);
  EXPECT_EQ(ep.port, 465);
  auto login = parse_smtp_url("smtp://u:p@[::1]:2525?tls=starttls-optional&auth=login");
  EXPECT_EQ(login.host, "::1");
  EXPECT_EQ(login.port, 2525);
  EXPECT_EQ(login.tls, tls_mode::starttls_optional);
  EXPECT_EQ(login.auth, auth_mode::login);
}

TEST(EmailSmtpUrl, DefaultsToStarttlsOn587WithoutAuth) {
  auto ep = parse_smtp_url("smtp://relay.internal");
  EXPECT_EQ(ep.port, 587);
  EXPECT_EQ(ep.tls, tls_mode::starttls);
  EXPECT_EQ(ep.auth, auth_mode::none);
}

TEST(EmailSmtpUrl, ErrorsNeverContainThePassword) {
  for (const char* bad :
       {"http://u:hunter2@h", "smtp://u:hunter2@h:99999", "smtp://u:hunter2@h?tls=maybe",
        "smtp://u:hunter2@h?colour=red", "smtp://u:hunter2%zz@h", "smtp://u:hunter2@h/path", "smtp://u:hunter2@",
        "smtp://h?auth=login",
        // '?', '/' or '&' in the password, then something wrong after the '@'
        "smtp://u:hunter2?x@h:99999", "smtp://u:x?hunter2@h?colour=red", "smtp://u:hunter2?tls=maybe@h?tls=maybe",
        "smtp://u:hunter2/x@h/path", "smtp://u:a&hunter2=1@h?colour=red",
        // the '@' forgotten: "user:password" reads as host and port
        "smtp://u:hunter2", "smtp://u:hunter2?tls=none"}) {
    try {
      parse_smtp_url(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
  }
}

TEST(EmailSmtpUrl, TheUserInfoEndsAtTheLastAtSign) {
  struct example {
    const char* url;
    const char* password;
    const char* host;
    std::uint16_t port;
  };
  for (auto [url, password, host, port] : {example{"smtp://u:abc?x@h", "abc?x", "h", 587},
                                           example{"smtp://u:x@h@mail.example.com", "x@h", "mail.example.com", 587},
                                           example{"smtp://u:p@ss/w?rd#1&a=b@mail.example.com:2525?tls=none",
                                                   "p@ss/w?rd#1&a=b", "mail.example.com", 2525}}) {
    auto ep = parse_smtp_url(url);
    EXPECT_EQ(ep.username, "u") << url;
    EXPECT_EQ(ep.password, password) << url;
    EXPECT_EQ(ep.host, host) << url;
    EXPECT_EQ(ep.port, port) << url;
    EXPECT_EQ(ep.auth, auth_mode::plain) << url;
    for (auto piece : {"abc", "ss/w", "x@h"}) EXPECT_EQ(ep.display().find(piece), std::string::npos) << ep.display();
  }
}

TEST(EmailSettings, UsesTheEnvironmentUrlWhenTheSettingIsAbsent) {
  auto s = load_settings({}, "/srv/var", "smtp://relay.example.com:25?tls=none");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->smtp);
  EXPECT_EQ(s->smtp->host, "relay.example.com");
  auto setting_wins =
      load_settings({{"smtp_url", "smtps://a.example.com"}}, "/srv/var", "smtp://relay.example.com:25?tls=none");
  EXPECT_EQ(setting_wins->smtp->host, "a.example.com");
}

TEST(EmailSettings, FallsBackToTheOutboxInTheEngineDataFolder) {
  auto s = load_settings({}, "/srv/var", nullptr);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->smtp);
  EXPECT_EQ(s->outbox_dir, "/srv/var/outbox");
}

TEST(EmailSettings, WithoutAFromSettingStepsAreSentFromTheSmtpUserOrTheHost) {
  // DESIGN.md's example step has no `from`: it must still send.
  EXPECT_EQ(load_settings({{"from", "Ops <ops@example.com>"}}, "/x", nullptr)->default_from, "Ops <ops@example.com>");
  EXPECT_EQ(load_settings({}, "/x", "smtp://me%40corp.com:pw@smtp.example.com?tls=starttls")->default_from,
            "me@corp.com");
  const auto from_host = load_settings({}, "/x", "smtp://apikey:pw@smtp.example.com?tls=starttls")->default_from;
  EXPECT_TRUE(from_host.starts_with("hookflow@")) << from_host;
  EXPECT_TRUE(parse_mailbox(from_host, "from").ok()) << from_host;

  const std::optional<smtp_endpoint> no_server;
  EXPECT_EQ(fallback_sender(no_server, "mail.example.com"), "hookflow@mail.example.com");
  EXPECT_EQ(fallback_sender(no_server, "buildbox"), "hookflow@localhost");  // no dot: not a domain
  EXPECT_EQ(fallback_sender(no_server, "bad_name.example"), "hookflow@localhost");
  EXPECT_EQ(fallback_sender(parse_smtp_url("smtp://apikey:pw@h.example.com"), "mail.example.com"),
            "hookflow@mail.example.com");
}

TEST(EmailSettings, ReportsABadUrlAsInvalidArgument) {
  auto s = load_settings({{"smtp_url", "smtp://u:hunter2@h?tls=bogus"}}, "/x", nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), sdk::status_code::invalid_argument);
  EXPECT_EQ(s.error().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace hookflow::actions::email
