#pragma once
// Test certificates made with the openssl command line (EC P-256, valid two days).

#include <filesystem>
#include <string>

namespace hookflow::testing {

/// A self-signed CA: <dir>/<name>.pem and <dir>/<name>.key. Throws on failure.
void make_ca(const std::filesystem::path& dir, const std::string& name);

/// A certificate for `san` (e.g. "DNS:localhost,IP:127.0.0.1") signed by the CA `ca` made in
/// the same folder: <dir>/<name>.pem and <dir>/<name>.key. Throws on failure.
void make_leaf(const std::filesystem::path& dir, const std::string& ca, const std::string& name,
               const std::string& san);

}  // namespace hookflow::testing
