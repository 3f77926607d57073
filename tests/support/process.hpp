#pragma once
// Runs the real `hookflow` executable as a child process.

#include <string>
#include <vector>

namespace hookflow::testing {

struct command_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a program to completion, capturing stdout and stderr.
command_result run_command(const std::vector<std::string>& argv);

/// A background child process whose stderr goes to a file.
class child_process {
 public:
  child_process(const std::vector<std::string>& argv, const std::string& stderr_file);
  ~child_process();  // SIGKILL if still running
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  void kill_hard();  // SIGKILL, then reap
  int terminate();   // SIGTERM, then wait; returns the exit code
  bool running();

 private:
  int pid_ = -1;
};

}  // namespace hookflow::testing
