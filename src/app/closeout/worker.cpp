// run_in_worker (run.hpp): `pitwall closeout run` as a child process.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "app/closeout/run.hpp"
#include "store/workspace.hpp"

extern char** environ;

namespace pitwall::app::closeout {

namespace {

// Reads a descriptor to its end.
std::string drain(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  return out;
}

// The worker's error as it printed it (PITWALL_ERROR_FORMAT=json: one JSON object per line).
core::Error worker_error(const std::string& err, int status) {
  auto doc = io::Json::parse(err);
  if (doc && doc->is_object()) {
    core::ErrorCode code = core::ErrorCode::kInternal;
    std::string name = doc->get_string("code");
    for (int c = 0; c <= static_cast<int>(core::ErrorCode::kInternal); ++c) {
      if (core::error_code_name(static_cast<core::ErrorCode>(c)) == name) {
        code = static_cast<core::ErrorCode>(c);
      }
    }
    core::Error e = core::make_error(code, doc->get_string("message"));
    if (const io::Json* where = doc->find("where")) {
      e.where.file = where->get_string("file");
      e.where.line = where->get_int("line");
      e.where.column = where->get_string("column");
    }
    return e;
  }
  return core::make_error(core::ErrorCode::kInternal, "the close-out worker failed (exit " +
                                                          std::to_string(status) + "): " + err);
}

}  // namespace

core::Result<RunRecord> run_in_worker(const Session& s, const std::string& campaign,
                                      const std::string& binary) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return core::make_error(core::ErrorCode::kIo, "pipe");
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return core::make_error(core::ErrorCode::kIo, "pipe");
  }
  std::vector<std::string> args = {binary,   "closeout",
                                   "run",    "--campaign",
                                   campaign, "--json",
                                   "-w",     s.workspace().dir(),
                                   "--lang", s.lang == Lang::kEn ? "en" : "zh",
                                   "--now",  core::format_utc_iso(s.now)};
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view v(*e);
    if (v.starts_with("PITWALL_AS=") || v.starts_with("PITWALL_ERROR_FORMAT=")) continue;
    env.emplace_back(v);
  }
  env.push_back("PITWALL_AS=" + s.principal.name);
  env.push_back("PITWALL_ERROR_FORMAT=json");
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return core::make_error(core::ErrorCode::kInternal,
                            "cannot start the close-out worker " + binary);
  }
  // The worker prints little (a record, or an error): read its output, then its errors.
  std::string out = drain(out_pipe[0]);
  std::string err = drain(err_pipe[0]);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (code != 0) return worker_error(err, code);
  auto doc = TRY(io::Json::parse(out));
  int64_t run = doc.get_int("run");
  auto record =
      TRY(s.workspace().get_record(kRunsCollection, campaign + "/" + fmt::format("{:06}", run)));
  if (!record) {
    return core::make_error(core::ErrorCode::kInternal, "the close-out worker stored no run");
  }
  return parse_run_record(record->json);
}

}  // namespace pitwall::app::closeout
