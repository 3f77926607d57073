// The admin API as an operator meets it: authentication, bad input, metrics.
#include "support/engine_process.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace {

namespace json = boost::json;
using hookflow::testing::engine_process;

const std::string good_workflow = R"({"id": "w1", "trigger": {"type": "webhook"},
  "steps": [{"id": "s", "type": "log", "config": {"message": "{{$request.body.x}}"}}]})";

class AdminApi : public ::testing::Test {
 protected:
  void SetUp() override { engine_.start(); }
  std::size_t workflow_count() {
    return json::parse(engine_.admin("GET", "/api/v1/workflows").body).at("workflows").as_array().size();
  }
  engine_process engine_;
};

TEST_F(AdminApi, EveryApiRouteNeedsTheBearerToken) {
  const std::vector<std::pair<std::string, std::string>> routes{{"GET", "/api/v1/plugins"},
                                                                {"GET", "/api/v1/workflows"},
                                                                {"GET", "/api/v1/workflows/w1"},
                                                                {"PUT", "/api/v1/workflows/w1"},
                                                                {"DELETE", "/api/v1/workflows/w1"},
                                                                {"GET", "/api/v1/workflows/w1/trigger"},
                                                                {"POST", "/api/v1/workflows/w1/trigger/enable"},
                                                                {"GET", "/api/v1/runs"},
                                                                {"GET", "/api/v1/runs/x"},
                                                                {"POST", "/api/v1/runs/x/retry"},
                                                                {"GET", "/metrics"},
                                                                {"GET", "/api/v1/nothing"}};
  for (const auto& [method, target] : routes) {
    EXPECT_EQ(engine_.admin(method, target, good_workflow, "").status, 401) << method << " " << target;
    EXPECT_EQ(engine_.admin(method, target, good_workflow, "Bearer wrong").status, 401) << method << " " << target;
    EXPECT_EQ(engine_.admin(method, target, good_workflow, "Bearer " + engine_.token() + "x").status, 401);
  }
  EXPECT_EQ(workflow_count(), 0u);
  EXPECT_EQ(engine_.admin("GET", "/healthz", {}, "").status, 200);
  EXPECT_EQ(engine_.admin("GET", "/readyz", {}, "").status, 200);
}

TEST_F(AdminApi, ReadyzFailsOnceTheStoreCannotMakeWritesDurable) {
  ASSERT_EQ(engine_.admin("GET", "/readyz", {}, "").status, 200);
  // The WAL gone from under SQLite: the next fsync has nothing to sync, and nothing written
  // after it can be called durable.
  std::filesystem::remove(engine_.dir() / "var" / "hookflow.db-wal");
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/w1", good_workflow).status, 503);
  auto ready = engine_.admin("GET", "/readyz", {}, "");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("the store accepts no more writes"), std::string::npos) << ready.body;
  EXPECT_NE(ready.body.find("hookflow.db-wal"), std::string::npos) << ready.body;
  EXPECT_EQ(engine_.admin("GET", "/healthz", {}, "").status, 200);  // alive, just not ready
}

TEST_F(AdminApi, PostToTheCollectionCreatesAndRefusesAnExistingId) {
  auto created = engine_.admin("POST", "/api/v1/workflows", good_workflow);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers["location"], "/api/v1/workflows/w1");
  EXPECT_EQ(json::parse(engine_.admin("GET", "/api/v1/workflows/w1").body).at("id"), "w1");
  auto again = engine_.admin("POST", "/api/v1/workflows", good_workflow);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("PUT /api/v1/workflows/w1"), std::string::npos) << again.body;
  auto no_id = engine_.admin("POST", "/api/v1/workflows", R"({"trigger": {"type": "webhook"}, "steps": []})");
  EXPECT_EQ(no_id.status, 400);
  EXPECT_NE(no_id.body.find("/id"), std::string::npos) << no_id.body;
  EXPECT_EQ(engine_.admin("POST", "/api/v1/workflows", "{").status, 400);
}

TEST_F(AdminApi, CreatesThenReplacesAndDeletes) {
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/w1", good_workflow).status, 201);
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/w1", good_workflow).status, 200);
  EXPECT_EQ(json::parse(engine_.admin("GET", "/api/v1/workflows/w1").body).at("id"), "w1");
  EXPECT_EQ(engine_.admin("DELETE", "/api/v1/workflows/w1").status, 200);
  EXPECT_EQ(engine_.admin("GET", "/api/v1/workflows/w1").status, 404);
  EXPECT_EQ(engine_.admin("DELETE", "/api/v1/workflows/w1").status, 404);
}

