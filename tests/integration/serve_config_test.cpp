// `hookflow serve` refuses to start, with exit code 2 and the setting's path, when the
// operator's plugin settings do not take: an engine without the plugin it was configured for
// would look healthy and serve nothing.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using hookflow::testing::child_process;
using hookflow::testing::read_file;
using hookflow::testing::temp_dir;
using hookflow::testing::wait_until;
using hookflow::testing::write_file;

struct start_result {
  int exit_code = -1;
  std::string log;
};

// Starts the engine with `plugins_json` as its "plugins" (and `members`, raw JSON members, at
// the top level) and waits for it to exit.
start_result serve_with(const temp_dir& dir, const std::string& plugins_json, const std::string& members = {}) {
  write_file(dir / "hookflow.json", R"({"admin": {"listen": "127.0.0.1:0"}, "plugins": )" + plugins_json +
                                        (members.empty() ? "" : ", " + members) + "}");
  child_process engine({HOOKFLOW_BINARY, "serve", "--config", (dir / "hookflow.json").string()},
                       (dir / "engine.log").string());
  const bool exited = wait_until([&] { return !engine.running(); });
  start_result r{engine.terminate(), read_file(dir / "engine.log")};
  EXPECT_TRUE(exited) << "the engine started instead of refusing its config:\n" << r.log;
  return r;
}

TEST(ServeConfig, RefusesASettingOfTheWrongType) {
  temp_dir dir;
  auto r = serve_with(dir, R"({"webhook": {"listen": "127.0.0.1:0"}})", R"("data_dir": 7)");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.log.find("/data_dir: "), std::string::npos) << r.log;
}

TEST(ServeConfig, RefusesSettingsForAPluginThatIsNotLoaded) {
  temp_dir dir;
  auto r = serve_with(dir, R"({"webhook": {"listen": "127.0.0.1:0"}, "emial": {"smtp_url": ""}})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.log.find(R"(/plugins/emial: no plugin named \"emial\" is loaded)"), std::string::npos) << r.log;
}

TEST(ServeConfig, RefusesAnUnknownKeyInAPluginsSettings) {
  temp_dir dir;
  auto r = serve_with(dir, R"({"webhook": {"listen": "127.0.0.1:0", "lisen": "127.0.0.1:0"}})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.log.find("/plugins/webhook/lisen"), std::string::npos) << r.log;
}

TEST(ServeConfig, RefusesSettingsAPluginCannotBeCreatedWith) {
  temp_dir dir;
  auto r = serve_with(dir, R"({"webhook": {"listen": "127.0.0.1:0"}, "email": {"smtp_url": "smtp://h?tls=bogus"}})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.log.find("cannot create \\\"email.send\\\""), std::string::npos) << r.log;
}

TEST(ServeConfig, SkipsAPluginNobodyConfiguredThatCannotBeCreated) {
  // The email plugin has no settings in this config; the variable it falls back to is invalid.
  ::setenv("HOOKFLOW_SMTP_URL", "smtp://h?tls=bogus", 1);
  temp_dir dir;
  write_file(dir / "hookflow.json",
             R"({"admin": {"listen": "127.0.0.1:0"}, "plugins": {"webhook": {"listen": "127.0.0.1:0"}}})");
  child_process engine({HOOKFLOW_BINARY, "serve", "--config", (dir / "hookflow.json").string()},
                       (dir / "engine.log").string());
  ::unsetenv("HOOKFLOW_SMTP_URL");
  const bool started = wait_until([&] {
    return read_file(dir / "engine.log").find("\"engine started\"") != std::string::npos || !engine.running();
  });
  const auto log = read_file(dir / "engine.log");
  EXPECT_TRUE(started && engine.running()) << log;
  EXPECT_NE(log.find("\"plugin refused\""), std::string::npos) << log;
  EXPECT_NE(log.find("email.so"), std::string::npos) << log;
  EXPECT_EQ(engine.terminate(), 0);
}

TEST(ServeConfig, RefusesToStartWhenTheWebhookCannotListen) {
  // A port held by this test: the engine's bind fails with EADDRINUSE.
  int held = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(held, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(held, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(held, 1), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(held, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string listen = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

  temp_dir dir;
  auto r = serve_with(dir, R"({"webhook": {"listen": ")" + listen + R"("}})");
  ::close(held);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.log.find(R"(trigger \"webhook\" failed to start)"), std::string::npos) << r.log;
  EXPECT_NE(r.log.find(listen), std::string::npos) << r.log;
}

}  // namespace
