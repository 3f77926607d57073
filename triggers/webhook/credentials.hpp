#pragma once
// Token and basic-auth credentials: creation, hashing and verification.
// Tokens are 256 random bits, so an unsalted SHA-256 is enough to store them. Passwords are
// chosen by people, so they are stored as salted PBKDF2-HMAC-SHA256; because PBKDF2 is slow
// on purpose, successful verifications are remembered in memory, keyed by an HMAC (with a
// per-process random key) of the stored hash and the presented credential, so a client that
// sends the right password on every request pays PBKDF2 once.

#include "hook_record.hpp"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace hookflow::triggers::webhook {

/// OWASP's 2023 advice for PBKDF2-HMAC-SHA256.
inline constexpr int default_pbkdf2_iterations = 600000;

struct basic_credentials {
  std::string username;
  std::string password;
};

/// Parses an `Authorization: Basic <base64(user:pass)>` value; nullopt when malformed.
std::optional<basic_credentials> parse_basic_authorization(std::string_view header);

/// A new 256-bit token, base64url (43 characters). Throws std::runtime_error if the CSPRNG fails.
std::string new_token();
std::string token_digest(std::string_view token);
bool token_matches(std::string_view stored_digest, std::string_view presented);

/// Throws std::runtime_error if the CSPRNG or PBKDF2 fails.
password_hash hash_password(std::string_view password, int iterations);

/// Threads: every method is thread-safe.
class password_checker {
 public:
  explicit password_checker(std::size_t cache_capacity = 4096);

  /// True when this exact credential was verified before against this stored hash. Cheap.
  bool verified_before(const hook_record& record, const basic_credentials& presented);
  /// Full check (PBKDF2: tens to hundreds of milliseconds; never call it on an io thread).
  /// Remembers a success.
  bool verify(const hook_record& record, const basic_credentials& presented);

 private:
  std::string cache_key(const hook_record& record, const basic_credentials& presented) const;

  const std::string key_;  // random, never leaves the process
  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_set<std::string> verified_;
};

}  // namespace hookflow::triggers::webhook
