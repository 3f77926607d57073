#pragma once
// Cryptographically secure random bytes for ids, tokens and salts.

#include <hookflow/sdk/abi.hpp>

#include <cstddef>

HOOKFLOW_SDK_BEGIN_NAMESPACE

/// Fills `out` with `size` bytes from the kernel's CSPRNG (getrandom(2), the source OpenSSL's
/// own generator seeds from). Thread-safe; blocks only before the kernel pool is first
/// initialised at boot. Returns false if the kernel refuses (then `out` must not be used).
/// Used instead of RAND_bytes so that an idle engine does not pay OpenSSL's initialisation
/// (about 2 MB of resident memory); hashing, HMAC and TLS still use OpenSSL.
bool random_bytes(void* out, std::size_t size) noexcept;

/// The same bytes, served from a per-thread buffer that is refilled from random_bytes 512
/// bytes at a time: one system call per many ids where ids are made at a high rate (run ids,
/// Message-IDs). Requests larger than the buffer go to random_bytes directly. The buffered
/// bytes sit in this thread's memory until used, so keys, tokens and salts come from
/// random_bytes. Not for processes that fork after drawing (the child would repeat the
/// parent's bytes). Returns false as random_bytes does.
bool buffered_random_bytes(void* out, std::size_t size) noexcept;

HOOKFLOW_SDK_END_NAMESPACE
