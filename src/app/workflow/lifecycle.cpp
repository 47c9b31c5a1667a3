// Campaign status, freeze, seal, verify and carry-overs (closeout.md lifecycle, §9, §9b).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "app/campaign.hpp"
#include "app/workflow/common.hpp"
#include "app/workflow/recompute.hpp"
#include "core/base/sha256.hpp"
#include "io/text/fields.hpp"

namespace pitwall::app::workflow {

namespace {

using core::CampaignWrite;

std::string snapshot_blob(std::string_view campaign) {
  return fmt::format("seals/{}/snapshot.txt", campaign);
}

// Region and finance sign-offs that are not current, as "kind scope (status)".
std::vector<std::string> missing_signoffs(const std::vector<SignoffView>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    if (line.status == wf::SignoffStatus::kCurrent) continue;
    out.push_back(fmt::format("{}{}{} ({})", wf::signoff_kind_token(line.kind),
                              line.scope.empty() ? "" : " ", line.scope,
                              wf::signoff_status_token(line.status)));
  }
  return out;
}

io::Json chain_json(const wf::ChainCheck& c) {
  return io::Json::object()
      .set("ok", c.ok)
      .set("length", c.length)
      .set("head", c.head)
      .set("bad_seq", c.bad_seq)
      .set("problem", c.problem);
}

// Compares the sealed snapshot with the one computed now, section by section; with the stored
// copy of the sealed snapshot, lists the first differing lines.
io::Json snapshot_report(const SealRecord& seal, const wf::Snapshot& now,
                         const std::optional<std::string>& stored,
                         std::vector<std::string>& problems) {
  io::Json snap = io::Json::object();
  snap.set("sealed_sha256", seal.snapshot_sha256).set("current_sha256", now.sha256);
  snap.set("ok", now.sha256 == seal.snapshot_sha256);
  io::Json sections = io::Json::array();
  for (const auto& s : now.sections) {
    std::string sealed;
    for (const auto& x : seal.sections) {
      if (x.name == s.name) sealed = x.sha256;
    }
    if (sealed != s.sha256) problems.push_back("snapshot:" + s.name);
    sections.push(io::Json::object()
                      .set("name", s.name)
                      .set("sealed", sealed)
                      .set("current", s.sha256)
                      .set("ok", sealed == s.sha256));
  }
  snap.set("sections", std::move(sections));
  io::Json differences = io::Json::array();
  if (!stored || core::sha256_hex(*stored) != seal.snapshot_sha256) {
    problems.push_back("snapshot:stored_copy");
  } else {
    for (auto& d : wf::snapshot_differences(*stored, now.text, 20)) differences.push(std::move(d));
  }
  snap.set("differences", std::move(differences));
  return snap;
}

void set_verdict(io::Json& out, const std::vector<std::string>& problems) {
  io::Json list = io::Json::array();
  for (const auto& pr : problems) list.push(pr);
  out.set("ok", problems.empty()).set("problems", std::move(list));
}

// The numbers part of the status, from the run a reading shows, within the reader's scope.
core::Status numbers_status(const Session& s, const closeout::OpenedRun& open, StatusResult& out) {
  const core::StoreDirectory& stores = open.stored.stores;
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  auto all = TRY(load_signoffs(s.workspace(), out.info.campaign.id));
  bool window_over = s.now > core::review_window_end(out.info.campaign);
  Scope scope = scope_of(s);
  out.definition = digests.definition;
  for (const SignoffView& v : store_signoffs(stores, digests, all)) {
    uint32_t i = stores.find_store(v.scope);
    if (!scope.covers_store(v.scope, stores.regions[stores.region_of[i]])) continue;
    out.stores.push_back({v.scope, v.status, wf::store_is_settled(v.status, window_over), v.signoff,
                          v.current_digest});
  }
  for (SignoffView& v : network_signoffs(stores, digests, all)) {
    bool visible =
        v.kind == wf::SignoffKind::kRegion ? scope.covers_region(v.scope) : scope.is_network();
    if (visible) out.signoffs.push_back(std::move(v));
  }
  QueueResult queue = TRY(arbitration_queue(s, out.info.campaign.id, false));
  out.queue_items = static_cast<int64_t>(queue.entries.size());
  out.queue_open = std::count_if(queue.entries.begin(), queue.entries.end(),
                                 [](const QueueEntry& e) { return !e.decision; });
  return {};
}

}  // namespace

