#pragma once
// The workspace a face opens, and the records it names in requests (users): the store's types
// as the faces see them, so that no face includes store/ (style.md, "Two faces, one app layer";
// .ci/run checks). A face opens one handle per thread and builds its sessions on it.

#include <memory>
#include <string>

#include "core/base/result.hpp"
#include "store/workspace.hpp"

namespace pitwall::app {

using store::BatchInfo;
using store::User;
using store::Workspace;

// Opens the workspace in `dir` (store::open_workspace: migrations, leftovers removed).
// Errors: kNotFound with a hint to run `pitwall init`, kIo, kConflict (a newer schema).
inline core::Result<std::unique_ptr<Workspace>> open_workspace(const std::string& dir) {
  return store::open_workspace(dir);
}

}  // namespace pitwall::app
