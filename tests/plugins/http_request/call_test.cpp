#include "call.hpp"
#include "schema.hpp"

#include <hookflow/sdk/config.hpp>

#include <gtest/gtest.h>

namespace hookflow::plugins::http_request {
namespace {

namespace json = boost::json;

target parsed(const char* url) {
  auto t = parse_target(url);
  EXPECT_TRUE(t.ok()) << url << ": " << t.error().message();
  return t.ok() ? t.value() : target{};
}

std::string refusal(const char* url) {
  auto t = parse_target(url);
  return t.ok() ? "accepted" : t.error().message();
}

// A step config as the engine hands it over: validated, defaults filled in.
sdk::result<http_call> read(json::object step) {
  std::vector<sdk::config_error> errors;
  auto config = sdk::validate_config(action_fields(), step, "", errors);
  if (!errors.empty()) return sdk::invalid_argument("schema: " + errors.front().path + ": " + errors.front().message);
  return read_call(config);
}

std::string read_error(json::object step) {
  auto c = read(std::move(step));
  return c.ok() ? "accepted" : c.error().message();
}

TEST(Target, DefaultsPortAndPathPerScheme) {
  auto t = parsed("http://example.com");
  EXPECT_FALSE(t.tls);
  EXPECT_EQ(t.host, "example.com");
  EXPECT_EQ(t.port, "80");
  EXPECT_EQ(t.resource, "/");
  EXPECT_EQ(t.host_header, "example.com");
  EXPECT_FALSE(t.host_is_ip);
  EXPECT_EQ(parsed("https://example.com?q=1").resource, "/?q=1");
  EXPECT_EQ(parsed("https://example.com:443/").host_header, "example.com");
}

TEST(Target, KeepsPortPathAndQueryDropsTheFragmentAndHidesTheQueryInMessages) {
  auto t = parsed("https://api.example.com:8443/v1/items%20x?key=secret&a=1#top");
  EXPECT_TRUE(t.tls);
  EXPECT_EQ(t.port, "8443");
  EXPECT_EQ(t.host_header, "api.example.com:8443");
  EXPECT_EQ(t.resource, "/v1/items%20x?key=secret&a=1");
  EXPECT_EQ(t.display, "https://api.example.com:8443/v1/items%20x");
}

TEST(Target, ReadsIpLiterals) {
  auto v4 = parsed("https://127.0.0.1:9000/x");
  EXPECT_TRUE(v4.host_is_ip);
  EXPECT_EQ(v4.host, "127.0.0.1");
  auto v6 = parsed("http://[::1]:8080/x");
  EXPECT_TRUE(v6.host_is_ip);
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.host_header, "[::1]:8080");
}

TEST(Target, RefusesWhatCannotBeCalled) {
  EXPECT_NE(refusal("ftp://example.com/").find("only http:// and https://"), std::string::npos);
  EXPECT_NE(refusal("example.com/path").find("not an absolute URL"), std::string::npos);
  EXPECT_NE(refusal("http:///path").find("no host"), std::string::npos);
  EXPECT_NE(refusal("http://user:pw@example.com/").find("user info"), std::string::npos);
  EXPECT_NE(refusal("http://example.com:99999/").find("port"), std::string::npos);
  EXPECT_NE(refusal("http://example.com:0/").find("port"), std::string::npos);
}

TEST(ReadCall, FillsDefaults) {
  auto c = read({{"url", "http://example.com/"}});
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->method, "GET");
  EXPECT_EQ(c->timeout, std::chrono::milliseconds(10'000));
  EXPECT_TRUE(c->headers.empty());
  EXPECT_FALSE(c->body);
  EXPECT_TRUE(c->expect_status.empty());
}

TEST(ReadCall, RefusesLineBreaksAndControlCharactersInUrlAndHeaders) {
  EXPECT_NE(read_error({{"url", "http://example.com/\r\nX-Injected: 1"}}).find("/url: contains"), std::string::npos);
  EXPECT_NE(read_error({{"url", "http://example.com/a b"}}).find("/url: contains"), std::string::npos);
  EXPECT_NE(read_error({{"url", "http://example.com/"}, {"headers", {{"X-A", "ok\nX-Injected: 1"}}}})
                .find("/headers/X-A: contains a line break"),
            std::string::npos);
  EXPECT_NE(read_error({{"url", "http://example.com/"}, {"headers", {{"X-A", std::string("a\0b", 3)}}}})
                .find("/headers/X-A: contains"),
            std::string::npos);
  EXPECT_EQ(read_error({{"url", "http://example.com/"}, {"headers", {{"X-A", "tab\tok"}}}}), "accepted");
}

TEST(ReadCall, RefusesBadHeaderNamesValuesAndFraming) {
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"headers", {{"Bad Name", "v"}}}}).find("not a valid header name"),
            std::string::npos);
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"headers", {{"X-N", 5}}}}).find("/headers/X-N: expected a string"),
            std::string::npos);
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"headers", {{"Content-Length", "3"}}}}).find("set by the action"),
            std::string::npos);
  EXPECT_NE(
      read_error({{"url", "http://e.com/"}, {"headers", {{"transfer-encoding", "chunked"}}}}).find("set by the action"),
      std::string::npos);
}

TEST(ReadCall, ChecksExpectStatus) {
  auto c = read({{"url", "http://e.com/"}, {"expect_status", {200, 404}}});
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->expect_status, (std::vector<int>{200, 404}));
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"expect_status", json::array{}}}).find("non-empty list"),
            std::string::npos);
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"expect_status", 200}}).find("non-empty list"), std::string::npos);
  EXPECT_EQ(read_error({{"url", "http://e.com/"}, {"expect_status", {200, 600}}}),
            "/expect_status/1: expected an integer 100-599");
  EXPECT_EQ(read_error({{"url", "http://e.com/"}, {"expect_status", {"200"}}}),
            "/expect_status/0: expected an integer 100-599");
}

TEST(ReadCall, LeavesMethodChecksToTheSchema) {
  EXPECT_NE(read_error({{"url", "http://e.com/"}, {"method", "TRACE"}}).find("schema: /method"), std::string::npos);
}

}  // namespace
}  // namespace hookflow::plugins::http_request
