#pragma once
// Thin wrappers over OpenSSL: CSPRNG, SHA-256, HMAC-SHA256, PBKDF2, base64 and constant-time
// comparison. Nothing here is hand-rolled cryptography. Byte strings are carried in
// std::string. Threads: every function is reentrant.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hookflow::triggers::webhook {

/// `n` bytes from the kernel CSPRNG (sdk::random_bytes). Throws std::runtime_error if it fails (it only
/// does when the system has no entropy source, which is fatal for this plugin).
std::string random_bytes(std::size_t n);

std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations);

/// CRYPTO_memcmp on equal lengths; unequal lengths compare unequal (lengths are not secret).
bool equal_constant_time(std::string_view a, std::string_view b);

std::string to_hex(std::string_view bytes);
/// Lower- or upper-case hex; nullopt on odd length or a non-hex character.
std::optional<std::string> from_hex(std::string_view hex);

std::string to_base64(std::string_view bytes);
/// Standard alphabet, padding required as produced by encoders; nullopt when malformed.
std::optional<std::string> from_base64(std::string_view text);
/// RFC 4648 §5 alphabet without padding: safe in URL paths and query strings.
std::string to_base64url(std::string_view bytes);

}  // namespace hookflow::triggers::webhook
