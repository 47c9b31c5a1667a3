#pragma once
// The SQLite implementation of Workspace (store/workspace.hpp). Layout of a workspace folder:
//   pitwall.db            the database (schema: migrations.cpp)
//   files/                every imported file, byte for byte: <batch id>-<file name>
//   batches/<id>/         the parsed rows of a batch as column files (files/batch_files.hpp)
//   reports/<id>-errors.txt  the row errors of a batch
//   blobs/                larger derived results
//   tmp/                  work in progress; emptied on open
// A batch becomes visible only when its database row commits; open() removes batch folders and
// files that no committed row references (what a killed import left behind).

#include <memory>
#include <string>

#include "store/workspace.hpp"

namespace pitwall::store::sqlite {

core::Status init_sqlite_workspace(const std::string& dir, int64_t now);
core::Result<std::unique_ptr<Workspace>> open_sqlite_workspace(const std::string& dir);

}  // namespace pitwall::store::sqlite
