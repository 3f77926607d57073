#include "engine/template/template.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace {

using hookflow::engine::template_::compiled_template;
namespace json = boost::json;
namespace sdk = hookflow::sdk;

const json::value seed_context = json::parse(R"({
  "$request": {"method": "POST", "path": "/run/abc", "query": {"fruit": "apple"}, "fruit": "apple",
               "header": {"name": "Ada", "content-type": "application/json"},
               "body": {"title": "Hello <World> & a/b", "quote": "it's \"so\"", "id": 42, "price": 3.5, "tags": ["x", "y"],
                        "big": 9007199254740993}},
  "$steps": {"first": {"message": "done"}},
  "$run": {"id": "R1"}, "$workflow": {"id": "wf", "name": "Flow"}})");

std::string render(std::string_view text, sdk::text_kind kind = sdk::text_kind::plain) {
  auto t = compiled_template::compile(text, kind);
  EXPECT_TRUE(t.ok()) << t.error().message();
  return t.ok() ? t->render(seed_context) : "";
}

TEST(Template, RendersWholeRequestAsCompactJson) {
  auto out = render("{{$request}}");
  auto parsed = json::parse(out);
  EXPECT_EQ(parsed, seed_context.at("$request"));
}

TEST(Template, RendersSeedExpressions) {
  EXPECT_EQ(render("{{$request.body.title}}"), "Hello <World> & a/b");
  EXPECT_EQ(render("{{$request.body.id}}"), "42");
  EXPECT_EQ(render("{{$request.header.name}}"), "Ada");
  EXPECT_EQ(render("{{$request.fruit}}"), "apple");
  EXPECT_EQ(render("{{$steps.first.message}} in {{$workflow.name}}"), "done in Flow");
}

TEST(Template, HeaderNamesAreLowercaseOnly) {
  EXPECT_EQ(render("[{{$request.header.Name}}]"), "[]");
}

TEST(Template, MissingValuesRenderEmpty) {
  EXPECT_EQ(render("a{{$request.body.nope.deeper}}b"), "ab");
}

TEST(Template, NumbersRenderInShortestForm) {
  EXPECT_EQ(render("{{$request.body.price}}"), "3.5");
  EXPECT_EQ(render("{{$request.body.big}}"), "9007199254740993");
}

TEST(Template, ArraysRenderAsJsonAndIndexByNumber) {
  EXPECT_EQ(render("{{$request.body.tags}}"), R"(["x","y"])");
  EXPECT_EQ(render("{{$request.body.tags.1}}"), "y");
}

TEST(Template, PlainTextIsNotEscapedButHtmlIs) {
  EXPECT_EQ(render("{{$request.body.title}}", sdk::text_kind::plain), "Hello <World> & a/b");
  EXPECT_EQ(render("{{$request.body.title}}", sdk::text_kind::html), "Hello &lt;World&gt; &amp; a&#x2F;b");
  EXPECT_EQ(render("{{{$request.body.title}}}", sdk::text_kind::html), "Hello <World> & a/b");
}

// Templates of text and `$` variables are joined without mstch; anything else goes through
// it. An empty section appended forces the second path: both must print the same.
TEST(Template, JoinedAndMstchRenderedTemplatesAgree) {
  const std::string flat =
      "<p title=\"{{$request.body.title}}\">{{$request.body.title}} {{{$request.body.title}}} "
      "{{&$request.fruit}}{{$request.missing}} x}}y {{$request.body.tags}} {{$request.body.id}} "
      "{{$request.body.quote}}</p>";
  const std::string through_mstch = flat + "{{#$request.missing}}{{/$request.missing}}";
  for (auto kind : {sdk::text_kind::plain, sdk::text_kind::html})
    EXPECT_EQ(render(flat, kind), render(through_mstch, kind));
  EXPECT_EQ(render(flat, sdk::text_kind::html),
            "<p title=\"Hello &lt;World&gt; &amp; a&#x2F;b\">Hello &lt;World&gt; &amp; a&#x2F;b Hello <World> & a/b "
            "apple x}}y [&quot;x&quot;,&quot;y&quot;] 42 it&#39;s &quot;so&quot;</p>");
}

TEST(Template, SectionsIterateArraysAndSeeRootsInside) {
  EXPECT_EQ(render("{{#$request.body.tags}}[{{.}}:{{$request.fruit}}]{{/$request.body.tags}}"), "[x:apple][y:apple]");
  EXPECT_EQ(render("{{^$request.body.nothing}}none{{/$request.body.nothing}}"), "none");
  EXPECT_EQ(render("{{#$request.header}}{{name}}{{/$request.header}}"), "Ada");
}

TEST(Template, SigilsMayFollowSpaces) {
  EXPECT_EQ(render("{{ #$request.body.tags }}[{{ . }}]{{ /$request.body.tags }}"), "[x][y]");
  EXPECT_EQ(render("a{{ ! a note }}b"), "ab");
  EXPECT_EQ(render("{{ &$request.body.title }}", sdk::text_kind::html), "Hello <World> & a/b");
}

TEST(Template, UserDataIsNeverParsedAsTemplate) {
  auto ctx = json::parse(
      R"({"$request": {"body": {"title": "{{$run.id}}", "inner": {"t": "{{$workflow}}"}}}, "$run": {"id": "SECRET"}})");
  auto t = compiled_template::compile("{{$request.body.title}} {{$request.body}}");
  ASSERT_TRUE(t.ok());
  auto out = t->render(ctx);
  EXPECT_EQ(out.find("SECRET"), std::string::npos) << out;
  EXPECT_NE(out.find("{{$run.id}}"), std::string::npos) << out;
}

TEST(Template, ConstantTextComesBackUnchanged) {
  EXPECT_EQ(render("no tags here: { } }}"), "no tags here: { } }}");
}

TEST(Template, ReportsSyntaxErrorsWithOffset) {
  auto unclosed = compiled_template::compile("Hi {{$request.body");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.error().message(), "template error at offset 3: unclosed tag \"{{\"");
  auto mismatch = compiled_template::compile("{{#a}}x{{/b}}");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message().find("offset 7"), std::string::npos);
  EXPECT_FALSE(compiled_template::compile("{{#a}}never closed").ok());
  EXPECT_FALSE(compiled_template::compile("{{=<% %>=}}").ok());
  EXPECT_FALSE(compiled_template::compile("{{> partial}}").ok());
  EXPECT_FALSE(compiled_template::compile("{{}}").ok());
}

TEST(Template, ListsTheContextPathsItReads) {
  auto t = compiled_template::compile("{{$request.body.title}} {{$request.body.title}} {{$run.id}}");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->slots().size(), 2u);
  EXPECT_EQ(t->slots()[0].path, (std::vector<std::string>{"$request", "body", "title"}));
}

}  // namespace
