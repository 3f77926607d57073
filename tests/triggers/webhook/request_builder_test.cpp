#include "request_builder.hpp"
#include "text.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace hookflow::triggers::webhook {
namespace {

namespace json = boost::json;

request_head head_of(std::string method, std::string target,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
  return {std::move(method), std::move(target), std::move(headers), "127.0.0.1"};
}

json::object build(const request_head& head, std::string_view body = "") {
  auto r = build_request(head, body);
  EXPECT_TRUE(r.ok()) << r.error().message();
  return r.ok() ? r.value() : json::object{};
}

TEST(WebhookRequest, HasMethodPathQueryHeaderAndBody) {
  auto r = build(head_of("POST", "/run/abc?fruit=apple", {{"Content-Type", "application/json"}}), R"({"title":"hi"})");
  EXPECT_EQ(r.at("method"), "POST");
  EXPECT_EQ(r.at("path"), "/run/abc");
  EXPECT_EQ(r.at("query"), (json::object{{"fruit", "apple"}}));
  EXPECT_EQ(r.at("header").at("content-type"), "application/json");
  EXPECT_EQ(r.at("body").at("title"), "hi");
}

TEST(WebhookRequest, CopiesQueryParametersToTopLevel) {
  auto r = build(head_of("GET", "/run/abc?fruit=apple&color=red%20dark"));
  EXPECT_EQ(r.at("fruit"), "apple");
  EXPECT_EQ(r.at("color"), "red dark");
}

TEST(WebhookRequest, ReservedQueryNamesStayInQueryOnly) {
  auto r = build(head_of("POST", "/run/abc?method=GET&body=x&header=h&path=p&query=q&raw=r"), "");
  EXPECT_EQ(r.at("method"), "POST");
  EXPECT_EQ(r.at("path"), "/run/abc");
  EXPECT_TRUE(r.at("header").is_object());
  EXPECT_TRUE(r.at("body").is_null());
  EXPECT_FALSE(r.contains("raw"));
  EXPECT_EQ(r.at("query").at("method"), "GET");
  EXPECT_EQ(r.at("query").at("raw"), "r");
}

TEST(WebhookRequest, RepeatedQueryKeysKeepEveryValueInOrder) {
  auto r = build(head_of("GET", "/run/abc?tag=a&tag=b&tag=c"));
  EXPECT_EQ(r.at("tag"), (json::array{"a", "b", "c"}));
  EXPECT_EQ(r.at("query").at("tag"), (json::array{"a", "b", "c"}));
}

TEST(WebhookRequest, LowercasesHeaderNamesAndJoinsRepeats) {
  auto r = build(head_of("GET", "/run/abc", {{"Name", "Ada"}, {"X-Multi", "1"}, {"x-multi", "2"}}));
  EXPECT_EQ(r.at("header").at("name"), "Ada");
  EXPECT_EQ(r.at("header").at("x-multi"), "1, 2");
  EXPECT_FALSE(r.at("header").as_object().contains("Name"));
}

TEST(WebhookRequest, NeverContainsCredentials) {
  auto r = build(head_of("GET", "/run/abc?authtoken=secret&x=1",
                         {{"Authorization", "Basic Zm9vOmJhcg=="},
                          {"X-Hub-Signature-256", "sha256=00"},
                          {"Stripe-Signature", "t=1,v1=00"},
                          {"webhook-signature", "v1,AA=="}}));
  const std::string text = json::serialize(r);
  EXPECT_EQ(text.find("secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("authorization"), std::string::npos) << text;
  EXPECT_EQ(text.find("signature"), std::string::npos) << text;
  EXPECT_EQ(r.at("x"), "1");
}

TEST(WebhookRequest, DropsConfiguredSignatureHeader) {
  auto r =
      build_request(head_of("POST", "/run/abc", {{"X-Shopify-Hmac-Sha256", "abc"}}), "", {"x-shopify-hmac-sha256"});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->at("header").as_object().contains("x-shopify-hmac-sha256"));
}

TEST(WebhookRequest, ParsesFormBodyIntoFields) {
  auto r = build(head_of("POST", "/run/abc", {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}}),
                 "title=Hello+world&tag=a&tag=b&empty=");
  EXPECT_EQ(r.at("body"), (json::object{{"title", "Hello world"}, {"tag", json::array{"a", "b"}}, {"empty", ""}}));
}

TEST(WebhookRequest, ParsesVendorJsonMediaTypes) {
  auto r = build(head_of("POST", "/run/abc", {{"Content-Type", "application/vnd.api+json"}}), "[1,2]");
  EXPECT_EQ(r.at("body"), (json::array{1, 2}));
}

TEST(WebhookRequest, KeepsOtherBodiesAsText) {
  auto r = build(head_of("POST", "/run/abc", {{"Content-Type", "text/plain"}}), "just text");
  EXPECT_EQ(r.at("body"), "just text");
  auto untyped = build(head_of("POST", "/run/abc"), "{\"not\":\"parsed\"}");
  EXPECT_EQ(untyped.at("body"), "{\"not\":\"parsed\"}");
}

TEST(WebhookRequest, EmptyBodyIsNull) {
  EXPECT_TRUE(build(head_of("POST", "/run/abc", {{"Content-Type", "application/json"}})).at("body").is_null());
}

TEST(WebhookRequest, MalformedJsonNamesLineAndColumn) {
  auto r =
      build_request(head_of("POST", "/run/abc", {{"Content-Type", "application/json"}}), "{\n  \"a\": 1,\n  oops\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::invalid_argument);
  EXPECT_NE(r.error().message().find("malformed JSON body"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("line 3, column 3"), std::string::npos) << r.error().message();
}

TEST(WebhookRequest, TruncatedJsonIsMalformed) {
  auto r = build_request(head_of("POST", "/run/abc", {{"Content-Type", "application/json"}}), "{\"a\":");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("line 1"), std::string::npos) << r.error().message();
}

TEST(WebhookRequest, InvalidUtf8BecomesReplacementCharacter) {
  const std::string bad = "a\xff\xc3(b\xed\xa0\x80";
  auto r = build(head_of("POST", "/run/abc?k=%FF" + std::string("&") + "%C3%A9=ok",
                         {{"X-Bad", bad}, {"Content-Type", "text/plain"}}),
                 bad);
  const std::string text = json::serialize(r);
  json::error_code ec;
  json::parse(text, ec);  // the parser rejects invalid UTF-8
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(r.at("body"), "a\xEF\xBF\xBD\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(r.at("k"), "\xEF\xBF\xBD");
  EXPECT_EQ(r.at("\xC3\xA9"), "ok");
}

TEST(WebhookRequest, InvalidUtf8InJsonBodyIsMalformed) {
  auto r = build_request(head_of("POST", "/run/abc", {{"Content-Type", "application/json"}}), "\"\xff\"");
  EXPECT_FALSE(r.ok());
}

TEST(WebhookRequest, HandlesTenThousandQueryKeys) {
  std::string target = "/run/abc?";
  for (int i = 0; i < 10000; ++i) target += "k" + std::to_string(i) + "=" + std::to_string(i) + "&";
  auto r = build(head_of("GET", target));
  EXPECT_EQ(r.at("query").as_object().size(), 10000u);
  EXPECT_EQ(r.at("k9999"), "9999");
  EXPECT_EQ(r.size(), 10000u + 5u);
}

TEST(WebhookText, Utf8RepairKeepsValidSequences) {
  EXPECT_EQ(valid_utf8("h\xC3\xA9llo \xF0\x9F\x98\x80"), "h\xC3\xA9llo \xF0\x9F\x98\x80");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"),                       // above U+10FFFF
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // Well-formed text around each bad byte is kept, and a sequence cut short at the end is
  // replaced byte by byte.
  EXPECT_EQ(valid_utf8("ab\xFF"
                       "c\xC3\xA9"
                       "d\xE2\x82"),
            "ab\xEF\xBF\xBD"
            "c\xC3\xA9"
            "d\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(WebhookText, ValidityCheckAgreesWithRepair) {
  for (std::string_view text :
       {"", "plain", "h\xC3\xA9llo \xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80", "ab\xFF", "d\xE2\x82"})
    EXPECT_EQ(is_valid_utf8(text), valid_utf8(text) == text) << text;
  EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo"));
  EXPECT_FALSE(is_valid_utf8("h\xC3"));
}

TEST(WebhookText, CaseInsensitiveEquality) {
  EXPECT_TRUE(iequals("Content-Type", "content-TYPE"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_FALSE(iequals("Content-Type", "Content-Typ"));
  EXPECT_FALSE(iequals("a[", "A{"));  // only letters fold: '[' and '{' differ by 0x20 too
}

TEST(WebhookRequest, HeaderLookupIgnoresCaseAndJoinsRepeats) {
  auto head = head_of("GET", "/run/abc", {{"X-Tag", "a"}, {"x-tag", "b"}, {"Other", "c"}});
  EXPECT_EQ(head.header("X-TAG"), "a, b");
  EXPECT_EQ(head.header("x-ta"), std::nullopt);
}

TEST(WebhookRequest, RepeatedHeaderWithInvalidUtf8IsRepairedWhenJoined) {
  auto r = build(head_of("GET", "/run/abc", {{"X-Multi", "ok"}, {"X-Multi", "b\xFF"}}));
  EXPECT_EQ(r.at("header").at("x-multi"), "ok, b\xEF\xBF\xBD");
}

TEST(WebhookText, PercentDecodingLeavesMalformedEscapes) {
  EXPECT_EQ(percent_decode("a%2Fb%zz%4", false), "a/b%zz%4");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

}  // namespace
}  // namespace hookflow::triggers::webhook
