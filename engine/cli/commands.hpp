#pragma once
// The `hookflow` subcommands. Each returns the process exit code:
//   0 success, 1 the command ran and found problems (invalid definition, refused plugin),
//   2 usage or configuration error.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hookflow::engine::cli {

struct serve_options {
  std::optional<std::filesystem::path> config_file;
  std::vector<std::filesystem::path> workflow_dirs;  // added to the config's
  std::optional<std::filesystem::path> data_dir;     // overrides the config's
};

int serve(const serve_options& opts);
int plugins_list(const std::vector<std::filesystem::path>& dirs, bool as_json);
int plugins_describe(const std::vector<std::filesystem::path>& dirs, const std::string& name, bool as_json);
int validate(const std::vector<std::filesystem::path>& dirs, const std::vector<std::filesystem::path>& files);

}  // namespace hookflow::engine::cli
