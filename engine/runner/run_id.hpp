#pragma once
#include <string>

namespace hookflow::engine::runner {

/// A new run id: 26 characters of Crockford base32 (a ULID): 48 bits of milliseconds, then 80
/// random bits from the kernel's CSPRNG. Ids sort by creation time.
std::string new_run_id();

}  // namespace hookflow::engine::runner
