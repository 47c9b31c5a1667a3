#pragma once
// Helpers shared by the workflow operations (workflow_*_ops.cpp); not an interface of its own.

#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "cli/workflow_run.hpp"
#include "cli/workflow_state.hpp"
#include "core/workflow/authorization.hpp"

namespace pitwall::cli {

struct Person {
  store::User user;
  core::Actor actor;
};
// The registered person named by --as.
core::Result<Person> person_of(const Context& ctx, store::Workspace& ws, std::string_view as);

// "2023-04-08T10:00:00+08:00" in the campaign's zone.
std::string local_time(const CampaignInfo& info, int64_t utc_seconds);

// The store index of a code (not the unattributed store); kNotFound otherwise.
core::Result<uint32_t> store_index(const Context& ctx, const core::closeout::RunResult& run,
                                   std::string_view code);
core::Result<uint32_t> region_index(const Context& ctx, const core::closeout::RunResult& run,
                                    std::string_view name);

// Status of every store's confirmation (index = store index; the unattributed store: pending).
struct StoreSignoffs {
  std::vector<std::string> digests;
  std::vector<const core::workflow::Signoff*> signoffs;
  std::vector<core::workflow::SignoffStatus> status;
};
StoreSignoffs store_signoffs(const core::closeout::RunResult& run,
                             const std::vector<core::workflow::Signoff>& all);

// {kind, scope, status, who, role, at, definition, digest, current_digest, deemed}.
io::Json signoff_json(const CampaignInfo& info, core::workflow::SignoffKind kind,
                      std::string_view scope, const core::workflow::Signoff* signoff,
                      std::string_view current_digest);

// Region and finance sign-offs with their status against `run`.
struct SignoffLine {
  core::workflow::SignoffKind kind;
  std::string scope;
  const core::workflow::Signoff* signoff = nullptr;
  std::string digest;
  core::workflow::SignoffStatus status = core::workflow::SignoffStatus::kPending;
};
std::vector<SignoffLine> network_signoffs(const core::closeout::RunResult& run,
                                          const std::vector<core::workflow::Signoff>& all);

core::Error conflict(std::string message);

}  // namespace pitwall::cli
