#include "app/workflow/recompute.hpp"

#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "core/workflow/signoff.hpp"
#include "io/toml/campaign_file.hpp"

namespace pitwall::app::workflow {

namespace {

using core::TableKind;

core::Result<core::Table> load(store::Workspace& ws, const closeout::InputsInForce& in,
                               TableKind kind) {
  std::vector<int64_t> ids;
  for (const auto& b : in.batches) {
    if (b.kind == core::table_schema(kind).name) ids.push_back(b.id);
  }
  return ws.load_batches(kind, ids);
}

}  // namespace

core::Result<std::unique_ptr<Recomputed>> recompute(const Session& s, std::string_view campaign) {
  auto run = std::make_unique<Recomputed>();
  store::Workspace& ws = s.workspace();
  run->in = TRY(closeout::inputs_in_force(s, campaign));
  const closeout::InputsInForce& in = run->in;
  run->orders = TRY(load(ws, in, TableKind::kOrders));
  run->corrections = TRY(load(ws, in, TableKind::kCorrections));
  run->exceptions = TRY(load(ws, in, TableKind::kExceptions));
  run->stores = TRY(load(ws, in, TableKind::kStores));
  run->staff = TRY(load(ws, in, TableKind::kStaff));
  run->customers = TRY(load(ws, in, TableKind::kCustomers));
  run->price_list = TRY(load(ws, in, TableKind::kPriceList));
  run->blacklist = TRY(load(ws, in, TableKind::kBlacklist));
  for (const auto& d : in.definitions) {
    if (d.name == in.info.campaign.settlement_definition) {
      run->settlement_definition = TRY(io::parse_definition_file(d.toml, d.file));
    }
  }
  if (run->settlement_definition.name.empty()) {
    return core::not_found(
        s.tr("core.unknown_definition", in.info.campaign.settlement_definition, in.settlement));
  }
  core::closeout::CloseoutInputs c;
  c.campaign = &in.info.campaign;
  c.zone = in.info.zone;
  c.orders = &run->orders;
  c.stores = &run->stores;
  c.staff = &run->staff;
  c.customers = &run->customers;
  c.price_list = &run->price_list;
  c.blacklist = &run->blacklist;
  c.corrections = &run->corrections;
  c.exceptions = &run->exceptions;
  c.extra_blacklist = in.extra_blacklist;
  c.decisions = in.decisions;
  c.definitions = {run->settlement_definition};
  run->result = TRY(core::closeout::run_closeout(c));
  return run;
}

std::string Recomputed::tag() const { return core::workflow::settlement_evaluation(result).tag(); }

core::workflow::Snapshot Recomputed::snapshot(
    std::span<const core::workflow::EvidenceSection> evidence) const {
  core::workflow::SnapshotInputs s;
  s.run = &result;
  s.campaign_id = in.info.campaign.id;
  s.campaign_file_sha256 = core::sha256_hex(in.info.record.toml);
  s.pins = in.pins;
  s.decisions = in.decisions;
  s.extra_blacklist = in.extra_blacklist;
  s.evidence = evidence;
  return core::workflow::seal_snapshot(s);
}

}  // namespace pitwall::app::workflow
