#include "credentials.hpp"

#include "crypto.hpp"
#include "text.hpp"

namespace hookflow::triggers::webhook {

std::optional<basic_credentials> parse_basic_authorization(std::string_view header) {
  std::size_t space = header.find(' ');
  if (space == std::string_view::npos || !iequals(header.substr(0, space), "basic")) return std::nullopt;
  std::string_view encoded = header.substr(space + 1);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  auto decoded = from_base64(encoded);
  if (!decoded) return std::nullopt;
  std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return basic_credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::string new_token() {
  return to_base64url(random_bytes(32));
}

std::string token_digest(std::string_view token) {
  return sha256(token);
}

bool token_matches(std::string_view stored_digest, std::string_view presented) {
  return !stored_digest.empty() && equal_constant_time(stored_digest, sha256(presented));
}

password_hash hash_password(std::string_view password, int iterations) {
  password_hash out;
  out.salt = random_bytes(16);
  out.iterations = iterations;
  out.hash = pbkdf2_sha256(password, out.salt, iterations);
  return out;
}

password_checker::password_checker(std::size_t cache_capacity) : key_(random_bytes(32)), capacity_(cache_capacity) {}

std::string password_checker::cache_key(const hook_record& record, const basic_credentials& presented) const {
  std::string material = record.basic_password.salt + record.basic_password.hash;
  material += '\0' + presented.username + '\0' + presented.password;
  return hmac_sha256(key_, material);
}

bool password_checker::verified_before(const hook_record& record, const basic_credentials& presented) {
  if (record.basic_password.hash.empty()) return false;
  std::string key = cache_key(record, presented);
  std::lock_guard lock(mutex_);
  return verified_.contains(key);
}

bool password_checker::verify(const hook_record& record, const basic_credentials& presented) {
  const auto& stored = record.basic_password;
  if (stored.hash.empty() || stored.iterations <= 0) return false;
  // Both halves are always computed so the time taken does not tell which one was wrong.
  bool user_ok = equal_constant_time(sha256(record.basic_username), sha256(presented.username));
  bool pass_ok = equal_constant_time(stored.hash, pbkdf2_sha256(presented.password, stored.salt, stored.iterations));
  if (!user_ok || !pass_ok) return false;
  std::string key = cache_key(record, presented);
  std::lock_guard lock(mutex_);
  if (verified_.size() >= capacity_) verified_.clear();
  verified_.insert(std::move(key));
  return true;
}

}  // namespace hookflow::triggers::webhook
