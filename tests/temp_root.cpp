// Every test process keeps its files in a folder of its own, removed when the process exits:
// TEST_TMPDIR (GoogleTest's TempDir()), TMPDIR (std::filesystem::temp_directory_path(), and
// the pitwall processes the CLI tests start) point there. Tests may leave their files behind;
// repeated runs no longer fill the disk with them (a full ctest wrote ~1 GB to /tmp before).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

class TempRoot {
 public:
  TempRoot() : owner_(getpid()) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/pitwall-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return;  // tests then use the system folder
    path_ = pattern;
    setenv("TEST_TMPDIR", path_.c_str(), 1);
    setenv("TMPDIR", path_.c_str(), 1);
    // The PostgreSQL workspaces' local cache (store/postgres/pg_workspace.hpp) goes there too.
    setenv("PITWALL_CACHE", (path_ + "/cache").c_str(), 1);
  }
  ~TempRoot() {
    // Only the process that made it (a forked child that exits must not remove it).
    if (path_.empty() || getpid() != owner_) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;

 private:
  pid_t owner_;
  std::string path_;
};

const TempRoot root;

}  // namespace
