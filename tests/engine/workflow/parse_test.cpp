#include "engine/workflow/definition.hpp"
#include "engine/workflow/render_step.hpp"
#include "support/components.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace {

namespace wf = hookflow::engine::workflow;
namespace json = boost::json;

class WorkflowParse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { components_ = hookflow::testing::load_test_components().release(); }
  static void TearDownTestSuite() { delete components_; }
  static hookflow::engine::registry::registry* components_;

  wf::parse_outcome parse(std::string_view text) { return wf::parse(text, *components_); }
  static std::vector<std::string> paths(const wf::parse_outcome& o) {
    std::vector<std::string> out;
    for (const auto& e : o.errors) out.push_back(e.path);
    return out;
  }
};
hookflow::engine::registry::registry* WorkflowParse::components_ = nullptr;

TEST_F(WorkflowParse, AcceptsAValidDefinitionAndFillsDefaults) {
  auto o = parse(R"({"id": "a", "trigger": {"type": "test.burst", "config": {"count": 1}},
                     "steps": [{"id": "s", "type": "log", "config": {"message": "hi {{$request.n}}"},
                                "retry": {"max_attempts": 3, "initial_delay_ms": 5}}]})");
  ASSERT_TRUE(o.errors.empty()) << o.errors[0].path << ": " << o.errors[0].message;
  ASSERT_TRUE(o.workflow);
  EXPECT_EQ(o.workflow->name, "a");
  EXPECT_EQ(o.workflow->steps[0].retry.max_attempts, 3);
  EXPECT_EQ(o.workflow->steps[0].templates.size(), 1u);
  EXPECT_TRUE(o.workflow->steps[0].action == nullptr);  // not instantiated in this registry
}

TEST_F(WorkflowParse, ReportsEveryErrorAtOnceWithPaths) {
  auto o = parse(R"({"id": "bad id!", "extra": 1,
                     "trigger": {"type": "nope"},
                     "steps": [{"id": "s", "type": "log", "config": {"message": 5, "colour": "red"}},
                               {"id": "s", "type": "test.flaky", "config": {}},
                               {"id": "t", "type": "missing.action"},
                               {"id": "u", "type": "log", "config": {"message": "{{#open}}"},
                                "retry": {"max_attempts": 0}}]})");
  EXPECT_FALSE(o.workflow);
  auto p = paths(o);
  std::vector<std::string> expected{"/extra",
                                    "/id",
                                    "/trigger/type",
                                    "/steps/0/config/message",
                                    "/steps/0/config/colour",
                                    "/steps/1/id",
                                    "/steps/1/config/succeed_on",
                                    "/steps/2/type",
                                    "/steps/3/retry/max_attempts",
                                    "/steps/3/config/message"};
  for (const auto& e : expected) EXPECT_NE(std::find(p.begin(), p.end(), e), p.end()) << "missing error at " << e;
  EXPECT_EQ(p.size(), expected.size());
}

TEST_F(WorkflowParse, ExplainsUnknownTypesWithTheLoadedOnes) {
  auto o = parse(R"({"id": "a", "trigger": {"type": "test.burst", "config": {"count": 1}},
                     "steps": [{"id": "s", "type": "email.sendd"}]})");
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_NE(o.errors[0].message.find("unknown action type \"email.sendd\""), std::string::npos);
  EXPECT_NE(o.errors[0].message.find("test.echo"), std::string::npos);
}

TEST_F(WorkflowParse, ReportsJsonSyntaxErrorsWithLineAndColumn) {
  auto o = parse("{\n  \"id\": \"a\",\n  \"steps\": [\n}");
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_EQ(o.errors[0].path, "/");
  EXPECT_NE(o.errors[0].message.find("line 4, column 1"), std::string::npos) << o.errors[0].message;
}

TEST_F(WorkflowParse, IdLimitIs128Characters) {
  auto def = [](const std::string& id) {
    return R"({"id": ")" + id + R"(", "trigger": {"type": "test.burst", "config": {"count": 1}},
              "steps": [{"id": "s", "type": "test.fail"}]})";
  };
  EXPECT_TRUE(parse(def(std::string(128, 'a'))).workflow);
  EXPECT_FALSE(parse(def(std::string(129, 'a'))).workflow);
  EXPECT_FALSE(parse(def("a/b")).workflow);
}

TEST_F(WorkflowParse, HeaderFieldsRefuseLineBreaksAfterRendering) {
  wf::step s;
  s.id = "mail";
  s.config = json::object{{"subject", "{{$request.title}}"}};
  wf::templated_field f{"subject", hookflow::sdk::text_kind::header, {}};
  f.parts.push_back(hookflow::engine::template_::compiled_template::compile("{{$request.title}}").value());
  s.templates.push_back(std::move(f));
  json::value request = json::object{{"title", "Hi\r\nBcc: victim@example.com"}};
  auto roots = [&](std::string_view r) -> const json::value* { return r == "$request" ? &request : nullptr; };
  auto out = wf::render_config(s, roots);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("\"subject\""), std::string::npos);
  request = json::object{{"title", "Hi there"}};
  ASSERT_TRUE(wf::render_config(s, roots).ok());
}

}  // namespace
