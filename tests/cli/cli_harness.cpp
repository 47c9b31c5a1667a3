#include "cli/cli_harness.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/sha256.hpp"

namespace pitwall::testing {

namespace {
std::string read_all(int fd) {
  std::string out;
  std::array<char, 65536> buf;
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0)
    out.append(buf.data(), static_cast<size_t>(n));
  return out;
}
}  // namespace

std::string& acting_user() {
  static std::string user;
  return user;
}

void act_as(const std::string& user) { acting_user() = user; }

CliResult run_pitwall(const std::vector<std::string>& args, const std::string& now) {
  std::string out_path = fresh_folder("cli-out") + ".out";
  std::string err_path = out_path + ".err";
  pid_t pid = fork();
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    setenv("PITWALL_NOW", now.c_str(), 1);
    setenv("LANG", "en_US.UTF-8", 1);
    unsetenv("PITWALL_WORKSPACE");
    if (acting_user().empty()) {
      unsetenv("PITWALL_AS");
    } else {
      setenv("PITWALL_AS", acting_user().c_str(), 1);
    }
    std::vector<char*> argv;
    std::string binary = PITWALL_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int out = ::open(out_path.c_str(), O_RDONLY);
  int err = ::open(err_path.c_str(), O_RDONLY);
  r.out = read_all(out);
  r.err = read_all(err);
  ::close(out);
  ::close(err);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

std::string fresh_folder(const std::string& name) {
  static int counter = 0;
  std::string dir = ::testing::TempDir() + "pitwall-cli-" + std::to_string(getpid()) + "-" + name +
                    "-" + std::to_string(++counter);
  std::filesystem::remove_all(dir);
  return dir;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string fingerprint(const std::string& dir) {
  std::vector<std::string> lines;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = std::filesystem::relative(entry.path(), dir).string();
    if (rel.rfind("tmp/", 0) == 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    lines.push_back(rel + " " + core::sha256_hex(ss.str()));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

io::Json json_of(const CliResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = io::Json::parse(r.out);
  EXPECT_TRUE(j.has_value()) << r.out.substr(0, 200);
  return j.has_value() ? *j : io::Json();
}

io::Json read_json_file(const std::string& path) {
  auto j = io::Json::parse(read_file(path));
  EXPECT_TRUE(j.has_value()) << path;
  return j.has_value() ? *j : io::Json();
}

}  // namespace pitwall::testing
