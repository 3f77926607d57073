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

// The fields of actions/email/schema.cpp send_fields(), in order, with their types.
TEST(CliPluginsDescribe, ListsEveryFieldOfEmailSend) {
  const std::vector<std::pair<std::string, std::string>> fields{
      {"to", "string list"},  {"cc", "string list"}, {"bcc", "string list"},    {"from", "string"},
      {"reply_to", "string"}, {"subject", "string"}, {"text", "string"},        {"html", "string"},
      {"attachments", "any"}, {"headers", "object"}, {"in_reply_to", "string"}, {"references", "string"}};
  auto r = run_command({HOOKFLOW_BINARY, "plugins", "describe", "email"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto section = r.out.find("\naction email.send");
  ASSERT_NE(section, std::string::npos) << r.out;
  auto action = r.out.substr(section);
  for (const auto& [name, type] : fields)
    EXPECT_NE(action.find("\n    " + name + " (" + type + ", templated)"), std::string::npos) << name << "\n" << action;
  auto json = run_command({HOOKFLOW_BINARY, "plugins", "describe", "email", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto doc = boost::json::parse(json.out);
  std::vector<std::string> listed;
  for (const auto& a : doc.at("actions").as_array())
    if (a.at("type") == "email.send")
      for (const auto& f : a.at("config").as_array()) listed.emplace_back(f.at("name").as_string());
  std::vector<std::string> expected;
  for (const auto& f : fields) expected.push_back(f.first);
  EXPECT_EQ(listed, expected);  // no field missing, none undocumented here
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
