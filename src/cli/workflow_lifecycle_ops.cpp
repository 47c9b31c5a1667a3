// Campaign status, freeze, seal, verify and carry-overs (closeout.md lifecycle, §9, §9b).
#include <fmt/format.h>

#include <algorithm>

#include "cli/workflow_common.hpp"
#include "cli/workflow_ops.hpp"
#include "core/base/sha256.hpp"
#include "io/text/fields.hpp"

namespace pitwall::cli {

namespace {

namespace wf = core::workflow;
using core::CampaignWrite;

constexpr int64_t kDay = 86400;

std::string snapshot_blob(std::string_view campaign) {
  return fmt::format("seals/{}/snapshot.txt", campaign);
}

io::Json dates_json(const CampaignInfo& in) {
  const core::Campaign& c = in.campaign;
  auto t = [&](int64_t s) { return io::Json(local_time(in, s)); };
  io::Json j = io::Json::object();
  j.set("start", t(c.start)).set("end", t(c.end));
  j.set("store_review_cutoff", t(c.store_review_cutoff)).set("appeal_cutoff", t(c.appeal_cutoff));
  j.set("review_window_end", t(core::review_window_end(c)));
  j.set("frozen_at", in.lifecycle.freeze ? t(in.lifecycle.freeze->at) : io::Json());
  j.set("seal_allowed_from",
        in.lifecycle.freeze ? t(core::seal_allowed_from(c, in.lifecycle.freeze->at)) : io::Json());
  j.set("sealed_at", in.lifecycle.seal ? t(in.lifecycle.seal->at) : io::Json());
  return j;
}

io::Json planning_json(const core::Campaign& c) {
  double days = static_cast<double>(c.end - c.start + 1) / kDay;
  double share = days > 0 ? static_cast<double>(c.review_days + c.freeze_days) / days : 0;
  return io::Json::object()
      .set("campaign_days", io::Json::rounded(days, 2))
      .set("review_days", c.review_days)
      .set("freeze_days", c.freeze_days)
      .set("closeout_share", io::Json::rounded(share, 4))
      .set("enough", core::closeout_time_is_enough(c));
}

io::Json stores_json(const CampaignRun& run, const StoreSignoffs& s, bool window_over) {
  io::Json counts = io::Json::object();
  int64_t n[4] = {0, 0, 0, 0};
  io::Json list = io::Json::array();
  const auto& codes = run.result.stores.codes;
  for (uint32_t i = 0; i + 1 < codes.size(); ++i) {
    ++n[static_cast<int>(s.status[i])];
    const wf::Signoff* so = s.signoffs[i];
    list.push(io::Json::object()
                  .set("store", codes[i])
                  .set("status", wf::signoff_status_token(s.status[i]))
                  .set("settled", wf::store_is_settled(s.status[i], window_over))
                  .set("who", so ? io::Json(so->who) : io::Json())
                  .set("at", so ? io::Json(local_time(run.info, so->when)) : io::Json()));
  }
  counts.set("total", static_cast<int64_t>(codes.size()) - 1);
  for (auto st : {wf::SignoffStatus::kCurrent, wf::SignoffStatus::kStale,
                  wf::SignoffStatus::kDeemed, wf::SignoffStatus::kPending}) {
    counts.set(wf::signoff_status_token(st), n[static_cast<int>(st)]);
  }
  counts.set("list", std::move(list));
  return counts;
}

io::Json carry_overs_json(const CampaignInfo& in, const std::vector<CarryOver>& list) {
  io::Json items = io::Json::array();
  int64_t total = 0;
  for (const auto& c : list) {
    total += c.amount_fen;
    items.push(io::Json::object()
                   .set("seq", c.seq)
                   .set("order_id", c.order_id)
                   .set("amount_fen", c.amount_fen)
                   .set("reason", c.reason)
                   .set("who", c.who)
                   .set("at", local_time(in, c.at)));
  }
  return io::Json::object().set("total_fen", total).set("items", std::move(items));
}

// The numbers part of the status: sign-offs and the arbitration queue.
core::Status numbers_status(const Context& ctx, store::Workspace& ws, const CampaignRun& run,
                            io::Json& out) {
  const std::string& id = run.info.campaign.id;
  auto signoffs = TRY(load_signoffs(ws, id));
  bool window_over = ctx.now() > core::review_window_end(run.info.campaign);
  out.set("definition", run.tag());
  out.set("stores", stores_json(run, store_signoffs(run.result, signoffs), window_over));
  io::Json list = io::Json::array();
  for (const auto& line : network_signoffs(run.result, signoffs)) {
    list.push(signoff_json(run.info, line.kind, line.scope, line.signoff, line.digest));
  }
  out.set("signoffs", std::move(list));
  auto disputes = TRY(load_disputes(ws, id));
  auto queue = wf::build_queue(run.result, *run.lookup, disputes, run.decisions, *run.info.zone);
  int64_t open = std::count_if(queue.begin(), queue.end(),
                               [](const wf::QueueItem& q) { return q.decision < 0; });
  out.set("arbitration", io::Json::object()
                             .set("items", static_cast<int64_t>(queue.size()))
                             .set("open", open)
                             .set("decided", static_cast<int64_t>(queue.size()) - open)
                             .set("arbiter", run.info.campaign.arbiter));
  return {};
}

// Region and finance sign-offs that are not current, as "kind scope (status)".
std::vector<std::string> missing_signoffs(const CampaignRun& run,
                                          const std::vector<wf::Signoff>& all) {
  std::vector<std::string> out;
  for (const auto& line : network_signoffs(run.result, all)) {
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

void set_verdict(io::Json& out, const std::vector<std::string>& problems) {
  io::Json list = io::Json::array();
  for (const auto& pr : problems) list.push(pr);
  out.set("ok", problems.empty()).set("problems", std::move(list));
}

}  // namespace

core::Result<io::Json> campaign_status(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("name", info.campaign.name);
  out.set("state", core::campaign_state_token(info.state)).set("now", local_time(info, ctx.now()));
  out.set("timezone", info.campaign.timezone).set("dates", dates_json(info));
  out.set("planning", planning_json(info.campaign));
  auto carry = TRY(load_carry_overs(ws, campaign));
  out.set("carry_overs", carry_overs_json(info, carry));
  out.set("seal", info.lifecycle.seal
                      ? io::Json::object()
                            .set("by", info.lifecycle.seal->by)
                            .set("snapshot_sha256", info.lifecycle.seal->snapshot_sha256)
                            .set("chain_head", info.lifecycle.seal->chain_head)
                      : io::Json());
  auto run = run_campaign(ctx, ws, info);
  if (!run) {
    out.set("numbers_error", run.error().to_string());
    return out;
  }
  TRY(numbers_status(ctx, ws, **run, out));
  return out;
}

core::Result<io::Json> freeze_campaign(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign, const std::string& as) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kFreeze, {}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kFreeze, now,
                                 *info.zone));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  CampaignInfo& in = run->info;
  auto signoffs = TRY(load_signoffs(ws, campaign));
  StoreSignoffs stores = store_signoffs(run->result, signoffs);
  std::vector<wf::Signoff> deemed;
  for (uint32_t s = 0; s + 1 < stores.status.size(); ++s) {
    if (stores.status[s] != wf::SignoffStatus::kPending) continue;
    deemed.push_back({wf::SignoffKind::kStore, run->result.stores.codes[s], "", "", "", now,
                      run->tag(), stores.digests[s], true});
  }
  FreezeRecord freeze{now, p.user.name, run->pins, run->definition, run->extra_blacklist_keys};
  in.lifecycle.freeze = freeze;
  TRY(ws.transaction([&]() -> core::Status {
    io::Json codes = io::Json::array();
    for (const auto& d : deemed) {
      TRY(put_signoff(ws, campaign, d));
      codes.push(d.scope);
    }
    TRY(save_lifecycle(ws, campaign, in.lifecycle, now));
    io::Json entry = log_entry("freeze", campaign, now, p.actor);
    entry.set("definition", run->definition).set("deemed_stores", codes);
    io::Json pins = io::Json::array();
    for (const auto& pin : run->pins) {
      io::Json ids = io::Json::array();
      for (int64_t id : pin.batch_ids) ids.push(id);
      pins.push(io::Json::object().set("kind", pin.kind).set("batches", std::move(ids)));
    }
    entry.set("pins", pins);
    TRY(append_chained(ws, adjustments_log(campaign), entry));
    return {};
  }));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("state", "frozen").set("by", p.user.name);
  out.set("frozen_at", local_time(in, now));
  out.set("seal_allowed_from", local_time(in, core::seal_allowed_from(in.campaign, now)));
  out.set("definition", run->definition);
  io::Json pins = io::Json::array();
  for (const auto& pin : run->pins) {
    io::Json ids = io::Json::array();
    for (int64_t id : pin.batch_ids) ids.push(id);
    pins.push(io::Json::object().set("kind", pin.kind).set("batches", std::move(ids)));
  }
  out.set("pins", std::move(pins));
  io::Json codes = io::Json::array();
  for (const auto& d : deemed) codes.push(d.scope);
  out.set("deemed_stores", std::move(codes));
  return out;
}

