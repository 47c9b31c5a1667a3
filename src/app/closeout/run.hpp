#pragma once
// `closeout run` as a use case (closeout.md "Pipeline"; server.md §5): computes the close-out of
// a campaign from the inputs in force and stores it as a numbered run with the fingerprint of
// those inputs, the per-order parts and the workflow's parts (run_view.hpp).
//
// Needs kCloseoutRun (HQ or finance). A sealed campaign is refused before anything is read or
// written. Nothing of a run is visible until its record commits; a failed or interrupted run
// leaves no record, and its blobs are removed. The run number is allocated inside the
// transaction that records it: two runs at once get two numbers.

#include <cstdint>
#include <functional>
#include <string>

#include "app/closeout/stored_run.hpp"
#include "app/session.hpp"

namespace pitwall::app::closeout {

struct RunRequest {
  std::string campaign;
  // The command line runs one command per process and may set the allocator for it
  // (memory.hpp); a server must not, and runs the close-out in a worker (run_in_worker).
  enum class Memory : uint8_t { kShared, kOwnProcess };
  Memory memory = Memory::kShared;
  // Called as each stage starts ("load inputs", pipeline stages, "write parts", "commit").
  std::function<void(const char* stage)> on_stage;
};

// Errors: kForbidden, kNotFound (campaign, definition), kStateForbids (sealed), the pipeline's
// kInvalidInput, kIo; kUnavailable when the workspace stayed busy.
core::Result<RunRecord> run_closeout(const Session& s, const RunRequest& request);

// Runs `closeout run` in a worker process (the program at `binary`, as `pitwall`), so that its
// memory policy and its gigabytes stay out of the calling process; returns the run's record
// as the worker stored it. The session's user, language and clock are passed on. Errors: the
// worker's error (its kind and message), kInternal when it could not be started.
core::Result<RunRecord> run_in_worker(const Session& s, const std::string& campaign,
                                      const std::string& binary);

// The same, watched: the worker reports each stage as it starts (on_stage, from this thread), and
// `cancelled` is asked every 100 ms — true stops the worker (SIGTERM), whose run then leaves no
// record (kUnavailable, "closeout.run_cancelled").
struct WorkerWatch {
  std::function<void(const std::string& stage)> on_stage;
  std::function<bool()> cancelled;
};
core::Result<RunRecord> run_in_worker(const Session& s, const std::string& campaign,
                                      const std::string& binary, const WorkerWatch& watch);

}  // namespace pitwall::app::closeout
