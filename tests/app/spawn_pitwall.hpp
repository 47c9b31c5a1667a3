#pragma once
// Runs the built pitwall from an app test, as a person at a terminal would (use-case tests make
// their workspaces with it, and check what several processes do at once).

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace pitwall::testing {

// Starts PITWALL_BINARY with `args` at the clock `now` (ISO 8601 with offset), stdout to
// `out_path`, stderr discarded, messages in English, no PITWALL_AS (the arguments name the
// person); returns its pid.
inline pid_t spawn_pitwall_at(const std::vector<std::string>& args, const std::string& now,
                              const std::string& out_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open("/dev/null", O_WRONLY);
    dup2(out, 1);
    dup2(err, 2);
    setenv("PITWALL_NOW", now.c_str(), 1);
    setenv("PITWALL_LANG", "en", 1);
    unsetenv("PITWALL_AS");
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    std::string binary = PITWALL_BINARY;
    argv.push_back(binary.data());
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// The exit code of a spawned pitwall.
inline int wait_pitwall(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace pitwall::testing
