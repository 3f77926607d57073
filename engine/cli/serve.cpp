#include "commands.hpp"

#include "../host/engine.hpp"

#include <pthread.h>
#include <csignal>
#include <iostream>

namespace hookflow::engine::cli {

int serve(const serve_options& opts) {
  telemetry::logger log;
  host::engine_config config;
  try {
    config = opts.config_file ? host::load_config_file(*opts.config_file)
                              : host::parse_config("{}", std::filesystem::current_path());
  } catch (const host::config_error& e) {
    std::cerr << "hookflow: invalid config " << e.what() << "\n";
    return 2;
  }
  for (const auto& d : opts.workflow_dirs) config.workflow_dirs.push_back(std::filesystem::absolute(d));
  if (opts.data_dir) config.data_dir = std::filesystem::absolute(*opts.data_dir);
  log.set_min_level(config.log_level);

  // Signals are taken by sigwait below; every thread started from here inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  host::engine engine(std::move(config), log);
  try {
    engine.start();
  } catch (const std::exception& e) {
    log.error("engine failed to start", {{"error", e.what()}});
    return 2;
  }
  int sig = 0;
  sigwait(&signals, &sig);
  log.info("stopping", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
  engine.stop();
  return 0;
}

}  // namespace hookflow::engine::cli