core::Result<StatusResult> campaign_status(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kStatusRead));
  StatusResult out;
  out.info = TRY(load_campaign_info(s, campaign));
  out.now = s.now;
  out.carry_overs = TRY(load_carry_overs(s.workspace(), campaign));
  auto open = closeout::open_run(s, campaign, 0);
  if (!open) {
    out.numbers_error = open.error().to_string();
    return out;
  }
  out.run = open->status;
  if (auto numbers = numbers_status(s, *open, out); !numbers) {
    out.numbers_error = numbers.error().to_string();
  }
  return out;
}

core::Result<FreezeResult> freeze_campaign(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kFreeze));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kFreeze,
                                 s.now, *info.zone));
  closeout::OpenedRun open = TRY(closeout::current_run(s, campaign));
  closeout::InputsInForce in = TRY(closeout::inputs_in_force(s, campaign));
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  FreezeResult out;
  out.freeze =
      FreezeRecord{s.now, s.principal.name, in.pins, in.settlement, in.extra_blacklist_keys};
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_still_current(s, open, CampaignWrite::kFreeze));
    auto all = TRY(load_signoffs(s.workspace(), campaign));
    io::Json codes = io::Json::array();
    for (const SignoffView& v : store_signoffs(open.stored.stores, digests, all)) {
      if (v.status != wf::SignoffStatus::kPending) continue;
      TRY(put_signoff(s.workspace(), campaign,
                      {wf::SignoffKind::kStore, v.scope, "", "", "", s.now, digests.definition,
                       v.current_digest, true}));
      codes.push(v.scope);
      out.deemed_stores.push_back(v.scope);
    }
    Lifecycle lifecycle = TRY(load_lifecycle(s.workspace(), campaign));
    lifecycle.freeze = out.freeze;
    TRY(save_lifecycle(s.workspace(), campaign, lifecycle, s.now));
    io::Json entry = log_entry("freeze", campaign, s.now, s.principal);
    io::Json pins = io::Json::array();
    for (const auto& pin : in.pins) {
      io::Json ids = io::Json::array();
      for (int64_t id : pin.batch_ids) ids.push(id);
      pins.push(io::Json::object().set("kind", pin.kind).set("batches", std::move(ids)));
    }
    entry.set("definition", in.settlement).set("deemed_stores", std::move(codes));
    entry.set("pins", std::move(pins)).set("run", open.record.run);
    TRY(append_chained(s.workspace(), adjustments_log(campaign), entry));
    return {};
  }));
  out.info = TRY(load_campaign_info(s, campaign));
  out.run = open.status;
  return out;
}

core::Result<SealResult> seal_campaign(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kSeal));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSeal, s.now,
                                 *info.zone));
  closeout::OpenedRun open = TRY(closeout::current_run(s, campaign));
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  auto all = TRY(load_signoffs(s.workspace(), campaign));
  std::vector<std::string> missing =
      missing_signoffs(network_signoffs(open.stored.stores, digests, all));
  if (!missing.empty()) {
    return conflict(s.tr("workflow.seal_missing_signoffs", missing.size(),
                         fmt::format("{}", fmt::join(missing, ", "))));
  }
  // The snapshot is computed from the raw data again: it must give the numbers the run stored.
  auto again = TRY(recompute(s, campaign));
  if (wf::numbers_digest(again->result, wf::SignoffKind::kFinance, 0) != digests.finance) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            s.tr("workflow.run_differs", campaign, open.record.run));
  }
  wf::Snapshot snap = again->snapshot();
  TRY(s.workspace().put_blob(snapshot_blob(campaign), snap.text));
  SealResult out;
  out.seal = SealRecord{s.now,
                        s.principal.name,
                        open.record.run,
                        open.record.result_digest,
                        snap.sha256,
                        snap.sections,
                        "",
                        0};
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_still_current(s, open, CampaignWrite::kSeal));
    io::Json entry = log_entry("seal", campaign, s.now, s.principal);
    entry.set("snapshot_sha256", snap.sha256).set("definition", again->tag());
    entry.set("run", open.record.run).set("result_digest", open.record.result_digest);
    io::Json sections = io::Json::array();
    for (const auto& x : snap.sections) {
      sections.push(io::Json::object().set("name", x.name).set("sha256", x.sha256));
    }
    entry.set("sections", std::move(sections));
    TRY(append_chained(s.workspace(), adjustments_log(campaign), entry));
    wf::ChainCheck chain =
        wf::check_chain(TRY(read_chain(s.workspace(), adjustments_log(campaign))));
    if (!chain.ok) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              s.tr("workflow.chain_broken", chain.bad_seq, chain.problem));
    }
    out.seal.chain_head = chain.head;
    out.seal.chain_length = chain.length;
    Lifecycle lifecycle = TRY(load_lifecycle(s.workspace(), campaign));
    lifecycle.seal = out.seal;
    TRY(save_lifecycle(s.workspace(), campaign, lifecycle, s.now));
    return s.workspace().seal_in_database(campaign);
  }));
  out.info = TRY(load_campaign_info(s, campaign));
  out.definition = again->tag();
  out.snapshot_bytes = static_cast<int64_t>(snap.text.size());
  return out;
}

