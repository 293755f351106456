// Runs the real `lodestar` binary for tests of the command line.
#pragma once

#include <sys/types.h>
#include <string>
#include <vector>

namespace lodestar::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The path of the lodestar binary under test.
std::string lodestar_binary();

// Runs `args` (args[0] is the program) with `env` added to this process's environment, feeding
// `input` on standard input, and waits for it.
ProcessResult run_process(const std::vector<std::string>& args,
                          const std::vector<std::string>& env = {}, const std::string& input = {});

// A running child whose standard output can be read line by line.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
  ~Child();
  // Reads standard output until a line starting with `prefix`; returns it, or "" at EOF.
  std::string read_line_starting_with(const std::string& prefix);
  void signal(int signo);
  // Waits for exit; returns the exit code, or 128 + signal when killed by one.
  int wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string pending_;
};

}  // namespace lodestar::testing
