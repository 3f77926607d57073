#include <hookflow/sdk/random.hpp>

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>

HOOKFLOW_SDK_BEGIN_NAMESPACE

bool random_bytes(void* out, std::size_t size) noexcept {
  auto* p = static_cast<unsigned char*>(out);
  while (size > 0) {
    ssize_t n = ::getrandom(p, size, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool buffered_random_bytes(void* out, std::size_t size) noexcept {
  thread_local std::array<unsigned char, 512> buffer{};
  thread_local std::size_t used = buffer.size();
  if (size == 0) return true;  // `out` may then be null, which memcpy must not see
  if (size > buffer.size()) return random_bytes(out, size);
  if (buffer.size() - used < size) {
    if (!random_bytes(buffer.data(), buffer.size())) return false;
    used = 0;
  }
  std::memcpy(out, buffer.data() + used, size);
  std::memset(buffer.data() + used, 0, size);  // served bytes do not stay behind
  used += size;
  return true;
}

HOOKFLOW_SDK_END_NAMESPACE
