#pragma once
// The real bundled plugins plus the test_actions plugin, loaded from their .so files into a
// registry (not instantiated unless asked).

#include "engine/loader/loader.hpp"
#include "engine/registry/registry.hpp"

#include <gtest/gtest.h>

namespace hookflow::testing {

inline std::unique_ptr<engine::registry::registry> load_test_components() {
  auto reg = std::make_unique<engine::registry::registry>();
  auto report = engine::loader::load_plugins({HOOKFLOW_TEST_ACTIONS_DIR, HOOKFLOW_BUNDLED_PLUGIN_DIR});
  std::vector<engine::loader::diagnostic> diagnostics = report.diagnostics;
  for (auto& p : report.plugins) reg->add(std::move(p), diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << d.path << ": " << d.reason;
  return reg;
}

}  // namespace hookflow::testing
