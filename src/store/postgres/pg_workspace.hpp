#pragma once
// The PostgreSQL implementation of Workspace (store/workspace.hpp), for a shared deployment:
// every server points at one database, which holds everything that matters (docs/postgres.md):
// campaigns, definitions, users, workflow records and hash-chained logs (text, the exact bytes
// hashed), import batches with their original files, error reports and column files, and blobs
// (stored runs), the bulk bytes as compressed 1 MiB chunks. A server keeps nothing else: the
// column files of the batches it has read are cached in a local folder, under a random key the
// database gives each batch, to be mapped as the SQLite backend maps its own; the cache may be
// deleted at any time (the next read fetches the batch again), and two servers on two cache
// folders give the same answers.
//
// Writers: the outermost transaction() takes the database-wide advisory write lock
// (pg_advisory_xact_lock) first, then runs in READ COMMITTED, so that its reads see everything
// committed before it and nothing changes under it: what BEGIN IMMEDIATE gives the SQLite
// backend. Nested transactions are savepoints. A single write outside transaction() is a
// transaction of its own. A batch is written in a transaction on a connection of its own, which
// uploads the original while the rows are parsed and takes the lock only at the commit, to check
// the precondition and record the row; a blob likewise uploads before it takes the lock.

#include <memory>
#include <string>

#include "store/workspace.hpp"

namespace pitwall::store::postgres {

// Whether `location` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_url(std::string_view location);

// Creates the schema in the database at `url` (which must exist). Errors: kAlreadyExists when it
// holds a workspace, kUnavailable when it cannot be reached.
core::Status init_postgres_workspace(const std::string& url, int64_t now);

// Opens the workspace in the database at `url`, applying pending migrations, with its local
// cache under `cache_dir` ("": PITWALL_CACHE, else $XDG_CACHE_HOME/pitwall, else
// ~/.cache/pitwall). Errors: kNotFound with a hint to run `pitwall init URL`, kUnavailable,
// kConflict (a newer schema).
core::Result<std::unique_ptr<Workspace>> open_postgres_workspace(const std::string& url,
                                                                 const std::string& cache_dir);

// The cache folder open_postgres_workspace uses for `cache_dir`.
std::string cache_folder(const std::string& cache_dir);

}  // namespace pitwall::store::postgres
