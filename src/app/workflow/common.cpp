#include "app/workflow/common.hpp"

#include <fmt/format.h>

#include "app/closeout/inputs.hpp"

namespace pitwall::app::workflow {

core::Result<uint32_t> store_in_scope(const Session& s, const core::StoreDirectory& stores,
                                      std::string_view code, std::string_view field) {
  uint32_t index = stores.find_store(code);
  bool known = index != UINT32_MAX && index != stores.unattributed_store();
  if (!known || !scope_of(s).covers_store(code, stores.regions[stores.region_of[index]])) {
    auto e = core::not_found(s.tr("workflow.unknown_store", code));
    e.at_column(std::string(field));
    return e;
  }
  return index;
}

core::Result<uint32_t> region_in_scope(const Session& s, const core::StoreDirectory& stores,
                                       std::string_view name, std::string_view field) {
  uint32_t index = stores.find_region(name);
  Scope scope = scope_of(s);
  if (index == UINT32_MAX || index == stores.unattributed_region() || !scope.covers_region(name)) {
    std::vector<std::string> known;
    for (uint32_t r = 0; r + 1 < stores.region_count(); ++r) {
      if (scope.covers_region(stores.regions[r])) known.push_back(stores.regions[r]);
    }
    auto e = core::not_found(
        s.tr("workflow.unknown_region", name, fmt::format("{}", fmt::join(known, ", "))));
    e.at_column(std::string(field));
    return e;
  }
  return index;
}

SignoffView signoff_view(wf::SignoffKind kind, std::string scope, const wf::Signoff* signoff,
                         std::string digest) {
  SignoffView v;
  v.kind = kind;
  v.scope = std::move(scope);
  if (signoff) v.signoff = *signoff;
  v.status = wf::signoff_status(signoff, digest);
  v.current_digest = std::move(digest);
  return v;
}

std::vector<SignoffView> store_signoffs(const core::StoreDirectory& stores,
                                        const closeout::SignoffDigests& digests,
                                        const std::vector<wf::Signoff>& all) {
  std::vector<SignoffView> out;
  for (uint32_t i = 0; i < digests.stores.size(); ++i) {
    const std::string& code = stores.codes[i];
    out.push_back(signoff_view(wf::SignoffKind::kStore, code,
                               find_signoff(all, wf::SignoffKind::kStore, code),
                               digests.stores[i]));
  }
  return out;
}

std::vector<SignoffView> network_signoffs(const core::StoreDirectory& stores,
                                          const closeout::SignoffDigests& digests,
                                          const std::vector<wf::Signoff>& all) {
  std::vector<SignoffView> out;
  for (uint32_t r = 0; r < digests.regions.size(); ++r) {
    if (digests.regions[r].empty()) continue;
    const std::string& name = stores.regions[r];
    out.push_back(signoff_view(wf::SignoffKind::kRegion, name,
                               find_signoff(all, wf::SignoffKind::kRegion, name),
                               digests.regions[r]));
  }
  out.push_back(signoff_view(wf::SignoffKind::kFinance, "",
                             find_signoff(all, wf::SignoffKind::kFinance, ""), digests.finance));
  return out;
}

core::Totals settlement_totals(const io::StoredRun& run, wf::SignoffKind kind, uint32_t index) {
  core::Totals t;
  int e = run.settlement_cleaned();
  if (e < 0) return t;
  const io::Json& doc = run.result().find("evaluations")->items()[static_cast<size_t>(e)];
  const io::Json* row = doc.find("total");
  if (kind == wf::SignoffKind::kStore) row = &doc.find("stores")->items()[index];
  if (kind == wf::SignoffKind::kRegion) row = &doc.find("regions")->items()[index];
  t.orders = row->get_int("orders");
  t.amount_fen = row->get_int("amount_fen");
  t.received_fen = row->get_int("received_fen");
  return t;
}

core::Error conflict(std::string message) {
  return core::make_error(core::ErrorCode::kConflict, std::move(message));
}

core::Status check_still_current(const Session& s, const closeout::OpenedRun& open,
                                 core::CampaignWrite write) {
  const std::string& campaign = open.record.campaign;
  closeout::InputsInForce in = TRY(closeout::inputs_in_force(s, campaign));
  TRY(core::check_campaign_write(in.info.campaign, in.info.lifecycle.facts(), write, s.now,
                                 *in.info.zone));
  auto latest = TRY(closeout::latest_run_record(s.workspace(), campaign));
  if (!latest || latest->run != open.record.run || latest->inputs_sha256 != in.fingerprint()) {
    return conflict(s.tr("closeout.run_not_current", campaign, open.record.run));
  }
  return {};
}

}  // namespace pitwall::app::workflow
