// The `hookflow` executable: a thin command-line shell over the engine library.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  namespace cli = hookflow::engine::cli;
  CLI::App app{"Hookflow: a plugin-based workflow engine", "hookflow"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hookflow 0.1.0 (SDK ABI 1.0)");

  cli::serve_options serve;
  std::string config, data_dir;
  auto* serve_cmd = app.add_subcommand("serve", "Run the engine until SIGINT or SIGTERM");
  serve_cmd->add_option("-c,--config", config, "Engine config file (JSON)")->check(CLI::ExistingFile);
  serve_cmd->add_option("-w,--workflows", serve.workflow_dirs, "Extra workflow folder (repeatable)")
      ->check(CLI::ExistingDirectory);
  serve_cmd->add_option("-d,--data-dir", data_dir, "Data folder (overrides the config's data_dir)");

  std::vector<std::filesystem::path> plugin_dirs;
  bool as_json = false;
  auto* plugins_cmd = app.add_subcommand("plugins", "Inspect plugins");
  plugins_cmd->require_subcommand(1);
  auto* list_cmd = plugins_cmd->add_subcommand("list", "List loadable plugins and refused files");
  list_cmd->add_option("-p,--plugins", plugin_dirs, "Plugin folder (repeatable; default: the bundled plugins)");
  list_cmd->add_flag("--json", as_json, "Print JSON");
  std::string describe_name;
  auto* describe_cmd = plugins_cmd->add_subcommand("describe", "Print a plugin's components and config fields");
  describe_cmd->add_option("name", describe_name, "Plugin name")->required();
  describe_cmd->add_option("-p,--plugins", plugin_dirs, "Plugin folder (repeatable)");
  describe_cmd->add_flag("--json", as_json, "Print JSON");

  std::vector<std::filesystem::path> files;
  auto* validate_cmd = app.add_subcommand("validate", "Check workflow definition files; report every error");
  validate_cmd->add_option("files", files, "Workflow definition files")->required()->check(CLI::ExistingFile);
  validate_cmd->add_option("-p,--plugins", plugin_dirs, "Plugin folder (repeatable)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*serve_cmd) {
    if (!config.empty()) serve.config_file = config;
    if (!data_dir.empty()) serve.data_dir = data_dir;
    return cli::serve(serve);
  }
  if (*list_cmd) return cli::plugins_list(plugin_dirs, as_json);
  if (*describe_cmd) return cli::plugins_describe(plugin_dirs, describe_name, as_json);
  if (*validate_cmd) return cli::validate(plugin_dirs, files);
  return 2;
}
