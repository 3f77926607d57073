#pragma once
// The one header a plugin author includes.
//
//   void register_components(hookflow::sdk::registrar& r) { r.add_action({...}); }
//   HOOKFLOW_PLUGIN("log", "1.0.0", "Writes messages to the engine log", "Apache-2.0",
//                   "https://example.org", register_components)
//
// The macro emits the C-layout descriptor, the exported entry `hookflow_plugin` and the
// catch-all: an exception from the author's register function becomes `registrar::fail`, and
// every component registered is wrapped so that no exception from the author's code crosses
// into the host (guard.hpp).

#include <hookflow/sdk/abi.hpp>
#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/guard.hpp>
#include <hookflow/sdk/random.hpp>
#include <hookflow/sdk/registrar.hpp>
#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <boost/dll/alias.hpp>

#include <exception>

HOOKFLOW_SDK_BEGIN_NAMESPACE
namespace detail {

/// Calls the author's register function with every component guarded; nothing escapes.
template <class RegisterFn>
void call_register(void* opaque, RegisterFn fn) noexcept {
  auto& r = *static_cast<registrar*>(opaque);
  try {
    guarding_registrar guarded(r);
    fn(guarded);
  } catch (const std::exception& e) {
    r.fail(std::string("register threw: ") + e.what());
  } catch (...) {
    r.fail("register threw a non-standard exception");
  }
}

}  // namespace detail
HOOKFLOW_SDK_END_NAMESPACE

#define HOOKFLOW_PLUGIN(NAME, VERSION, DESCRIPTION, LICENSE, CONTACT, REGISTER_FN)             \
  namespace {                                                                                  \
  void hookflow_register_trampoline(void* registrar) noexcept {                                \
    ::hookflow::sdk::detail::call_register(registrar, &(REGISTER_FN));                         \
  }                                                                                            \
  const ::hookflow_plugin_descriptor hookflow_descriptor{HOOKFLOW_SDK_ABI_MAJOR,               \
                                                         HOOKFLOW_SDK_ABI_MINOR,               \
                                                         sizeof(::hookflow_plugin_descriptor), \
                                                         (NAME),                               \
                                                         (VERSION),                            \
                                                         (DESCRIPTION),                        \
                                                         (LICENSE),                            \
                                                         (CONTACT),                            \
                                                         &hookflow_register_trampoline};       \
  const ::hookflow_plugin_descriptor* hookflow_entry() {                                       \
    return &hookflow_descriptor;                                                               \
  }                                                                                            \
  }                                                                                            \
  BOOST_DLL_ALIAS(hookflow_entry, hookflow_plugin)
