#pragma once
// The workspace backends a shared suite runs against (style.md §4: "Store tests run one suite
// against every Workspace backend"): SQLite in a folder, and PostgreSQL on the throwaway test
// cluster that CTest starts first (fixture `postgres`, scripts/pg-cluster.sh, which writes its
// URL to build/postgres/url; PITWALL_TEST_POSTGRES names another). Each test gets a fresh
// location: a new folder, or a new database on the cluster. A PostgreSQL test without a cluster
// fails under CI and is skipped elsewhere (running one test binary by hand).

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <string>

namespace pitwall::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string backend_name(Backend b) { return b == Backend::kSqlite ? "sqlite" : "postgres"; }
// How GoogleTest prints a parameter (and so how ctest lists the test).
inline void PrintTo(Backend b, std::ostream* os) { *os << backend_name(b); }

// For INSTANTIATE_TEST_SUITE_P(..., ::testing::Values(Backend::kSqlite, Backend::kPostgres),
// BackendParamName): test names end in /sqlite or /postgres.
struct BackendParamName {
  std::string operator()(const ::testing::TestParamInfo<Backend>& info) const {
    return backend_name(info.param);
  }
};

// The test cluster's URL (its `postgres` database), or "" when there is none.
inline std::string postgres_admin_url() {
  if (const char* env = std::getenv("PITWALL_TEST_POSTGRES"); env && *env) return env;
#ifdef PITWALL_TEST_POSTGRES_FILE
  std::ifstream in(PITWALL_TEST_POSTGRES_FILE);
  std::string url;
  if (in && std::getline(in, url)) return url;
#endif
  return "";
}

// `url` with its database replaced by `database`.
inline std::string with_database(const std::string& url, const std::string& database) {
  size_t authority = url.find("://") + 3;
  size_t slash = url.find('/', authority);
  size_t query = url.find('?', authority);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  std::string head =
      url.substr(0, std::min(slash, query == std::string::npos ? url.size() : query));
  return fmt::format("{}/{}{}", head, database, tail);
}

// Runs `sql` on the database at `url` with psql; its output (unaligned, tuples only), or
// "ERROR" when psql failed.
inline std::string psql(const std::string& url, const std::string& sql) {
  std::string command =
      fmt::format("psql -X -q -A -t -v ON_ERROR_STOP=1 -d '{}' -c \"{}\" 2>/dev/null", url, sql);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "ERROR";
  std::string out;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  int status = ::pclose(pipe);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return status == 0 ? out : "ERROR";
}

// A new empty database on the test cluster; its URL ("" when that failed).
inline std::string fresh_database(const std::string& name) {
  static std::atomic<int> counter{0};
  std::string clean;
  for (char c : name) clean.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  std::string database = fmt::format("pw_{}_{}_{}", getpid(), ++counter, clean).substr(0, 60);
  std::string admin = postgres_admin_url();
  if (psql(admin, fmt::format("CREATE DATABASE {}", database)) == "ERROR") return "";
  return with_database(admin, database);
}

// The database named in `url` (its path).
inline std::string database_of(const std::string& url) {
  size_t authority = url.find("://") + 3;
  size_t slash = url.find('/', authority);
  if (slash == std::string::npos) return "";
  return url.substr(slash + 1, url.find('?', slash) - slash - 1);
}

// A copy of the workspace database at `url` (CREATE DATABASE ... TEMPLATE: nobody may be
// connected to it); the copy's URL, "" when that failed. What demo_copy does with a folder.
inline std::string copy_database(const std::string& url, const std::string& name) {
  static std::atomic<int> counter{0};
  std::string clean;
  for (char c : name) clean.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  std::string database = fmt::format("pw_{}_c{}_{}", getpid(), ++counter, clean).substr(0, 60);
  std::string admin = postgres_admin_url();
  std::string sql = fmt::format("CREATE DATABASE {} TEMPLATE {}", database, database_of(url));
  if (psql(admin, sql) == "ERROR") return "";
  return with_database(admin, database);
}

// Removes a workspace made by fresh_location or copy_database (a folder, or a database).
inline void remove_location(const std::string& location) {
  if (location.starts_with("postgresql://")) {
    (void)psql(postgres_admin_url(), fmt::format("DROP DATABASE {}", database_of(location)));
  } else {
    std::string rm = "rm -rf '" + location + "'";
    (void)std::system(rm.c_str());
  }
}

// A fresh location for a workspace of `backend`: a folder that does not exist yet, or the URL of
// a new empty database on the test cluster ("" when it could not be made).
inline std::string fresh_location(Backend backend, const std::string& name) {
  static std::atomic<int> counter{0};
  if (backend == Backend::kSqlite) {
    std::string dir =
        fmt::format("{}/pitwall-ws-{}-{}-{}", ::testing::TempDir(), getpid(), ++counter, name);
    std::string rm = "rm -rf '" + dir + "'";
    (void)std::system(rm.c_str());
    return dir;
  }
  return fresh_database(name);
}

// For a fixture's SetUp: skips the test when `backend` is PostgreSQL and no test cluster is
// known, or fails it under CI (CI=true), where the cluster must be there.
#define PW_REQUIRE_BACKEND(backend)                                                  \
  do {                                                                               \
    if ((backend) == ::pitwall::testing::Backend::kPostgres &&                       \
        ::pitwall::testing::postgres_admin_url().empty()) {                          \
      if (std::getenv("CI") != nullptr) {                                            \
        FAIL() << "no PostgreSQL test cluster (ctest starts one: fixture postgres)"; \
      }                                                                              \
      GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";              \
    }                                                                                \
  } while (false)

}  // namespace pitwall::testing
