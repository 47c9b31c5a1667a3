#pragma once
// Runs the built `pitwall` binary for command-line tests: arguments in, exit code and output out.
// The environment is the test's, plus PITWALL_NOW and LANG fixed so output is stable.

#include <string>
#include <vector>

#include "io/json/json.hpp"

namespace pitwall::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The registered user the next commands act as (PITWALL_AS in their environment); "" for none
// (the local operator, or the bootstrap of a new workspace's first user). An --as in a command's
// arguments overrides it.
void act_as(const std::string& user);

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

// The whole file at `path` ("" when it cannot be read).
std::string read_file(const std::string& path);

// The JSON document a successful --json command printed; a test failure when the command failed
// or printed no JSON (then an empty document).
io::Json json_of(const CliResult& r);

// The JSON document in the file at `path`; a test failure when it is not JSON.
io::Json read_json_file(const std::string& path);

}  // namespace pitwall::testing
