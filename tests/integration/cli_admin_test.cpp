// The CLI over the admin API, run as an operator would, against the real engine.
#include "support/engine_process.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace {

namespace json = boost::json;
using hookflow::testing::engine_process;
using hookflow::testing::run_command;

class CliAdmin : public ::testing::Test {
 protected:
  void SetUp() override { engine_.start(); }
  hookflow::testing::command_result cli(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), HOOKFLOW_BINARY);
    args.push_back("--data-dir");
    args.push_back((engine_.dir() / "var").string());
    return run_command(args, input);
  }
  engine_process engine_;
};

TEST_F(CliAdmin, AppliesListsAndDescribesAWorkflow) {
  auto file = engine_.dir() / "note.json";
  hookflow::testing::write_file(file, R"({"id": "note", "trigger": {"type": "webhook"},
    "steps": [{"id": "say", "type": "log", "config": {"message": "{{$request.body.title}}"}}]})");
  auto applied = cli({"workflows", "apply", file.string()});
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(applied.out, "created workflow note\n");
  EXPECT_EQ(cli({"workflows", "apply", file.string()}).out, "replaced workflow note\n");
  auto listed = cli({"workflows", "list"});
  EXPECT_NE(listed.out.find("note"), std::string::npos) << listed.out;
  auto described = cli({"trigger", "note", "--json"});
  ASSERT_EQ(described.exit_code, 0) << described.err;
  EXPECT_EQ(json::parse(described.out).at("auth"), "none");
}

TEST_F(CliAdmin, FindsTheDataFolderThroughTheEnginesConfigFile) {
  // No --data-dir: the config's data_dir ("var"), relative to the config file's folder as
  // `serve` reads it, not to this process's working directory.
  auto listed = run_command(
      {HOOKFLOW_BINARY, "workflows", "list", "--json", "--config", (engine_.dir() / "hookflow.json").string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_TRUE(json::parse(listed.out).at("workflows").is_array()) << listed.out;
  auto bad = engine_.dir() / "bad.json";
  hookflow::testing::write_file(bad, R"({"data_dir": 7})");
  auto refused = run_command({HOOKFLOW_BINARY, "runs", "list", "--config", bad.string()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("invalid config"), std::string::npos) << refused.err;
}

TEST_F(CliAdmin, RunsTriggerCommandsAndShowsRuns) {
  ASSERT_EQ(engine_
                .admin("PUT", "/api/v1/workflows/note", R"({"trigger": {"type": "webhook"},
    "steps": [{"id": "say", "type": "log", "config": {"message": "{{$request.fruit}}"}}]})")
                .status,
            201);
  auto token = cli({"trigger", "note", "generate-token", "--json"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  auto url = std::string(json::parse(token.out).at("url").as_string());
  auto posted = engine_.call("POST", url + "&fruit=fig", "{}");
  ASSERT_EQ(posted.status, 202);
  auto run_id = std::string(json::parse(posted.body).at("run_id").as_string());
  engine_.wait_for_run(run_id);
  auto runs = cli({"runs", "list", "--workflow", "note"});
  EXPECT_NE(runs.out.find(run_id), std::string::npos) << runs.out;
  EXPECT_NE(runs.out.find("succeeded"), std::string::npos) << runs.out;
  auto shown = cli({"runs", "show", run_id});
  EXPECT_NE(shown.out.find("\"message\":\"fig\""), std::string::npos) << shown.out;
  auto retried = cli({"runs", "retry", run_id});
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  auto basic = cli({"trigger", "note", "set-basic-auth", "--arg", "username=u", "--arg", "password=p"});
  EXPECT_EQ(basic.exit_code, 0) << basic.err;
  EXPECT_EQ(basic.out, "auth: basic\n");
}

TEST_F(CliAdmin, TakesASecretArgumentFromStandardInput) {
  auto file = engine_.dir() / "note.json";
  hookflow::testing::write_file(file, R"({"id": "note", "trigger": {"type": "webhook"},
    "steps": [{"id": "say", "type": "log", "config": {"message": "hi"}}]})");
  ASSERT_EQ(cli({"workflows", "apply", file.string()}).exit_code, 0);
  auto basic = cli({"trigger", "note", "set-basic-auth", "--arg", "username=evernote", "--arg-stdin", "password"},
                   "s3cret pass\n");
  ASSERT_EQ(basic.exit_code, 0) << basic.err;
  EXPECT_EQ(basic.out, "auth: basic\n");
  const std::string url(json::parse(cli({"trigger", "note", "--json"}).out).at("url").as_string());
  // "evernote:s3cret pass" (the newline that ended the input is not part of the password),
  // then "evernote:s3cret pass\n", in base64.
  EXPECT_EQ(engine_.call("POST", url, "{}", {{"Authorization", "Basic ZXZlcm5vdGU6czNjcmV0IHBhc3M="}}).status, 202);
  EXPECT_EQ(engine_.call("POST", url, "{}", {{"Authorization", "Basic ZXZlcm5vdGU6czNjcmV0IHBhc3MK"}}).status, 401);
  auto twice = cli({"trigger", "note", "set-basic-auth", "--arg", "password=a", "--arg-stdin", "password"}, "b");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("\"password\" is given by both --arg and --arg-stdin"), std::string::npos) << twice.err;
  auto no_command = cli({"trigger", "note", "--arg-stdin", "password"}, "b");
  EXPECT_EQ(no_command.exit_code, 2);
  EXPECT_NE(no_command.err.find("need a command"), std::string::npos) << no_command.err;
}

TEST_F(CliAdmin, ExitCodesTellRefusedFromUnreachable) {
  auto missing = cli({"runs", "show", "NOPE"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no run with id \"NOPE\" (HTTP 404)"), std::string::npos) << missing.err;
  auto bad_token = cli({"workflows", "list", "--token", "wrong"});
  EXPECT_EQ(bad_token.exit_code, 3);
  auto bad_arg = cli({"trigger", "x", "enable", "--arg", "novalue"});
  EXPECT_EQ(bad_arg.exit_code, 2);
  ASSERT_EQ(engine_.stop(), 0);
  auto down = cli({"workflows", "list"});
  EXPECT_EQ(down.exit_code, 3);
  EXPECT_NE(down.err.find("cannot reach"), std::string::npos) << down.err;
}

}  // namespace
