#pragma once
// CLI commands that talk to a running engine's admin API. Exit codes: 0 success, 1 the API
// refused the request (the error is printed on stderr), 2 usage error, 3 the engine cannot be
// reached or the token is wrong.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hookflow::engine::cli {

/// Where the API is: flags first, then HOOKFLOW_ADMIN_URL / HOOKFLOW_ADMIN_TOKEN, then the
/// files the engine writes in its data folder (admin.url, admin.token). The data folder:
/// `--data-dir`, else the `data_dir` of `--config` (resolved as `serve` resolves it), else `var`.
struct admin_options {
  std::string url;
  std::string token;
  std::filesystem::path data_dir;  // after resolve_data_dir: never empty
  std::filesystem::path config_file;
  bool json = false;
};

/// Fills `o.data_dir` as admin_options says. Returns 0, or 2 after printing why the config
/// file cannot be read.
int resolve_data_dir(admin_options& o);

int workflows_list(const admin_options& o);
int workflows_show(const admin_options& o, const std::string& id);
int workflows_apply(const admin_options& o, const std::filesystem::path& file);
int workflows_delete(const admin_options& o, const std::string& id);
/// Without a command: the trigger's description. `args` are "key=value" pairs; `stdin_arg`,
/// when set, names one more argument whose value is standard input (one trailing newline
/// dropped), so that a secret stays out of the process list and the shell's history.
int trigger(const admin_options& o, const std::string& id, const std::string& command,
            const std::vector<std::string>& args, const std::string& stdin_arg);
int runs_list(const admin_options& o, const std::string& workflow, const std::string& status, int limit);
int runs_show(const admin_options& o, const std::string& run_id);
int runs_retry(const admin_options& o, const std::string& run_id);

}  // namespace hookflow::engine::cli
