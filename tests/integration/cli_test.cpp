// The `hookflow` executable's read-only commands, run as a user would.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace {

using hookflow::testing::run_command;

TEST(CliPluginsList, ShowsNameVersionSdkAndComponents) {
  auto r = run_command({HOOKFLOW_BINARY, "plugins", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("NAME"), std::string::npos);
  EXPECT_NE(r.out.find("log          1.0.0      1.0    log (action)"), std::string::npos) << r.out;
}

TEST(CliPluginsList, ReportsEachRefusedFileAndExitsOne) {
  auto r = run_command({HOOKFLOW_BINARY, "plugins", "list", "--plugins", HOOKFLOW_TEST_MIXED_DIR, "--json"});
  EXPECT_EQ(r.exit_code, 1);
  auto doc = boost::json::parse(r.out);
  EXPECT_EQ(doc.at("plugins").as_array().size(), 1u);
  EXPECT_EQ(doc.at("refused").as_array().size(), 6u);
  for (const auto& d : doc.at("refused").as_array()) EXPECT_FALSE(d.at("reason").as_string().empty());
}

TEST(CliPluginsDescribe, PrintsFieldsWithTypes) {
  auto r = run_command({HOOKFLOW_BINARY, "plugins", "describe", "log"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("message (string, required, templated)"), std::string::npos) << r.out;
  auto missing = run_command({HOOKFLOW_BINARY, "plugins", "describe", "nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no plugin named \"nope\""), std::string::npos);
}

TEST(CliValidate, ReportsEveryErrorWithPathsAndExitsOne) {
  hookflow::testing::temp_dir dir;
  auto file = dir / "broken.json";
  hookflow::testing::write_file(file, R"({"id": "x", "trigger": {"type": "nope"},
    "steps": [{"id": "a", "type": "log", "config": {"mesage": "typo"}}, {"id": "a", "type": "log", "config": {"message": "ok"}}]})");
  auto r = run_command({HOOKFLOW_BINARY, "validate", file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/trigger/type: unknown trigger type \"nope\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/steps/0/config/mesage: unknown key (known keys: message)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/steps/0/config/message: required key is missing"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/steps/1/id: duplicate step id \"a\""), std::string::npos) << r.err;
}

TEST(CliValidate, AcceptsTheShippedExample) {
  auto r = run_command({HOOKFLOW_BINARY, "validate", HOOKFLOW_SOURCE_DIR "/docs/examples/workflows/hello-log.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliUsage, ExitsTwoOnUnknownCommands) {
  EXPECT_EQ(run_command({HOOKFLOW_BINARY, "frobnicate"}).exit_code, 2);
}

}  // namespace
