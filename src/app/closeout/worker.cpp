// run_in_worker (run.hpp): `pitwall closeout run` as a child process.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
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

// The worker's error as it printed it (PITWALL_ERROR_FORMAT=json: one JSON object per line; the
// lines of --progress name stages and are not the error).
core::Error worker_error(const std::string& err, int status) {
  std::string last;
  for (size_t from = 0; from < err.size();) {
    size_t eol = std::min(err.find('\n', from), err.size());
    std::string line = err.substr(from, eol - from);
    if (!line.empty() && line.find("\"stage\"") == std::string::npos) last = line;
    from = eol + 1;
  }
  auto doc = io::Json::parse(last.empty() ? err : last);
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

namespace {

// Reads the worker's output and errors as they come: stage lines go to `watch`, the rest is
// kept; `cancelled` is asked between reads. True when the worker was stopped.
bool follow(int out_fd, int err_fd, pid_t pid, const WorkerWatch& watch, std::string& out,
            std::string& err) {
  std::string pending;  // an unfinished line of errors
  bool stopped = false;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    int ready = ::poll(fds, 2, 100);
    if (ready < 0 && errno != EINTR) break;
    if (!stopped && watch.cancelled && watch.cancelled()) {
      ::kill(pid, SIGTERM);
      stopped = true;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        fds[i].fd = -1;
        --open;
        continue;
      }
      if (i == 0) {
        out.append(buffer, static_cast<size_t>(n));
        continue;
      }
      pending.append(buffer, static_cast<size_t>(n));
      for (size_t eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
        std::string line = pending.substr(0, eol + 1);
        pending.erase(0, eol + 1);
        auto doc = io::Json::parse(line);
        if (doc && doc->is_object() && doc->find("stage")) {
          if (watch.on_stage) watch.on_stage(doc->get_string("stage"));
        } else {
          err += line;
        }
      }
    }
  }
  err += pending;
  return stopped;
}

}  // namespace

core::Result<RunRecord> run_in_worker(const Session& s, const std::string& campaign,
                                      const std::string& binary) {
  return run_in_worker(s, campaign, binary, WorkerWatch{});
}

namespace {
bool watched(const WorkerWatch& w) { return w.on_stage || w.cancelled; }
}  // namespace

core::Result<RunRecord> run_in_worker(const Session& s, const std::string& campaign,
                                      const std::string& binary, const WorkerWatch& watch) {
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
  if (watched(watch)) args.push_back("--progress");
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
  // The worker prints little (a record, or an error; stages when watched).
  std::string out, err;
  bool stopped = false;
  if (watched(watch)) {
    stopped = follow(out_pipe[0], err_pipe[0], pid, watch, out, err);
  } else {
    out = drain(out_pipe[0]);
    err = drain(err_pipe[0]);
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (stopped && code != 0) {
    return core::make_error(core::ErrorCode::kUnavailable, s.tr("closeout.run_cancelled"));
  }
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
