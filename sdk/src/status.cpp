#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>

HOOKFLOW_SDK_BEGIN_NAMESPACE

const char* to_string(status_code code) noexcept {
  switch (code) {
    case status_code::ok: return "ok";
    case status_code::invalid_argument: return "invalid_argument";
    case status_code::not_found: return "not_found";
    case status_code::unauthenticated: return "unauthenticated";
    case status_code::resource_exhausted: return "resource_exhausted";
    case status_code::unavailable: return "unavailable";
    case status_code::deadline_exceeded: return "deadline_exceeded";
    case status_code::failed_precondition: return "failed_precondition";
    case status_code::internal: return "internal";
  }
  return "unknown";
}

const char* to_string(run_state state) noexcept {
  switch (state) {
    case run_state::queued: return "queued";
    case run_state::running: return "running";
    case run_state::succeeded: return "succeeded";
    case run_state::failed: return "failed";
  }
  return "unknown";
}

HOOKFLOW_SDK_END_NAMESPACE