TEST_F(AdminApi, RefusesBadDefinitionsWithPathsAndStoresNothing) {
  auto malformed = engine_.admin("PUT", "/api/v1/workflows/w1", R"({"id": "w1", "steps": [)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(malformed.body.find("invalid JSON at line 1"), std::string::npos) << malformed.body;

  auto wrong = engine_.admin("PUT", "/api/v1/workflows/w1", R"({"id": "w1", "colour": 1,
      "trigger": {"type": "webhook", "config": {"methods": "FETCH"}},
      "steps": [{"id": "s", "type": "log", "config": {"message": 5}}, {"id": "t", "type": "nosuch.plugin"}]})");
  EXPECT_EQ(wrong.status, 400);
  auto errors = json::parse(wrong.body).at("errors").as_array();
  std::vector<std::string> paths;
  for (const auto& e : errors) paths.emplace_back(e.at("path").as_string());
  for (const auto* p : {"/colour", "/trigger/config/methods", "/steps/0/config/message", "/steps/1/type"})
    EXPECT_NE(std::find(paths.begin(), paths.end(), p), paths.end()) << p << " in " << wrong.body;

  auto mismatch = engine_.admin("PUT", "/api/v1/workflows/w1", R"({"id": "other"})");
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/a%2Fb", good_workflow).status, 400);
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/" + std::string(10 * 1024, 'a'), good_workflow).status, 400);
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/" + std::string(128, 'a'), good_workflow).status, 400)
      << "the body's id differs from the 128-character one";
  EXPECT_EQ(workflow_count(), 0u);
}

TEST_F(AdminApi, IdLimitIs128Characters) {
  auto def = [](const std::string& id) {
    return R"({"trigger": {"type": "webhook"}, "steps": [{"id": "s", "type": "log", "config": {"message": "m"}}], "id": ")" +
           id + "\"}";
  };
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/" + std::string(128, 'a'), def(std::string(128, 'a'))).status, 201);
  EXPECT_EQ(engine_.admin("PUT", "/api/v1/workflows/" + std::string(129, 'a'), def(std::string(129, 'a'))).status, 400);
  EXPECT_EQ(workflow_count(), 1u);
}

TEST_F(AdminApi, UnknownCommandListsTheKnownOnes) {
  ASSERT_EQ(engine_.admin("PUT", "/api/v1/workflows/w1", good_workflow).status, 201);
  auto r = engine_.admin("POST", "/api/v1/workflows/w1/trigger/frobnicate", "{}");
  EXPECT_EQ(r.status, 404);
  auto known = json::parse(r.body).at("commands").as_array();
  EXPECT_NE(std::find(known.begin(), known.end(), json::value("generate-token")), known.end());
  EXPECT_EQ(engine_.admin("POST", "/api/v1/workflows/w1/trigger/enable", "[1,2]").status, 400);
}

TEST_F(AdminApi, MetricsParseAsPrometheusTextAndMoveWithTraffic) {
  ASSERT_EQ(engine_.admin("PUT", "/api/v1/workflows/w1", good_workflow).status, 201);
  auto url = std::string(json::parse(engine_.admin("GET", "/api/v1/workflows/w1/trigger").body).at("url").as_string());
  auto before = engine_.admin("GET", "/metrics");
  ASSERT_EQ(before.status, 200);
  auto run = engine_.call("POST", url, R"({"x": 1})", {{"Content-Type", "application/json"}});
  ASSERT_EQ(run.status, 202);
  engine_.wait_for_run(std::string(json::parse(run.body).at("run_id").as_string()));
  auto after = engine_.admin("GET", "/metrics");
  hookflow::testing::write_file(engine_.dir() / "metrics.txt", after.body);
  auto parsed = hookflow::testing::run_command(
      {"/usr/bin/python3", "-c",
       "import sys\nfrom prometheus_client.parser import text_string_to_metric_families as p\n"
       "fams = {f.name: f for f in p(open(sys.argv[1]).read())}\n"
       "runs = sum(s.value for s in fams['hookflow_runs'].samples if s.labels.get('state') == 'succeeded')\n"
       "reqs = sum(s.value for s in fams['hookflow_webhook_requests'].samples)\n"
       "print(int(runs), int(reqs))\n",
       (engine_.dir() / "metrics.txt").string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err << after.body;
  EXPECT_EQ(parsed.out, "1 1\n") << after.body;
  EXPECT_EQ(before.body.find("hookflow_webhook_requests_total"), std::string::npos);
}

}  // namespace
