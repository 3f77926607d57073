// Limits and bad input over real loopback sockets: each refusal has its status and a clear
// message, nothing already accepted is lost, and the server keeps serving others.
#include "crypto.hpp"
#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

namespace hookflow::triggers::webhook::testing {
namespace {

namespace json = boost::json;

class WebhookLimits : public server_fixture {
 protected:
  // After a refusal, a well-formed request on a new connection is still accepted.
  void expect_still_serving() {
    const std::size_t before = host_.submits().size();
    EXPECT_EQ(post(path_, R"({"ok":true})").status, 202);
    EXPECT_EQ(host_.submits().size(), before + 1);
  }
  std::string error_of(const http_response& r) { return std::string(r.json().at("error").as_string()); }
};

TEST_F(WebhookLimits, BodyAtMaxIsAcceptedAndOneByteMoreIs413) {
  start();
  EXPECT_EQ(request(port(), "POST", path_, std::string(1000, 'x'), "", "text/plain").status, 202);
  auto over = request(port(), "POST", path_, std::string(1001, 'x'), "", "text/plain");
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(host_.submits().size(), 1u);
}

TEST_F(WebhookLimits, ChunkedBodyOverMaxIs413) {
  start();
  raw_client c(port());
  std::string chunk(600, 'x');
  c.send("POST " + path_ +
         " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
         "Transfer-Encoding: chunked\r\n\r\n258\r\n" +
         chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 413);
  EXPECT_TRUE(host_.submits().empty());
}

// A request whose request line plus headers (terminating blank line included) is `size` bytes.
std::string request_of_header_size(const std::string& path, std::size_t size) {
  std::string start = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nX-Pad: ";
  std::string end = "\r\n\r\n";
  return start + std::string(size - start.size() - end.size(), 'p') + end;
}

TEST_F(WebhookLimits, HeaderAtLimitIsAcceptedAndOneByteMoreIs431) {
  start();
  raw_client at_limit(port());
  at_limit.send(request_of_header_size(path_, 2048));
  EXPECT_EQ(at_limit.read_response()->status, 202);
  raw_client over(port());
  over.send(request_of_header_size(path_, 2049));
  EXPECT_EQ(over.read_response()->status, 431);
}

TEST_F(WebhookLimits, SlowClientGets408WithoutBlockingOthers) {
  settings_.read_timeout = std::chrono::milliseconds(300);
  settings_.io_threads = 1;
  start();
  raw_client slow(port());
  slow.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\n");  // never finishes its headers
  EXPECT_EQ(post(path_).status, 202);
  auto r = slow.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_EQ(host_.counter(R"(webhook_rejections_total{"reason":"timeout","workflow":""})"), 1);
}

TEST_F(WebhookLimits, SlowBodyGets408) {
  settings_.read_timeout = std::chrono::milliseconds(300);
  start();
  raw_client slow(port());
  slow.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_EQ(slow.read_response()->status, 408);
  EXPECT_TRUE(host_.submits().empty());
}

TEST_F(WebhookLimits, ConnectionsOverMaxAreClosed) {
  settings_.max_connections = 1;
  start();
  raw_client first(port());
  first.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(first.read_response()->status, 202);  // `first` is now an open keep-alive connection
  raw_client second(port());
  EXPECT_TRUE(second.closed_by_server());
}

TEST_F(WebhookLimits, MalformedHttpAnswers400) {
  start();
  raw_client c(port());
  c.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 400);
}

TEST_F(WebhookLimits, DeclaredBodyOverMaxIs413BeforeTheBodyIsSent) {
  start();
  raw_client c(port());
  c.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n");
  auto r = c.read_response();  // answered with no body byte sent
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(error_of(*r), "request body exceeds max_body_bytes (1000)");
  EXPECT_EQ(host_.counter(R"(webhook_rejections_total{"reason":"body_too_large","workflow":""})"), 1);
  expect_still_serving();
}

TEST_F(WebhookLimits, BodyThatKeepsComingIsNotCutOffByTheReadTimeout) {
  settings_.read_timeout = std::chrono::milliseconds(300);
  start();
  raw_client c(port());
  c.send("POST " + path_ + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n\r\n");
  for (int i = 0; i < 4; ++i) {  // 4 pauses of 150 ms: twice the timeout in all, never once
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    c.send("ab");
  }
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202);
  EXPECT_EQ(host_.submits().at(0).trigger_data.at("body"), "abababab");
}

TEST_F(WebhookLimits, UnknownMethodAnswers405WithAllow) {
  start();
  auto r = request(port(), "BREW", path_, "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "POST, GET");
  EXPECT_EQ(error_of(r), "method not allowed");
  EXPECT_EQ(host_.counter(R"(webhook_rejections_total{"reason":"method","workflow":"wf"})"), 1);
  expect_still_serving();
}

TEST_F(WebhookLimits, TruncatedJsonAnswers400WithTheParsersMessageAndPosition) {
  start();
  auto r = post(path_, "{\"title\": \"Hel");
  EXPECT_EQ(r.status, 400);
  const std::string error = error_of(r);
  EXPECT_EQ(error.rfind("malformed JSON body: ", 0), 0u) << error;
  EXPECT_NE(error.find("line 1, column 15"), std::string::npos) << error;
  EXPECT_TRUE(host_.submits().empty());
  expect_still_serving();
}

TEST_F(WebhookLimits, JsonSentWithAnotherContentTypeIsKeptAsText) {
  start();
  EXPECT_EQ(request(port(), "POST", path_, R"({"title":"x"})", "", "text/plain").status, 202);
  EXPECT_EQ(host_.submits().at(0).trigger_data.at("body"), R"({"title":"x"})");
}

TEST_F(WebhookLimits, InvalidUtf8IsReplacedNotRefused) {
  start();
  auto r = request(port(), "POST", path_ + "?q=%FF", "caf\xc3 \xff", "X-Odd: \xc3\x28\r\n", "text/plain");
  EXPECT_EQ(r.status, 202);
  const auto submits = host_.submits();
  const auto& data = submits.at(0).trigger_data;
  const std::string replacement = "\xef\xbf\xbd";  // U+FFFD
  EXPECT_EQ(data.at("body").as_string(), "caf" + replacement + " " + replacement);
  EXPECT_EQ(data.at("header").at("x-odd").as_string(), replacement + "(");
  EXPECT_EQ(data.at("q").as_string(), replacement);
  EXPECT_NO_THROW(json::parse(json::serialize(data)));
  expect_still_serving();
}

std::string many_query_keys(std::size_t n) {
  std::string q;
  for (std::size_t i = 0; i < n; ++i) q += (i ? "&k" : "?k") + std::to_string(i) + "=v";
  return q;
}

TEST_F(WebhookLimits, TenThousandQueryKeysAnswer431UnderTheDefaultHeaderLimit) {
  settings_.header_limit_bytes = 16384;  // the default
  start();
  auto r = post(path_ + many_query_keys(10000));
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(error_of(r), "request header fields too large");
  expect_still_serving();
}

TEST_F(WebhookLimits, TenThousandQueryKeysAreAllKeptUnderARaisedHeaderLimit) {
  settings_.header_limit_bytes = 256 * 1024;
  start();
  EXPECT_EQ(post(path_ + many_query_keys(10000)).status, 202);
  const auto submits = host_.submits();
  const auto& data = submits.at(0).trigger_data.as_object();
  EXPECT_EQ(data.at("query").as_object().size(), 10000u);
  EXPECT_EQ(data.at("k9999"), "v");
}

TEST_F(WebhookLimits, PasswordChecksPastTheBoundAnswer429) {
  settings_.pbkdf2_iterations = 2000000;  // about a second per check: the first is still running
  settings_.max_pending_auth_checks = 1;
  start();
  command("set-basic-auth", {{"username", "ada"}, {"password", "right"}});
  const std::string wrong = "Authorization: Basic " + to_base64("ada:wrong") + "\r\n";
  auto first = std::async(std::launch::async, [&] { return post(path_, "{}", wrong); });
  auto second = std::async(std::launch::async, [&] { return post(path_, "{}", wrong); });
  std::vector<int> statuses = {first.get().status, second.get().status};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{401, 429}));  // one check at the bound, one past it
  EXPECT_EQ(host_.counter(R"(webhook_rejections_total{"reason":"auth_busy","workflow":"wf"})"), 1);
  const std::string right = "Authorization: Basic " + to_base64("ada:right") + "\r\n";
  EXPECT_EQ(post(path_, "{}", right).status, 202);  // the bound frees up once checks end
}

}  // namespace
}  // namespace hookflow::triggers::webhook::testing
