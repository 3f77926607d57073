#include "response.hpp"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

namespace hookflow::plugins::http_request {
namespace {

namespace json = boost::json;

http_response response(int status, std::string content_type, std::string body) {
  http_response r;
  r.status = status;
  if (!content_type.empty()) r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

http_call call(std::vector<int> expect = {}) {
  http_call c;
  c.method = "POST";
  c.where.display = "https://api.example.com/items";
  c.expect_status = std::move(expect);
  return c;
}

TEST(ResponseOutput, LowercasesHeaderNamesAndJoinsRepeats) {
  http_response r = response(200, "text/plain", "hi");
  r.headers.emplace_back("X-Multi", "a");
  r.headers.emplace_back("x-multi", "b");
  EXPECT_EQ(json::serialize(to_output(r)),
            R"({"status":200,"headers":{"content-type":"text/plain","x-multi":"a, b"},"body":"hi"})");
}

TEST(ResponseOutput, ParsesJsonMediaTypesOnly) {
  EXPECT_EQ(to_output(response(200, "application/json", R"({"a":1})")).at("body"), (json::object{{"a", 1}}));
  EXPECT_EQ(to_output(response(200, "Application/JSON; charset=utf-8", "[1]")).at("body"), (json::array{1}));
  EXPECT_EQ(to_output(response(200, "application/problem+json", R"({"t":"x"})")).at("body"),
            (json::object{{"t", "x"}}));
  EXPECT_EQ(to_output(response(200, "text/plain", R"({"a":1})")).at("body"), R"({"a":1})");
  EXPECT_EQ(to_output(response(200, "text/json+html", "1")).at("body"), "1");
  EXPECT_EQ(to_output(response(200, "", "[1]")).at("body"), "[1]");
}

TEST(ResponseOutput, KeepsMalformedOrEmptyJsonAsText) {
  EXPECT_EQ(to_output(response(200, "application/json", "{oops")).at("body"), "{oops");
  EXPECT_EQ(to_output(response(204, "application/json", "")).at("body"), "");
}

TEST(ResponseStatus, AcceptsAny2xxByDefaultOrTheListedCodes) {
  EXPECT_TRUE(check_status(call(), response(200, "", "")).ok());
  EXPECT_TRUE(check_status(call(), response(299, "", "")).ok());
  EXPECT_FALSE(check_status(call(), response(304, "", "")).ok());
  EXPECT_TRUE(check_status(call({404, 500}), response(500, "", "")).ok());
  EXPECT_FALSE(check_status(call({201}), response(200, "", "")).ok());
}

TEST(ResponseStatus, RetriesServerErrorsAndTooManyRequests) {
  for (int code : {500, 502, 503, 504, 429}) {
    auto st = check_status(call(), response(code, "", "busy"));
    EXPECT_EQ(st.code(), sdk::status_code::unavailable) << code;
    EXPECT_TRUE(st.retryable()) << code;
  }
}

TEST(ResponseStatus, DoesNotRetryOtherStatusesAndQuotesTheBody) {
  auto st = check_status(call(), response(422, "application/json", "{\"error\":\"name is required\"}\n"));
  EXPECT_EQ(st.code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(st.retryable());
  EXPECT_EQ(st.message(), R"(POST https://api.example.com/items: HTTP 422: {"error":"name is required"} )");
  EXPECT_EQ(check_status(call(), response(401, "", "")).code(), sdk::status_code::unauthenticated);
  EXPECT_EQ(check_status(call(), response(403, "", "")).code(), sdk::status_code::unauthenticated);
  EXPECT_EQ(check_status(call(), response(404, "", "")).code(), sdk::status_code::not_found);
  for (int code : {400, 401, 403, 404, 409, 301})
    EXPECT_FALSE(check_status(call(), response(code, "", "")).retryable()) << code;
}

TEST(ResponseStatus, CutsLongBodiesInTheMessage) {
  auto st = check_status(call(), response(400, "", std::string(1000, 'e')));
  EXPECT_EQ(st.message(), "POST https://api.example.com/items: HTTP 400: " + std::string(200, 'e') + "...");
}

}  // namespace
}  // namespace hookflow::plugins::http_request
