#pragma once
#include <filesystem>
#include <string>

namespace hookflow::engine::host {

/// The admin API's bearer token: read from `file`, or created there (64 hex characters from
/// the kernel's CSPRNG, mode 0600) on first start. Throws std::runtime_error when it can do neither.
std::string load_or_create_admin_token(const std::filesystem::path& file);

}  // namespace hookflow::engine::host
