// Campaign status, freeze, seal, verify and carry-overs (closeout.md lifecycle, §9, §9b).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "app/campaign.hpp"
#include "app/i18n/worded.hpp"
#include "app/workflow/common.hpp"
#include "app/workflow/evidence.hpp"
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
    bool covered = false;
    for (const auto& x : seal.sections) {
      if (x.name == s.name) {
        sealed = x.sha256;
        covered = true;
      }
    }
    // A section the seal did not have (sealed by an earlier version) is shown, not a problem.
    if (covered && sealed != s.sha256) problems.push_back("snapshot:" + s.name);
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

// Carry-overs are recorded twice: the record `campaign status` sums, and its entry in the
// hash-chained carry-over log. A record that differs from its entry (an amount changed with SQL),
// or either without the other, is named.
core::Status check_carry_overs(const Session& s, const std::string& campaign,
                               const std::vector<wf::ChainLink>& links,
                               std::vector<std::string>& problems) {
  std::map<int64_t, io::Json> logged;
  for (const auto& link : links) {
    auto entry = io::Json::parse(link.entry);
    if (entry) logged.emplace(entry->get_int("seq"), std::move(*entry));
  }
  for (const CarryOver& c : TRY(load_carry_overs(s.workspace(), campaign))) {
    auto it = logged.find(c.seq);
    if (it == logged.end()) {
      problems.push_back(fmt::format("carryover:{}:not_in_log", c.seq));
      continue;
    }
    const io::Json& e = it->second;
    if (e.get_string("order_id") != c.order_id || e.get_int("amount_fen") != c.amount_fen ||
        e.get_string("reason") != c.reason || e.get_string("who") != c.who) {
      problems.push_back(fmt::format("carryover:{}:record_differs_from_log", c.seq));
    }
    logged.erase(it);
  }
  for (const auto& [seq, entry] : logged) {
    problems.push_back(fmt::format("carryover:{}:record_missing", seq));
  }
  return {};
}

// The freeze's pins as its log entry writes them.
io::Json pins_json(const std::vector<wf::PinnedBatches>& pins) {
  io::Json out = io::Json::array();
  for (const auto& pin : pins) {
    io::Json ids = io::Json::array();
    for (int64_t id : pin.batch_ids) ids.push(id);
    out.push(io::Json::object().set("kind", pin.kind).set("batches", std::move(ids)));
  }
  return out;
}

// The lifecycle record against its entries of the chain (the record is what every reading
// trusts, the chain is what cannot be edited unseen): the freeze's definition, pins and person,
// the seal's snapshot digest, run and result digest.
core::Status check_lifecycle_record(const Session& s, const std::string& campaign,
                                    const Lifecycle& lifecycle,
                                    std::vector<std::string>& problems) {
  for (const auto& link : TRY(read_chain(s.workspace(), adjustments_log(campaign)))) {
    auto entry = io::Json::parse(link.entry);
    if (!entry) continue;  // the chain check names an entry that is not JSON
    std::string type = entry->get_string("type");
    if (type == "freeze" && lifecycle.freeze) {
      const FreezeRecord& f = *lifecycle.freeze;
      const io::Json* pins = entry->find("pins");
      if (entry->get_string("definition") != f.definition || entry->get_string("who") != f.by ||
          entry->get_int("at") != f.at || !pins || pins->dump() != pins_json(f.pins).dump()) {
        problems.push_back("lifecycle:freeze_record_differs_from_log");
      }
    }
    if (type == "seal" && lifecycle.seal) {
      const SealRecord& seal = *lifecycle.seal;
      if (entry->get_string("snapshot_sha256") != seal.snapshot_sha256 ||
          entry->get_int("run") != seal.run ||
          entry->get_string("result_digest") != seal.result_digest) {
        problems.push_back("lifecycle:seal_record_differs_from_log");
      }
    }
  }
  return {};
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
    out.numbers_error = error_text(s.lang, open.error());
    return out;
  }
  out.run = open->status;
  if (auto numbers = numbers_status(s, *open, out); !numbers) {
    out.numbers_error = error_text(s.lang, numbers.error());
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
    entry.set("definition", in.settlement).set("deemed_stores", std::move(codes));
    entry.set("pins", pins_json(in.pins)).set("run", open.record.run);
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
  auto evidence = TRY(seal_evidence(s, again->in, FileDigests::kWith));
  wf::Snapshot snap = again->snapshot(evidence);
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
    // The records the snapshot covers are those sealed: none changed since it was made.
    auto now = TRY(seal_evidence(s, again->in, FileDigests::kWithout));
    for (size_t i = 0; i < now.size(); ++i) {
      if (now[i].name != "batches" && now[i].text != evidence[i].text) {
        return conflict(s.tr("workflow.changed_while_sealing", now[i].name));
      }
    }
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
  auto carry_links = TRY(read_chain(s.workspace(), carryover_log(campaign)));
  wf::ChainCheck carry = wf::check_chain(carry_links);
  if (!carry.ok) {
    problems.push_back(fmt::format("carryover_log:{}:{}", carry.bad_seq, carry.problem));
  }
  TRY(check_carry_overs(s, campaign, carry_links, problems));
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
  TRY(check_lifecycle_record(s, campaign, info.lifecycle, problems));
  // A campaign whose stored inputs no longer recompute (a pinned definition or batch edited
  // away) is a finding of the check, not a failure of it; the operating system refusing is.
  auto again = recompute(s, campaign);
  if (!again) {
    core::ErrorCode code = again.error().code;
    if (code == core::ErrorCode::kIo || code == core::ErrorCode::kUnavailable) return again.error();
    problems.push_back("snapshot:cannot_recompute");
    out.set("snapshot", io::Json::object().set("error", again.error().message));
    set_verdict(out, problems);
    return out;
  }
  auto evidence = TRY(seal_evidence(s, (*again)->in, FileDigests::kWith));
  auto blob = TRY(s.workspace().get_blob(snapshot_blob(campaign)));
  out.set("snapshot", snapshot_report(seal, (*again)->snapshot(evidence), blob, problems));
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
  auto found = TRY(closeout::find_order(s, open, r.order_id, "ORDER"));
  // A carry-over corrects an order: never nothing, and never more than the order was worth (a
  // refund of 99,999 yuan on a 6,120-yuan order is a typo). Its worth is what was paid (an order
  // the close-out excluded counts 0, yet a late refund of it is real).
  int64_t paid = found.batch.i64(core::orders::kPaidAmount, found.batch_row);
  int64_t counted = found.index.amount_fen;
  if (paid == core::kNoFen) paid = 0;
  int64_t worth = std::max(paid < 0 ? -paid : paid, counted < 0 ? -counted : counted);
  int64_t asked = *fen < 0 ? -*fen : *fen;
  if (*fen == 0 || asked > worth) {
    auto e = core::invalid_input(s.tr("workflow.carry_over_amount", r.amount, r.order_id,
                                      core::Money::from_fen(worth).to_yuan_string()));
    e.at_column("--amount");
    return e;
  }
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
