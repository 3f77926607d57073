#pragma once
// HMAC-SHA256 request signatures, as published by the senders:
//   standard-webhooks  webhook-id, webhook-timestamp, webhook-signature: "v1,<base64>" (several
//                      space-separated); signs "<id>.<timestamp>.<body>"; secret "whsec_<base64>".
//   github             X-Hub-Signature-256: "sha256=<hex>" over the body.
//   stripe             Stripe-Signature: "t=<unix>,v1=<hex>[,v1=<hex>]" over "<t>.<body>".
//   hmac-sha256        a configured header holding the body's HMAC as hex (optionally
//                      "sha256=" prefixed) or as base64.
// Timestamped schemes refuse a request whose timestamp is further than `tolerance` from now
// (either direction): replay protection. All comparisons are constant-time over raw MAC bytes.
// Threads: reentrant.

#include "request_head.hpp"

#include <hookflow/sdk/status.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hookflow::triggers::webhook {

enum class signature_scheme { standard_webhooks, github, stripe, hmac_sha256 };

std::optional<signature_scheme> parse_signature_scheme(std::string_view text);

struct signature_config {
  signature_scheme scheme = signature_scheme::standard_webhooks;
  std::string secret_env;  // name of the environment variable holding the secret
  std::string header;      // hmac-sha256 only; lowercase
  std::chrono::seconds tolerance{300};
};

/// Lowercase names of the headers that carry this scheme's signature (kept out of `$request`).
std::vector<std::string> signature_headers(const signature_config& config);

/// The HMAC key from the secret's text. standard-webhooks: "whsec_" + base64 (the prefix is
/// optional); the others use the text as is. Errors: invalid_argument (bad base64, empty).
sdk::result<std::string> signing_key(const signature_config& config, std::string_view secret);

/// Ok when the request carries a valid signature; otherwise `unauthenticated` with a short
/// reason for logs ("missing signature", "signature mismatch", "timestamp outside tolerance").
sdk::status verify_signature(const signature_config& config, std::string_view key, const request_head& head,
                             std::string_view body, std::chrono::system_clock::time_point now);

}  // namespace hookflow::triggers::webhook
