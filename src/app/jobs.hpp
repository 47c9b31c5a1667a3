#pragma once
// Job records: the server's long work (imports, close-out runs, exports; server.md §4) kept as
// JSON documents in the workspace (collection "server.jobs", keys "J000001", ...), so that a
// job's outcome outlives the process that ran it and every server of a shared database can
// answer for it. The server builds the documents (their shape is the API's); this module stores
// them, allocates their ids, says who may see them, and settles what a stopped process left
// unfinished. Job records are housekeeping: they do not move Workspace::change_count.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::jobs {

inline constexpr std::string_view kCollection = "server.jobs";

// Stores a new job under the next free id ("J" and six digits), `record(id)` being its document,
// in one transaction: two servers adding at once get two ids. Returns the id.
core::Result<std::string> add(store::Workspace& ws,
                              const std::function<io::Json(const std::string& id)>& record,
                              int64_t now);
// Stores `record` as job `id`'s document.
core::Status save(store::Workspace& ws, const std::string& id, const io::Json& record, int64_t now);

// Whether `s` may see a job of `owner`: its owner, and HQ. For anyone else it does not exist.
bool may_see(const Session& s, std::string_view owner);
// "Job `id` not found" (field "id"): what anyone but its owner and HQ is told of a job.
core::Error unknown(const Session& s, const std::string& id);
// Job `id`'s document. Errors: kNotFound naming the job (field "id") when there is none or `s`
// may not see it.
core::Result<io::Json> find(const Session& s, const std::string& id);
// The ids of the jobs `s` may see, newest first.
core::Result<std::vector<std::string>> list(const Session& s);

// The file a job made (the workbook), kept in the workspace under job `id` so that every server
// of a shared database can hand it out (server.md §6: a server's local files are a cache).
// keep_file stores the file at `path` as `name`, in pieces; copy_file writes it back to `path`
// (through a temporary file, replaced whole). Errors: kNotFound when the job kept no such file,
// kIo.
core::Status keep_file(store::Workspace& ws, const std::string& id, const std::string& name,
                       const std::string& path);
core::Status copy_file(store::Workspace& ws, const std::string& id, const std::string& name,
                       const std::string& path);

// Settles, in one transaction, the jobs a stopped process left queued or running: an import
// whose batch was committed before it stopped (the batch's file is named "...-<id>.<ext>" and it
// was imported by the job's owner) happened — its document becomes `imported(doc, batch)` —;
// every other job did not — its document becomes `interrupted(doc)`. Returns how many it settled.
core::Result<int64_t> settle_unfinished(
    store::Workspace& ws,
    const std::function<core::Result<io::Json>(const io::Json& doc, const store::BatchInfo&)>&
        imported,
    const std::function<io::Json(const io::Json& doc)>& interrupted, int64_t now);

}  // namespace pitwall::app::jobs
