#pragma once
// The persistent state of one workflow's webhook, kept through host_services::state_get/put
// under the key `hook_record_key` as one JSON document (one write = one atomic update).
// Secrets are stored only as hashes: the token as SHA-256, the basic-auth password as salted
// PBKDF2-HMAC-SHA256.

#include <optional>
#include <string>
#include <string_view>

namespace hookflow::triggers::webhook {

enum class auth_kind { none, basic, token, signature };

const char* to_string(auth_kind kind) noexcept;
std::optional<auth_kind> parse_auth_kind(std::string_view text);

struct password_hash {
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes
  int iterations = 0;
};

struct hook_record {
  std::string hook_id;  // 144 random bits, base64url (24 characters)
  bool enabled = true;
  auth_kind auth = auth_kind::none;
  /// The definition's `auth` when the workflow was last bound; a changed definition value
  /// re-applies, commands change `auth` in between.
  std::string configured_auth;
  std::string token_sha256;  // raw bytes; empty when no token was generated
  std::string basic_username;
  password_hash basic_password;
};

inline constexpr std::string_view hook_record_key = "hook";

/// A fresh hook id from the CSPRNG. Throws std::runtime_error if the CSPRNG fails.
std::string new_hook_id();

std::string serialize(const hook_record& record);
/// nullopt when `text` is not a record this plugin wrote.
std::optional<hook_record> parse_hook_record(std::string_view text);

}  // namespace hookflow::triggers::webhook
