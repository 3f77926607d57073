// The `hookflow` command line: subcommands and their options (CLI11), dispatched to cli/*.
#include "app.hpp"

#include "admin_commands.hpp"
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <utility>
#include <vector>

namespace hookflow::engine::cli {
namespace {

struct parsed {
  serve_options serve;
  std::string config, data_dir;
  std::vector<std::filesystem::path> plugin_dirs, files;
  std::string name, id, command, workflow, status, file;
  std::vector<std::string> args;
  std::string stdin_arg;
  int limit = 20;
  bool as_json = false;
  admin_options admin;
};

void add_admin_options(CLI::App* cmd, parsed& p) {
  cmd->add_option("--url", p.admin.url, "Admin API base URL (default: <data-dir>/admin.url)");
  cmd->add_option("--token", p.admin.token, "Admin bearer token (default: <data-dir>/admin.token)");
  cmd->add_option("-d,--data-dir", p.admin.data_dir,
                  "The engine's data folder (default: the config's data_dir, or var)");
  cmd->add_option("-c,--config", p.admin.config_file, "The engine's config file, to find its data folder")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", p.admin.json, "Print the API's JSON answer");
}

// The subcommand that was given runs its handler; exactly one is (require_subcommand).
using command_table = std::vector<std::pair<CLI::App*, std::function<int()>>>;

void add_local_commands(CLI::App& app, parsed& p, command_table& table) {
  auto* serve = app.add_subcommand("serve", "Run the engine until SIGINT or SIGTERM");
  serve->add_option("-c,--config", p.config, "Engine config file (JSON)")->check(CLI::ExistingFile);
  serve->add_option("-w,--workflows", p.serve.workflow_dirs, "Extra workflow folder (repeatable)")
      ->check(CLI::ExistingDirectory);
  serve->add_option("-d,--data-dir", p.data_dir, "Data folder (overrides the config's data_dir)");
  table.emplace_back(serve, [&p] {
    if (!p.config.empty()) p.serve.config_file = p.config;
    if (!p.data_dir.empty()) p.serve.data_dir = p.data_dir;
    return cli::serve(p.serve);
  });

  auto* plugins = app.add_subcommand("plugins", "Inspect plugin files");
  plugins->require_subcommand(1);
  auto* list = plugins->add_subcommand("list", "List loadable plugins and refused files");
  list->add_option("-p,--plugins", p.plugin_dirs, "Plugin folder (repeatable; default: the bundled plugins)");
  list->add_flag("--json", p.as_json, "Print JSON");
  table.emplace_back(list, [&p] { return plugins_list(p.plugin_dirs, p.as_json); });
  auto* describe = plugins->add_subcommand("describe", "Print a plugin's components and config fields");
  describe->add_option("name", p.name, "Plugin name")->required();
  describe->add_option("-p,--plugins", p.plugin_dirs, "Plugin folder (repeatable)");
  describe->add_flag("--json", p.as_json, "Print JSON");
  table.emplace_back(describe, [&p] { return plugins_describe(p.plugin_dirs, p.name, p.as_json); });

  auto* validate_cmd = app.add_subcommand("validate", "Check workflow definition files; report every error");
  validate_cmd->add_option("files", p.files, "Workflow definition files")->required()->check(CLI::ExistingFile);
  validate_cmd->add_option("-p,--plugins", p.plugin_dirs, "Plugin folder (repeatable)");
  table.emplace_back(validate_cmd, [&p] { return validate(p.plugin_dirs, p.files); });
}

// Commands that talk to a running engine: each finds its data folder first.
void add_admin_commands(CLI::App& app, parsed& p, command_table& table) {
  auto add = [&](CLI::App* cmd, std::function<int()> call) {
    add_admin_options(cmd, p);
    table.emplace_back(cmd, [&p, call = std::move(call)] {
      if (int code = resolve_data_dir(p.admin); code != 0) return code;
      return call();
    });
  };
  auto* workflows = app.add_subcommand("workflows", "Manage the workflows of a running engine");
  workflows->require_subcommand(1);
  add(workflows->add_subcommand("list", "List workflows"), [&p] { return workflows_list(p.admin); });
  auto* wf_show = workflows->add_subcommand("show", "Print a workflow's definition");
  wf_show->add_option("id", p.id)->required();
  add(wf_show, [&p] { return workflows_show(p.admin, p.id); });
  auto* wf_apply = workflows->add_subcommand("apply", "Create or replace a workflow from a file");
  wf_apply->add_option("file", p.file)->required()->check(CLI::ExistingFile);
  add(wf_apply, [&p] { return workflows_apply(p.admin, p.file); });
  auto* wf_delete = workflows->add_subcommand("delete", "Delete a workflow");
  wf_delete->add_option("id", p.id)->required();
  add(wf_delete, [&p] { return workflows_delete(p.admin, p.id); });

  auto* trig = app.add_subcommand("trigger", "Describe a workflow's trigger, or run one of its commands");
  trig->add_option("id", p.id, "Workflow id")->required();
  trig->add_option("command", p.command, "e.g. generate-token, reset-url, set-basic-auth, enable, disable");
  trig->add_option("-a,--arg", p.args, "Command argument key=value (repeatable)");
  trig->add_option("--arg-stdin", p.stdin_arg,
                   "Read this argument's value from standard input (for secrets: not in ps or shell history)");
  add(trig, [&p] { return trigger(p.admin, p.id, p.command, p.args, p.stdin_arg); });

  auto* runs = app.add_subcommand("runs", "Inspect and replay runs");
  runs->require_subcommand(1);
  auto* runs_ls = runs->add_subcommand("list", "Newest runs first");
  runs_ls->add_option("-w,--workflow", p.workflow, "Only this workflow's runs");
  runs_ls->add_option("-s,--status", p.status, "queued, running, succeeded or failed");
  runs_ls->add_option("-n,--limit", p.limit, "How many (1-1000)")->check(CLI::Range(1, 1000));
  add(runs_ls, [&p] { return runs_list(p.admin, p.workflow, p.status, p.limit); });
  auto* runs_sh = runs->add_subcommand("show", "A run with its request and steps");
  runs_sh->add_option("run", p.id)->required();
  add(runs_sh, [&p] { return runs_show(p.admin, p.id); });
  auto* runs_rt = runs->add_subcommand("retry", "Start a new run from a run's stored request");
  runs_rt->add_option("run", p.id)->required();
  add(runs_rt, [&p] { return runs_retry(p.admin, p.id); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Hookflow: a plugin-based workflow engine", "hookflow"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hookflow 0.1.0 (SDK ABI 1.0)");
  parsed p;
  command_table table;
  add_local_commands(app, p, table);
  add_admin_commands(app, p, table);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (const auto& [command, handler] : table)
    if (*command) return handler();
  return 2;
}

}  // namespace hookflow::engine::cli
