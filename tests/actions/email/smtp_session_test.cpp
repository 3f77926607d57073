// smtp_session against the aiosmtpd test server: what alive() tells the pool about an idle
// connection before it lends it out again.
#include "smtp_session.hpp"

#include "support.hpp"

#include <gtest/gtest.h>

namespace hookflow::actions::email {
namespace {

using namespace testing;

session_options local(int port) {
  session_options o;
  o.endpoint = parse_smtp_url("smtp://127.0.0.1:" + std::to_string(port) + "?tls=none");
  o.helo_name = "hookflow.test";
  return o;
}

composed_message note() {
  return {"<1@example.com>", "flow@example.com", {"ops@example.com"}, "Subject: note\r\n\r\nbody\r\n"};
}

TEST(SmtpSession, IsAliveWhileIdleAndAfterATransactionUntilTheServerCloses) {
  smtp_server server;
  smtp_session session(local(server.port()));
  EXPECT_TRUE(session.alive());  // greeting and EHLO replies fully read: nothing pending
  EXPECT_EQ(session.send(note()).substr(0, 3), "250");
  EXPECT_TRUE(session.alive());
  server.stop();  // the kernel closes the connection: end of stream is readable
  EXPECT_TRUE(wait_until([&] { return !session.alive(); }));
}

TEST(SmtpSession, IsNotAliveOnceAbandoned) {
  smtp_server server;
  smtp_session session(local(server.port()));
  session.abandon();
  EXPECT_FALSE(session.alive());
}

}  // namespace
}  // namespace hookflow::actions::email
