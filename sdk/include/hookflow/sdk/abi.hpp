#pragma once
// The binary contract between the engine and a plugin file.
//
// A plugin exports exactly one symbol, the Boost.DLL alias `hookflow_plugin`, a function that
// returns a pointer to a `hookflow_plugin_descriptor`. The descriptor is plain C layout so the
// host can read and check it before it touches any C++ type of the plugin:
//   accepted when  abi_major == host major  &&  abi_minor <= host minor.
// A minor version may only add (new host service methods at the end of an interface, new
// descriptor fields at the end); a major version may change anything.

#include <cstddef>
#include <cstdint>

#define HOOKFLOW_SDK_ABI_MAJOR 1
#define HOOKFLOW_SDK_ABI_MINOR 0

// Every SDK type lives in this inline namespace: a plugin built for another major version
// fails to link or load instead of silently misbehaving.
#define HOOKFLOW_SDK_BEGIN_NAMESPACE \
  namespace hookflow::sdk {          \
  inline namespace v1 {
#define HOOKFLOW_SDK_END_NAMESPACE \
  }                                \
  }

/// Name of the exported alias every plugin file provides.
#define HOOKFLOW_PLUGIN_ENTRY_NAME "hookflow_plugin"

extern "C" {

/// Called by the host with an `hookflow::sdk::registrar*`. Never throws: the author macro
/// wraps the author's function and reports exceptions through the registrar.
typedef void (*hookflow_register_fn)(void* registrar);

struct hookflow_plugin_descriptor {
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  std::uint32_t struct_size;  // sizeof(hookflow_plugin_descriptor) as the plugin saw it
  const char* name;           // [a-z0-9_.-]+, unique among loaded plugins
  const char* version;        // the plugin's own version, free text (semver advised)
  const char* description;
  const char* license;
  const char* contact;
  hookflow_register_fn register_components;
};

/// The descriptor's size in SDK ABI 1.0, the smallest a 1.x host accepts. A later minor
/// version appends fields; a host reads those only when `struct_size` covers them, so 1.0
/// plugins keep loading into every 1.x engine.
#define HOOKFLOW_SDK_DESCRIPTOR_V1_0_SIZE \
  (offsetof(hookflow_plugin_descriptor, register_components) + sizeof(hookflow_register_fn))

/// Signature of the exported entry.
typedef const hookflow_plugin_descriptor* (*hookflow_plugin_entry_fn)();
}
