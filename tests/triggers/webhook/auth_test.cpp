#include "credentials.hpp"
#include "crypto.hpp"
#include "hook_record.hpp"
#include "ip_filter.hpp"
#include "signature.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hookflow::triggers::webhook {
namespace {

using namespace std::chrono_literals;
using clock_point = std::chrono::system_clock::time_point;

clock_point at(long long unix_seconds) {
  return clock_point(std::chrono::seconds(unix_seconds));
}

request_head head_with(std::vector<std::pair<std::string, std::string>> headers) {
  return {"POST", "/run/x", std::move(headers), "127.0.0.1"};
}

// GitHub's documented example ("Validating webhook deliveries").
constexpr std::string_view github_secret = "It's a Secret to Everybody";
constexpr std::string_view github_signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

TEST(WebhookSignature, AcceptsGithubDocumentedVector) {
  signature_config c{signature_scheme::github, "ENV", "", 300s};
  auto h = head_with({{"X-Hub-Signature-256", std::string(github_signature)}});
  EXPECT_TRUE(verify_signature(c, github_secret, h, "Hello, World!", at(0)).ok());
}

TEST(WebhookSignature, RejectsTamperedGithubPayload) {
  signature_config c{signature_scheme::github, "ENV", "", 300s};
  auto h = head_with({{"X-Hub-Signature-256", std::string(github_signature)}});
  auto s = verify_signature(c, github_secret, h, "Hello, World?", at(0));
  EXPECT_EQ(s.code(), sdk::status_code::unauthenticated);
  EXPECT_EQ(s.message(), "signature mismatch");
  EXPECT_FALSE(verify_signature(c, github_secret, head_with({}), "Hello, World!", at(0)).ok());
}

// The Standard Webhooks specification's example.
struct standard_vector {
  signature_config config{signature_scheme::standard_webhooks, "ENV", "", 300s};
  std::string key = signing_key(config, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").value();
  std::string body = R"({"test": 2432232314})";
  request_head head = head_with({{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                                 {"webhook-timestamp", "1614265330"},
                                 {"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}});
};

TEST(WebhookSignature, AcceptsStandardWebhooksSpecVector) {
  standard_vector v;
  EXPECT_TRUE(verify_signature(v.config, v.key, v.head, v.body, at(1614265330)).ok());
}

TEST(WebhookSignature, AcceptsAnyOfSeveralStandardWebhooksSignatures) {
  standard_vector v;
  v.head.headers.back().second = "v1,AAAA v1a,xyz v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  EXPECT_TRUE(verify_signature(v.config, v.key, v.head, v.body, at(1614265330)).ok());
}

TEST(WebhookSignature, RejectsTamperedStandardWebhooksBody) {
  standard_vector v;
  auto s = verify_signature(v.config, v.key, v.head, R"({"test": 2432232315})", at(1614265330));
  EXPECT_EQ(s.message(), "signature mismatch");
}

TEST(WebhookSignature, ReplayWindowAcceptsAtToleranceAndRejectsPastIt) {
  standard_vector v;
  EXPECT_TRUE(verify_signature(v.config, v.key, v.head, v.body, at(1614265330 + 300)).ok());
  EXPECT_TRUE(verify_signature(v.config, v.key, v.head, v.body, at(1614265330 - 300)).ok());
  auto stale = verify_signature(v.config, v.key, v.head, v.body, at(1614265330 + 301));
  EXPECT_EQ(stale.message(), "timestamp outside tolerance");
  EXPECT_FALSE(verify_signature(v.config, v.key, v.head, v.body, at(1614265330 - 301)).ok());
}

TEST(WebhookSignature, StandardWebhooksSecretMustBeBase64) {
  signature_config c{signature_scheme::standard_webhooks, "ENV", "", 300s};
  EXPECT_FALSE(signing_key(c, "whsec_not base64!").ok());
  EXPECT_FALSE(signing_key(c, "").ok());
}

// Expected value computed with `openssl dgst -sha256 -hmac whsec_stripe_test`.
TEST(WebhookSignature, AcceptsStripeSignatureAndEnforcesTolerance) {
  signature_config c{signature_scheme::stripe, "ENV", "", 300s};
  auto h = head_with({{"Stripe-Signature",
                       "t=1614265330,v1=00ff,"
                       "v1=50837474b9c7bb666798b772ac794c5ffe880a4d48ec793d658c6574ba7e46ce,v0=1"}});
  const std::string body = R"({"id":"evt_1"})";
  EXPECT_TRUE(verify_signature(c, "whsec_stripe_test", h, body, at(1614265330)).ok());
  EXPECT_FALSE(verify_signature(c, "whsec_stripe_test", h, body + " ", at(1614265330)).ok());
  EXPECT_FALSE(verify_signature(c, "whsec_stripe_test", h, body, at(1614265330 + 301)).ok());
}

// Expected value computed with `openssl dgst -sha256 -hmac shopify-secret -binary | base64`.
TEST(WebhookSignature, AcceptsPlainHmacInHexOrBase64) {
  signature_config c{signature_scheme::hmac_sha256, "ENV", "x-shopify-hmac-sha256", 300s};
  auto b64 = head_with({{"X-Shopify-Hmac-Sha256", "Sa014fAN795lYggZpnMTGCbZNBsu9JaDpxwkP1CgFMI="}});
  EXPECT_TRUE(verify_signature(c, "shopify-secret", b64, "payload", at(0)).ok());
  auto hex = head_with(
      {{"X-Shopify-Hmac-Sha256", "sha256=" + to_hex(*from_base64("Sa014fAN795lYggZpnMTGCbZNBsu9JaDpxwkP1CgFMI="))}});
  EXPECT_TRUE(verify_signature(c, "shopify-secret", hex, "payload", at(0)).ok());
  EXPECT_FALSE(verify_signature(c, "other-secret", b64, "payload", at(0)).ok());
}

TEST(WebhookAuth, TokenMatchesOnlyItself) {
  std::string token = new_token();
  EXPECT_EQ(token.size(), 43u);
  std::string digest = token_digest(token);
  EXPECT_TRUE(token_matches(digest, token));
  EXPECT_FALSE(token_matches(digest, token + "x"));
  EXPECT_FALSE(token_matches(digest, ""));
  EXPECT_FALSE(token_matches("", token));
}

TEST(WebhookAuth, ParsesBasicAuthorizationHeader) {
  auto creds = parse_basic_authorization("Basic YWxhZGRpbjpvcGVuOnNlc2FtZQ==");
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->username, "aladdin");
  EXPECT_EQ(creds->password, "open:sesame");
  EXPECT_FALSE(parse_basic_authorization("Bearer abc"));
  EXPECT_FALSE(parse_basic_authorization("Basic !!!"));
  EXPECT_FALSE(parse_basic_authorization("Basic bm9jb2xvbg=="));  // "nocolon"
}

TEST(WebhookAuth, VerifiesPasswordAndRemembersOnlySuccesses) {
  hook_record r;
  r.basic_username = "ada";
  r.basic_password = hash_password("correct horse", 1000);
  EXPECT_EQ(r.basic_password.salt.size(), 16u);
  password_checker checker;
  basic_credentials right{"ada", "correct horse"};
  basic_credentials wrong{"ada", "battery"};
  basic_credentials other_user{"bob", "correct horse"};
  EXPECT_FALSE(checker.verified_before(r, right));
  EXPECT_TRUE(checker.verify(r, right));
  EXPECT_TRUE(checker.verified_before(r, right));
  EXPECT_FALSE(checker.verify(r, wrong));
  EXPECT_FALSE(checker.verified_before(r, wrong));
  EXPECT_FALSE(checker.verify(r, other_user));
}

TEST(WebhookAuth, ChangedPasswordInvalidatesRememberedSuccess) {
  hook_record r;
  r.basic_username = "ada";
  r.basic_password = hash_password("one", 1000);
  password_checker checker;
  ASSERT_TRUE(checker.verify(r, {"ada", "one"}));
  r.basic_password = hash_password("two", 1000);
  EXPECT_FALSE(checker.verified_before(r, {"ada", "one"}));
  EXPECT_FALSE(checker.verify(r, {"ada", "one"}));
}

TEST(WebhookHookId, Has144RandomUrlSafeBits) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = new_hook_id();
    ASSERT_EQ(id.size(), 24u);
    ASSERT_EQ(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(WebhookHookRecord, RoundTripsThroughStateText) {
  hook_record r;
  r.hook_id = new_hook_id();
  r.enabled = false;
  r.auth = auth_kind::basic;
  r.configured_auth = "none";
  r.token_sha256 = token_digest("t");
  r.basic_username = "ada";
  r.basic_password = hash_password("pw", 1000);
  auto back = parse_hook_record(serialize(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->hook_id, r.hook_id);
  EXPECT_FALSE(back->enabled);
  EXPECT_EQ(back->auth, auth_kind::basic);
  EXPECT_EQ(back->token_sha256, r.token_sha256);
  EXPECT_EQ(back->basic_password.hash, r.basic_password.hash);
  EXPECT_EQ(back->basic_password.iterations, 1000);
  EXPECT_EQ(serialize(r).find("pw\""), std::string::npos);
  EXPECT_FALSE(parse_hook_record("not json"));
}

TEST(WebhookCrypto, Base64RoundTrips) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(from_base64(to_base64(s)), s);
  EXPECT_FALSE(from_base64("abc"));
  EXPECT_EQ(to_hex("\x01\xab"), "01ab");
  EXPECT_EQ(from_hex("01AB"), "\x01\xab");
  EXPECT_FALSE(from_hex("0g"));
}

TEST(WebhookIpFilter, MatchesCidrBlocksAndMappedAddresses) {
  auto f = ip_filter::parse({"10.0.0.0/8", "192.168.1.7", "2001:db8::/32"});
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->allows("10.200.3.4"));
  EXPECT_TRUE(f->allows("::ffff:10.1.1.1"));
  EXPECT_TRUE(f->allows("192.168.1.7"));
  EXPECT_FALSE(f->allows("192.168.1.8"));
  EXPECT_TRUE(f->allows("2001:db8:1::5"));
  EXPECT_FALSE(f->allows("2001:db9::5"));
  EXPECT_FALSE(f->allows("garbage"));
  EXPECT_TRUE(ip_filter::parse({})->allows("1.2.3.4"));
  EXPECT_FALSE(ip_filter::parse({"10.0.0.0/33"}).ok());
  EXPECT_FALSE(ip_filter::parse({"example.com"}).ok());
}

}  // namespace
}  // namespace hookflow::triggers::webhook
