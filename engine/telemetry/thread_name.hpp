#pragma once
// Names the calling thread as `top -H`, `ps -L` and debuggers show it (Linux: at most 15
// characters are kept).

#include <pthread.h>

namespace hookflow::engine::telemetry {

inline void name_this_thread(const char* name) noexcept {
  pthread_setname_np(pthread_self(), name);
}

}  // namespace hookflow::engine::telemetry
