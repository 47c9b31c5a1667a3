#pragma once
// Runs the built `pitwall` binary for command-line tests: arguments in, exit code and output out.
// The environment is the test's, plus PITWALL_NOW and LANG fixed so output is stable.

#include <string>
#include <vector>

namespace pitwall::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs PITWALL_BINARY with `args`; PITWALL_NOW defaults to 2023-04-02T10:00:00+08:00.
CliResult run_pitwall(const std::vector<std::string>& args,
                      const std::string& now = "2023-04-02T10:00:00+08:00");

// A fresh, empty folder under the test temp dir.
std::string fresh_folder(const std::string& name);

// Writes `bytes` to `path`.
void write_bytes(const std::string& path, const std::string& bytes);

// SHA-256 of every file under `dir` but tmp/, as "path sha\n" lines, sorted: a fingerprint of a
// workspace's state.
std::string fingerprint(const std::string& dir);

}  // namespace pitwall::testing
