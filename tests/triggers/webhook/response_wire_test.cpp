#include "response_wire.hpp"

#include <gtest/gtest.h>

namespace hookflow::triggers::webhook {
namespace {

reply accepted() {
  reply r;
  r.status = 202;
  r.body["run_id"] = "R1";
  return r;
}

std::string wire(const reply& r, wire_options o) {
  std::string out = "left over from the previous answer";
  write_response(out, r, o);
  return out;
}

TEST(WebhookResponseWire, KeepAliveAnswerInHttp11NeedsNoConnectionHeader) {
  EXPECT_EQ(wire(accepted(), {11, true, false}),
            "HTTP/1.1 202 Accepted\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 15\r\n\r\n"
            "{\"run_id\":\"R1\"}");
}

TEST(WebhookResponseWire, ClosingAnswerInHttp11SaysClose) {
  auto r = make_reply(503, "service unavailable", "unavailable");
  r.headers.emplace_back("Retry-After", "5");
  EXPECT_EQ(wire(r, {11, false, false}),
            "HTTP/1.1 503 Service Unavailable\r\n"
            "Content-Type: application/json\r\n"
            "Retry-After: 5\r\n"
            "Connection: close\r\n"
            "Content-Length: 31\r\n\r\n"
            "{\"error\":\"service unavailable\"}");
}

TEST(WebhookResponseWire, Http10IsAnsweredInKindAndKeepAliveIsSaid) {
  EXPECT_EQ(wire(accepted(), {10, true, false}),
            "HTTP/1.0 202 Accepted\r\n"
            "Content-Type: application/json\r\n"
            "Connection: keep-alive\r\n"
            "Content-Length: 15\r\n\r\n"
            "{\"run_id\":\"R1\"}");
  EXPECT_EQ(wire(accepted(), {10, false, false}).find("Connection"), std::string::npos);
}

TEST(WebhookResponseWire, HeadGetsTheLengthOfTheBodyWithoutTheBody) {
  auto out = wire(make_reply(405, "method not allowed", "method"), {11, true, true});
  EXPECT_NE(out.find("Content-Length: 30\r\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\n\r\n")) << out;
}

}  // namespace
}  // namespace hookflow::triggers::webhook
