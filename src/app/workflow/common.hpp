#pragma once
// Helpers shared by the workflow's use cases (confirm.cpp, arbitration.cpp, lifecycle.cpp);
// not an interface of its own.

#include <string>
#include <string_view>
#include <vector>

#include "app/closeout/stored_run.hpp"
#include "app/permission.hpp"
#include "app/workflow/workflow.hpp"

namespace pitwall::app::workflow {

// The store index of `code` in the run when it is within the session's scope; kNotFound with
// the same words for a code that exists nowhere and one outside the scope (field `field`).
core::Result<uint32_t> store_in_scope(const Session& s, const core::StoreDirectory& stores,
                                      std::string_view code, std::string_view field);
// The region index of `name` when the session's scope covers it; kNotFound otherwise, naming
// the regions the person may name.
core::Result<uint32_t> region_in_scope(const Session& s, const core::StoreDirectory& stores,
                                       std::string_view name, std::string_view field);

// Sign-off status of every store of the run (by store index, the unattributed store excluded).
std::vector<SignoffView> store_signoffs(const core::StoreDirectory& stores,
                                        const closeout::SignoffDigests& digests,
                                        const std::vector<wf::Signoff>& all);
// Region and finance sign-offs with their status.
std::vector<SignoffView> network_signoffs(const core::StoreDirectory& stores,
                                          const closeout::SignoffDigests& digests,
                                          const std::vector<wf::Signoff>& all);
SignoffView signoff_view(wf::SignoffKind kind, std::string scope, const wf::Signoff* signoff,
                         std::string digest);

// Totals of one store / region / the network under the cleaned settlement evaluation, from the
// run's document.
core::Totals settlement_totals(const io::StoredRun& run, wf::SignoffKind kind, uint32_t index);

core::Error conflict(std::string message);

// The write part every workflow write shares: inside a transaction, the lifecycle at s.now and
// the latest run still the current one `open` (another person's decision or import since would
// make the numbers just signed stale). Errors: kStateForbids, kConflict.
core::Status check_still_current(const Session& s, const closeout::OpenedRun& open,
                                 core::CampaignWrite write);

}  // namespace pitwall::app::workflow
