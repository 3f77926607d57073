#pragma once
// A fresh folder under the system temp dir, removed with its content on destruction.

#include <filesystem>

namespace hookflow::testing {

class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes `text` to `file`, creating parent folders.
void write_file(const std::filesystem::path& file, const std::string& text);
std::string read_file(const std::filesystem::path& file);

/// Polls `condition` every few milliseconds until it holds or `timeout` passes; returns its
/// last value. For conditions that only another process or thread can change.
template <class F>
bool wait_until(F condition, std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace hookflow::testing

#include <chrono>
#include <thread>

template <class F>
bool hookflow::testing::wait_until(F condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}