core::Result<io::Json> verify_campaign(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kVerify));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("state", core::campaign_state_token(info.state));
  std::vector<std::string> problems;
  wf::ChainCheck chain = wf::check_chain(TRY(read_chain(s.workspace(), adjustments_log(campaign))));
  if (!chain.ok) {
    problems.push_back(fmt::format("adjustment_log:{}:{}", chain.bad_seq, chain.problem));
  }
  wf::ChainCheck carry = wf::check_chain(TRY(read_chain(s.workspace(), carryover_log(campaign))));
  if (!carry.ok) {
    problems.push_back(fmt::format("carryover_log:{}:{}", carry.bad_seq, carry.problem));
  }
  io::Json chain_doc = chain_json(chain);
  out.set("carryover_log", chain_json(carry));
  if (!info.lifecycle.seal) {
    out.set("adjustment_log", std::move(chain_doc)).set("snapshot", io::Json());
    set_verdict(out, problems);
    return out;
  }
  const SealRecord seal = *info.lifecycle.seal;
  bool head_ok = chain.ok && chain.head == seal.chain_head && chain.length == seal.chain_length;
  if (chain.ok && !head_ok) problems.push_back("adjustment_log:head_differs_from_seal");
  chain_doc.set("sealed_head", seal.chain_head).set("sealed_length", seal.chain_length);
  out.set("adjustment_log", std::move(chain_doc));
  auto again = TRY(recompute(s, campaign));
  auto blob = TRY(s.workspace().get_blob(snapshot_blob(campaign)));
  out.set("snapshot", snapshot_report(seal, again->snapshot(), blob, problems));
  set_verdict(out, problems);
  return out;
}

core::Result<CarryOverResult> carry_over(const Session& s, const CarryOverRequest& r) {
  TRY(authorize(s, Permission::kCarryOver));
  CampaignInfo info = TRY(load_campaign_info(s, r.campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kCarryOver,
                                 s.now, *info.zone));
  auto fen = io::parse_amount_fen(r.amount);
  if (!fen) {
    auto e = fen.error();
    e.at_column("--amount");
    return e;
  }
  if (r.reason.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, s.tr("workflow.reason_required"));
    e.at_column("--reason");
    return e;
  }
  closeout::OpenedRun open = TRY(closeout::open_run(s, r.campaign, 0));
  TRY(closeout::find_order(s, open, r.order_id, "ORDER"));
  CarryOverResult out;
  out.carry_over =
      CarryOver{0,        r.order_id,       *fen,
                r.reason, s.principal.name, std::string(core::role_token(s.principal.role)),
                s.now};
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_lifecycle(s, r.campaign, CampaignWrite::kCarryOver));
    TRY(insert_carry_over(s.workspace(), r.campaign, out.carry_over));
    const CarryOver& c = out.carry_over;
    io::Json entry = log_entry("carry_over", r.campaign, s.now, s.principal);
    entry.set("seq", c.seq).set("order_id", c.order_id).set("amount_fen", c.amount_fen);
    entry.set("reason", c.reason);
    TRY(append_chained(s.workspace(), carryover_log(r.campaign), entry));
    return {};
  }));
  out.campaign = r.campaign;
  out.zone = info.zone;
  return out;
}

}  // namespace pitwall::app::workflow
