#include "store/workspace.hpp"

#include "store/postgres/pg_workspace.hpp"
#include "store/sqlite/sqlite_workspace.hpp"

namespace pitwall::store {

core::Status init_workspace(const std::string& dir, int64_t now) {
  if (postgres::is_postgres_url(dir)) return postgres::init_postgres_workspace(dir, now);
  return sqlite::init_sqlite_workspace(dir, now);
}

core::Result<std::unique_ptr<Workspace>> open_workspace(const std::string& dir,
                                                        const OpenOptions& options) {
  if (postgres::is_postgres_url(dir)) {
    return postgres::open_postgres_workspace(dir, options.cache_dir);
  }
  return sqlite::open_sqlite_workspace(dir);
}

}  // namespace pitwall::store
