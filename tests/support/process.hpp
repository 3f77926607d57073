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

/// Runs a program to completion with `input` as its standard input, capturing stdout and stderr.
command_result run_command(const std::vector<std::string>& argv, const std::string& input = {});

/// A background child process whose stderr goes to a file.
class child_process {
 public:
  child_process(const std::vector<std::string>& argv, const std::string& stderr_file);
  ~child_process();  // SIGKILL if still running
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  void kill_hard();  // SIGKILL, then reap
  int terminate();   // SIGTERM, then wait; returns the exit code (-1: killed by a signal)
  bool running();    // false once it exited; terminate() then returns how

 private:
  int pid_ = -1;
  int exit_code_ = -1;
};

/// A test server script that prints the port it listens on as its first line of stdout
/// (e.g. tests/actions/email/smtp_server.py). The constructor returns once it listens;
/// the destructor kills it.
class listening_process {
 public:
  /// Throws std::runtime_error when the program cannot start or prints no port.
  explicit listening_process(const std::vector<std::string>& argv);
  ~listening_process();
  listening_process(const listening_process&) = delete;
  listening_process& operator=(const listening_process&) = delete;

  int port() const { return port_; }
  void stop();  // SIGKILL and reap; the port then refuses connections

 private:
  int pid_ = -1;
  int port_ = 0;
};

}  // namespace hookflow::testing
