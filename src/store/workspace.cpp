#include "store/workspace.hpp"

#include "store/sqlite/sqlite_workspace.hpp"

namespace pitwall::store {

core::Status init_workspace(const std::string& dir, int64_t now) {
  return sqlite::init_sqlite_workspace(dir, now);
}

core::Result<std::unique_ptr<Workspace>> open_workspace(const std::string& dir) {
  return sqlite::open_sqlite_workspace(dir);
}

}  // namespace pitwall::store
