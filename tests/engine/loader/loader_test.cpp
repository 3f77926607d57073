#include "engine/loader/loader.hpp"
#include "engine/registry/registry.hpp"

#include <gtest/gtest.h>

namespace {

namespace ld = hookflow::engine::loader;

const ld::diagnostic* find(const std::vector<ld::diagnostic>& ds, const std::string& file) {
  for (const auto& d : ds)
    if (d.path.ends_with("/" + file)) return &d;
  return nullptr;
}

class PluginLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    report_ = ld::load_plugins({HOOKFLOW_TEST_MIXED_DIR});
    diagnostics_ = report_.diagnostics;
    for (auto& p : report_.plugins) registry_.add(p, diagnostics_);
  }
  ld::load_report report_;
  std::vector<ld::diagnostic> diagnostics_;
  hookflow::engine::registry::registry registry_;
};

TEST_F(PluginLoader, RefusesWrongAbiMajorNamingBothVersions) {
  auto* d = find(diagnostics_, "wrong_abi_major.so");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "abi");
  EXPECT_NE(d->reason.find("SDK ABI 2.0"), std::string::npos) << d->reason;
  EXPECT_NE(d->reason.find("SDK ABI 1.0"), std::string::npos) << d->reason;
}

TEST_F(PluginLoader, RefusesNewerAbiMinor) {
  auto* d = find(diagnostics_, "newer_abi_minor.so");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "abi");
  EXPECT_NE(d->reason.find("1.7, newer than this engine's SDK ABI 1.0"), std::string::npos) << d->reason;
}

TEST_F(PluginLoader, RefusesALibraryWithoutEntry) {
  auto* d = find(diagnostics_, "no_entry.so");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "entry");
  EXPECT_NE(d->reason.find("not a Hookflow plugin"), std::string::npos);
}

TEST_F(PluginLoader, RefusesAFileThatIsNotASharedLibrary) {
  auto* d = find(diagnostics_, "not_a_library.so");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "open");
  EXPECT_NE(d->reason.find("not a loadable shared library"), std::string::npos) << d->reason;
}

TEST_F(PluginLoader, ReportsARegisterThatThrows) {
  auto* d = find(diagnostics_, "throwing_register.so");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "register");
  EXPECT_EQ(d->reason, "register threw: cannot initialise the frobnicator");
}

TEST_F(PluginLoader, RefusesADuplicateTypeNamingBothFiles) {
  auto* d = find(diagnostics_, "zz_duplicate_log.so");  // log.so sorts first and owns "log"
  ASSERT_TRUE(d);
  EXPECT_EQ(d->stage, "duplicate");
  EXPECT_NE(d->reason.find("\"log\""), std::string::npos);
  EXPECT_NE(d->reason.find("/log.so"), std::string::npos) << d->reason;
}

TEST_F(PluginLoader, GivesEachBadFileExactlyOneDiagnosticAndLoadsTheGoodOne) {
  EXPECT_EQ(diagnostics_.size(), 6u);
  ASSERT_EQ(registry_.plugins().size(), 1u);
  EXPECT_EQ(registry_.plugins()[0]->info.name, "log");
  EXPECT_TRUE(registry_.action("log"));
}

TEST(PluginLoaderFolders, ReportsAMissingFolder) {
  auto report = ld::load_plugins({"/nonexistent/plugins"});
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].path, "/nonexistent/plugins");
}

}  // namespace