core::Result<io::Json> seal_campaign(const Context& ctx, store::Workspace& ws,
                                     const std::string& campaign, const std::string& as) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kSeal, {}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSeal, now,
                                 *info.zone));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  CampaignInfo& in = run->info;
  auto signoffs = TRY(load_signoffs(ws, campaign));
  std::vector<std::string> missing = missing_signoffs(*run, signoffs);
  if (!missing.empty()) {
    return conflict(tr(ctx.lang, "workflow.seal_missing_signoffs", missing.size(),
                       fmt::format("{}", fmt::join(missing, ", "))));
  }
  wf::Snapshot snap = run->snapshot();
  TRY(ws.put_blob(snapshot_blob(campaign), snap.text));
  SealRecord seal{now, p.user.name, snap.sha256, snap.sections, "", 0};
  TRY(ws.transaction([&]() -> core::Status {
    io::Json entry = log_entry("seal", campaign, now, p.actor);
    entry.set("snapshot_sha256", snap.sha256).set("definition", run->tag());
    io::Json sections = io::Json::array();
    for (const auto& s : snap.sections) {
      sections.push(io::Json::object().set("name", s.name).set("sha256", s.sha256));
    }
    entry.set("sections", std::move(sections));
    TRY(append_chained(ws, adjustments_log(campaign), entry));
    wf::ChainCheck chain = wf::check_chain(TRY(read_chain(ws, adjustments_log(campaign))));
    if (!chain.ok) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              tr(ctx.lang, "workflow.chain_broken", chain.bad_seq, chain.problem));
    }
    seal.chain_head = chain.head;
    seal.chain_length = chain.length;
    in.lifecycle.seal = seal;
    TRY(save_lifecycle(ws, campaign, in.lifecycle, now));
    return ws.seal_in_database(campaign);
  }));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("state", "sealed").set("by", p.user.name);
  out.set("sealed_at", local_time(in, now)).set("definition", run->tag());
  out.set("snapshot_sha256", snap.sha256)
      .set("snapshot_bytes", static_cast<int64_t>(snap.text.size()));
  io::Json sections = io::Json::array();
  for (const auto& s : snap.sections) {
    sections.push(io::Json::object().set("name", s.name).set("sha256", s.sha256));
  }
  out.set("sections", std::move(sections));
  out.set("chain_head", seal.chain_head).set("chain_length", seal.chain_length);
  return out;
}

