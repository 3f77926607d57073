#pragma once
#include <string>

namespace hookflow::engine::runner {

/// A new run id: 26 characters of Crockford base32 (a ULID): 48 bits of milliseconds, then 80
/// random bits from the kernel's CSPRNG. Ids sort by creation time. The random bits are drawn
/// from a per-thread buffer refilled 51 ids at a time: one getrandom(2) per 51 runs, not per run
/// (run ids are unique names, not secrets; the engine never forks, so no buffer is shared).
/// Throws std::runtime_error when the kernel refuses random bytes.
std::string new_run_id();

}  // namespace hookflow::engine::runner
