#include <hookflow/sdk/random.hpp>

#include <sys/random.h>

#include <cerrno>

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

HOOKFLOW_SDK_END_NAMESPACE