core::Result<io::Json> verify_campaign(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("state", core::campaign_state_token(info.state));
  std::vector<std::string> problems;
  wf::ChainCheck chain = wf::check_chain(TRY(read_chain(ws, adjustments_log(campaign))));
  if (!chain.ok)
    problems.push_back(fmt::format("adjustment_log:{}:{}", chain.bad_seq, chain.problem));
  wf::ChainCheck carry = wf::check_chain(TRY(read_chain(ws, carryover_log(campaign))));
  if (!carry.ok)
    problems.push_back(fmt::format("carryover_log:{}:{}", carry.bad_seq, carry.problem));
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

  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  wf::Snapshot now = run->snapshot();
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
  auto blob = TRY(ws.get_blob(snapshot_blob(campaign)));
  if (!blob || core::sha256_hex(*blob) != seal.snapshot_sha256) {
    problems.push_back("snapshot:stored_copy");
  } else {
    for (auto& d : wf::snapshot_differences(*blob, now.text, 20)) differences.push(std::move(d));
  }
  snap.set("differences", std::move(differences));
  out.set("snapshot", std::move(snap));
  set_verdict(out, problems);
  return out;
}

core::Result<io::Json> carry_over(const Context& ctx, store::Workspace& ws,
                                  const std::string& campaign, const std::string& order_id,
                                  const std::string& amount, const std::string& reason,
                                  const std::string& as) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kCarryOver, {}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kCarryOver,
                                 now, *info.zone));
  auto fen = io::parse_amount_fen(amount);
  if (!fen) {
    auto e = fen.error();
    e.at_column("--amount");
    return e;
  }
  if (reason.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "workflow.reason_required"));
    e.at_column("--reason");
    return e;
  }
  core::Table orders = TRY(ws.load_table(core::TableKind::kOrders, campaign));
  bool known = false;
  for (size_t r = 0; r < orders.rows() && !known; ++r) {
    known = orders.text(core::orders::kOrderId, r) == order_id;
  }
  if (!known) return core::not_found(tr(ctx.lang, "workflow.unknown_order", order_id, campaign));
  auto existing = TRY(load_carry_overs(ws, campaign));
  CarryOver c{static_cast<int64_t>(existing.size()) + 1,
              order_id,
              *fen,
              reason,
              p.user.name,
              p.user.role,
              now};
  TRY(ws.transaction([&]() -> core::Status {
    TRY(put_carry_over(ws, campaign, c));
    io::Json entry = log_entry("carry_over", campaign, now, p.actor);
    entry.set("seq", c.seq).set("order_id", order_id).set("amount_fen", c.amount_fen);
    entry.set("reason", reason);
    TRY(append_chained(ws, carryover_log(campaign), entry));
    return {};
  }));
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("seq", c.seq).set("order_id", order_id);
  out.set("amount_fen", c.amount_fen).set("reason", reason).set("who", p.user.name);
  out.set("at", local_time(info, now)).set("period", "next");
  return out;
}

}  // namespace pitwall::cli
