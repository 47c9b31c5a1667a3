#include "app/workflow/records.hpp"

#include <fmt/format.h>

#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::app::workflow {

namespace {

namespace wf = core::workflow;
using core::closeout::ArbitrationDecision;
using core::closeout::BlacklistEntry;

constexpr std::string_view kLifecycle = "workflow.lifecycle";
constexpr std::string_view kDisputes = "workflow.dispute";
constexpr std::string_view kDecisions = "closeout.decisions";  // `closeout run` reads it too
constexpr std::string_view kSignoffs = "workflow.signoff";
constexpr std::string_view kCarryOvers = "workflow.carryover";
constexpr std::string_view kRetro = "workflow.retro";
constexpr std::string_view kBlacklist = "blacklist";

std::string prefix(std::string_view campaign) { return fmt::format("{}/", campaign); }

core::Result<io::Json> parse_record(const store::Record& r, std::string_view collection) {
  auto doc = io::Json::parse(r.json);
  if (!doc) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("workspace record {}/{} is not valid JSON: {}", collection,
                                        r.key, doc.error().message));
  }
  return doc;
}

// A record whose field cannot be what Pitwall wrote (edited behind its back, or damaged).
core::Error damaged(std::string_view collection, std::string_view what, std::string_view field) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("workspace record {} ({}) is damaged: its \"{}\" is not "
                                      "one Pitwall writes",
                                      collection, what, field));
}

// Every record of a collection under a key prefix, parsed.
core::Result<std::vector<io::Json>> records(store::Workspace& ws, std::string_view collection,
                                            std::string_view key_prefix) {
  std::vector<io::Json> out;
  for (const auto& r : TRY(ws.list_records(collection, key_prefix))) {
    out.push_back(TRY(parse_record(r, collection)));
  }
  return out;
}

io::Json strings_json(const std::vector<std::string>& v) {
  io::Json a = io::Json::array();
  for (const auto& s : v) a.push(s);
  return a;
}

std::vector<std::string> strings_of(const io::Json* a) {
  std::vector<std::string> out;
  if (a == nullptr) return out;
  for (const auto& s : a->items()) out.push_back(s.as_string());
  return out;
}

io::Json freeze_json(const FreezeRecord& f) {
  io::Json pins = io::Json::array();
  for (const auto& p : f.pins) {
    io::Json ids = io::Json::array();
    for (int64_t id : p.batch_ids) ids.push(id);
    pins.push(io::Json::object().set("kind", p.kind).set("batches", std::move(ids)));
  }
  return io::Json::object()
      .set("at", f.at)
      .set("by", f.by)
      .set("definition", f.definition)
      .set("pins", std::move(pins))
      .set("blacklist_keys", strings_json(f.blacklist_keys));
}

FreezeRecord freeze_of(const io::Json& j) {
  FreezeRecord f{j.get_int("at"),
                 j.get_string("by"),
                 {},
                 j.get_string("definition"),
                 strings_of(j.find("blacklist_keys"))};
  if (const io::Json* pins = j.find("pins")) {
    for (const auto& p : pins->items()) {
      wf::PinnedBatches pin{p.get_string("kind"), {}};
      if (const io::Json* ids = p.find("batches")) {
        for (const auto& id : ids->items()) pin.batch_ids.push_back(id.as_int());
      }
      f.pins.push_back(std::move(pin));
    }
  }
  return f;
}

io::Json seal_json(const SealRecord& s) {
  io::Json sections = io::Json::array();
  for (const auto& x : s.sections) {
    sections.push(io::Json::object().set("name", x.name).set("sha256", x.sha256));
  }
  return io::Json::object()
      .set("at", s.at)
      .set("by", s.by)
      .set("run", s.run)
      .set("result_digest", s.result_digest)
      .set("snapshot_sha256", s.snapshot_sha256)
      .set("sections", std::move(sections))
      .set("chain_head", s.chain_head)
      .set("chain_length", s.chain_length);
}

SealRecord seal_of(const io::Json& j) {
  SealRecord s{j.get_int("at"),
               j.get_string("by"),
               j.get_int("run"),
               j.get_string("result_digest"),
               j.get_string("snapshot_sha256"),
               {},
               j.get_string("chain_head"),
               j.get_int("chain_length")};
  if (const io::Json* sections = j.find("sections")) {
    for (const auto& x : sections->items()) {
      s.sections.push_back({x.get_string("name"), x.get_string("sha256")});
    }
  }
  return s;
}

std::string signoff_key(std::string_view campaign, const wf::Signoff& s) {
  if (s.kind == wf::SignoffKind::kFinance) return fmt::format("{}/finance", campaign);
  return fmt::format("{}/{}/{}", campaign, wf::signoff_kind_token(s.kind), s.scope);
}

}  // namespace

core::LifecycleFacts Lifecycle::facts() const {
  core::LifecycleFacts f;
  if (freeze) f.frozen_at = freeze->at;
  if (seal) f.sealed_at = seal->at;
  return f;
}

core::Result<Lifecycle> load_lifecycle(store::Workspace& ws, std::string_view campaign) {
  Lifecycle l;
  auto record = TRY(ws.get_record(kLifecycle, prefix(campaign) + "lifecycle"));
  if (!record) return l;
  io::Json j = TRY(parse_record(*record, kLifecycle));
  if (const io::Json* f = j.find("freeze"); f && f->is_object()) l.freeze = freeze_of(*f);
  if (const io::Json* s = j.find("seal"); s && s->is_object()) l.seal = seal_of(*s);
  return l;
}

core::Status save_lifecycle(store::Workspace& ws, std::string_view campaign, const Lifecycle& l,
                            int64_t now) {
  io::Json j = io::Json::object();
  j.set("campaign", campaign);
  j.set("freeze", l.freeze ? freeze_json(*l.freeze) : io::Json());
  j.set("seal", l.seal ? seal_json(*l.seal) : io::Json());
  return ws.put_record(kLifecycle, prefix(campaign) + "lifecycle", j.dump(), now);
}

core::Status check_lifecycle(const Session& s, std::string_view campaign,
                             core::CampaignWrite write) {
  store::Workspace& ws = s.workspace();
  auto record = TRY(ws.find_campaign(campaign));
  if (!record) return {};
  core::Campaign c = TRY(io::parse_campaign_file(record->toml, record->file));
  const core::TimeZone* zone = TRY(io::find_time_zone(c.timezone));
  Lifecycle l = TRY(load_lifecycle(ws, campaign));
  return core::check_campaign_write(c, l.facts(), write, s.now, *zone);
}

core::Result<std::vector<wf::Dispute>> load_disputes(store::Workspace& ws,
                                                     std::string_view campaign) {
  std::vector<wf::Dispute> out;
  for (const io::Json& j : TRY(records(ws, kDisputes, prefix(campaign)))) {
    wf::Dispute d;
    d.order_id = j.get_string("order_id");
    auto claim = wf::parse_claim(j.get_string("claim"));
    if (!claim) return damaged(kDisputes, d.order_id, "claim");
    d.claim = *claim;
    d.store = j.get_string("store");
    d.order_store = j.get_string("order_store");
    d.note = j.get_string("note");
    d.who = j.get_string("who");
    d.when = j.get_int("at");
    out.push_back(std::move(d));
  }
  return out;
}

core::Status put_dispute(store::Workspace& ws, std::string_view campaign, const wf::Dispute& d) {
  io::Json j = io::Json::object();
  j.set("order_id", d.order_id).set("claim", wf::claim_token(d.claim)).set("store", d.store);
  j.set("order_store", d.order_store).set("note", d.note).set("who", d.who).set("at", d.when);
  return ws.put_record(kDisputes, fmt::format("{}/{}/{}", campaign, d.order_id, d.store), j.dump(),
                       d.when);
}

core::Result<std::vector<ArbitrationDecision>> load_decisions(store::Workspace& ws,
                                                              std::string_view campaign) {
  std::vector<ArbitrationDecision> out;
  for (const io::Json& j : TRY(records(ws, kDecisions, prefix(campaign)))) {
    auto parsed = wf::parse_decision(j.get_string("decision"));
    if (!parsed) return damaged(kDecisions, j.get_string("order_id"), "decision");
    ArbitrationDecision d = *parsed;
    d.order_id = j.get_string("order_id");
    d.reason = j.get_string("reason");
    d.who = j.get_string("who");
    d.when = j.get_int("when");
    out.push_back(std::move(d));
  }
  return out;
}

core::Status put_decision(store::Workspace& ws, std::string_view campaign,
                          const ArbitrationDecision& d, const std::vector<BlacklistEntry>& bl) {
  std::string decision(wf::decision_token(d.kind));
  if (d.kind == core::closeout::DecisionKind::kStore) decision += ":" + d.store_code;
  io::Json keys = io::Json::array();
  for (const auto& e : bl) keys.push(blacklist_key(e));
  io::Json j = io::Json::object();
  j.set("order_id", d.order_id).set("decision", decision).set("reason", d.reason);
  j.set("who", d.who).set("when", d.when).set("blacklist", std::move(keys));
  return ws.put_record(kDecisions, fmt::format("{}/{}", campaign, d.order_id), j.dump(), d.when);
}

core::Result<std::vector<wf::Signoff>> load_signoffs(store::Workspace& ws,
                                                     std::string_view campaign) {
  std::vector<wf::Signoff> out;
  for (const io::Json& j : TRY(records(ws, kSignoffs, prefix(campaign)))) {
    wf::Signoff s;
    std::string kind = j.get_string("kind");
    if (kind != "finance" && kind != "region" && kind != "store") {
      return damaged(kSignoffs, j.get_string("scope"), "kind");
    }
    s.kind = kind == "finance"  ? wf::SignoffKind::kFinance
             : kind == "region" ? wf::SignoffKind::kRegion
                                : wf::SignoffKind::kStore;
    s.scope = j.get_string("scope");
    s.who = j.get_string("who");
    s.role = j.get_string("role");
    s.role_scope = j.get_string("role_scope");
    s.when = j.get_int("at");
    s.definition = j.get_string("definition");
    s.digest = j.get_string("digest");
    s.deemed = j.get_bool("deemed");
    out.push_back(std::move(s));
  }
  return out;
}

core::Status put_signoff(store::Workspace& ws, std::string_view campaign, const wf::Signoff& s) {
  io::Json j = io::Json::object();
  j.set("kind", wf::signoff_kind_token(s.kind)).set("scope", s.scope).set("who", s.who);
  j.set("role", s.role).set("role_scope", s.role_scope).set("at", s.when);
  j.set("definition", s.definition).set("digest", s.digest).set("deemed", s.deemed);
  return ws.put_record(kSignoffs, signoff_key(campaign, s), j.dump(), s.when);
}

const wf::Signoff* find_signoff(const std::vector<wf::Signoff>& all, wf::SignoffKind kind,
                                std::string_view scope) {
  for (const auto& s : all) {
    if (s.kind == kind && (kind == wf::SignoffKind::kFinance || s.scope == scope)) return &s;
  }
  return nullptr;
}

std::string blacklist_key(const BlacklistEntry& e) { return fmt::format("{}:{}", e.kind, e.value); }

std::string arbitration_source(std::string_view campaign, std::string_view order_id) {
  return fmt::format("arbitration:{}/{}", campaign, order_id);
}

core::Result<std::vector<BlacklistEntry>> load_blacklist(store::Workspace& ws) {
  std::vector<BlacklistEntry> out;
  for (const io::Json& j : TRY(records(ws, kBlacklist, ""))) {
    out.push_back({j.get_string("kind"), j.get_string("value"), j.get_string("reason"),
                   j.get_string("source")});
  }
  return out;
}

core::Result<std::vector<BlacklistEntry>> add_to_blacklist(store::Workspace& ws,
                                                           const std::vector<BlacklistEntry>& es,
                                                           int64_t now) {
  std::vector<BlacklistEntry> added;
  for (const auto& e : es) {
    std::string key = blacklist_key(e);
    if (TRY(ws.get_record(kBlacklist, key))) continue;
    io::Json j = io::Json::object();
    j.set("kind", e.kind).set("value", e.value).set("reason", e.reason).set("source", e.source);
    TRY(ws.put_record(kBlacklist, key, j.dump(), now));
    added.push_back(e);
  }
  return added;
}

std::string adjustments_log(std::string_view campaign) {
  return fmt::format("{}/adjustments", campaign);
}
std::string carryover_log(std::string_view campaign) {
  return fmt::format("{}/carryover", campaign);
}

core::Result<std::vector<wf::ChainLink>> read_chain(store::Workspace& ws, std::string_view log) {
  std::vector<wf::ChainLink> out;
  for (const auto& e : TRY(ws.read_log(log))) {
    wf::ChainLink link{e.seq, "", "", ""};
    auto doc = io::Json::parse(e.json);
    if (doc) {
      link.prev = doc->get_string("prev");
      link.hash = doc->get_string("hash");
      if (const io::Json* entry = doc->find("entry")) link.entry = entry->dump();
    } else {
      link.entry = e.json;  // unreadable: the hash check fails and names this entry
    }
    out.push_back(std::move(link));
  }
  return out;
}

core::Result<int64_t> append_chained(store::Workspace& ws, std::string_view log,
                                     const io::Json& entry) {
  int64_t seq = 0;
  TRY(ws.transaction([&]() -> core::Status {
    std::string prev(wf::kChainGenesis);
    if (auto tail = TRY(ws.read_log_tail(log))) {
      auto doc = io::Json::parse(tail->json);
      if (!doc) {
        return core::make_error(core::ErrorCode::kCorrupt,
                                fmt::format("log {} entry {} is not valid JSON: {}", log, tail->seq,
                                            doc.error().message));
      }
      prev = doc->get_string("hash");
    }
    std::string text = entry.dump();
    io::Json j = io::Json::object();
    j.set("prev", prev).set("hash", wf::chain_hash(prev, text)).set("entry", entry);
    seq = TRY(ws.append_log(log, j.dump()));
    return {};
  }));
  return seq;
}

io::Json log_entry(std::string_view type, std::string_view campaign, int64_t at,
                   const core::Principal& who) {
  return io::Json::object()
      .set("type", type)
      .set("campaign", campaign)
      .set("at", at)
      .set("who", who.name)
      .set("role", core::role_token(who.role))
      .set("scope", who.scope);
}

core::Result<std::vector<CarryOver>> load_carry_overs(store::Workspace& ws,
                                                      std::string_view campaign) {
  std::vector<CarryOver> out;
  for (const io::Json& j : TRY(records(ws, kCarryOvers, prefix(campaign)))) {
    out.push_back({j.get_int("seq"), j.get_string("order_id"), j.get_int("amount_fen"),
                   j.get_string("reason"), j.get_string("who"), j.get_string("role"),
                   j.get_int("at")});
  }
  return out;
}

core::Status insert_carry_over(store::Workspace& ws, std::string_view campaign, CarryOver& c) {
  auto stored = TRY(ws.list_records(kCarryOvers, prefix(campaign)));
  c.seq = stored.empty() ? 1 : TRY(parse_record(stored.back(), kCarryOvers)).get_int("seq") + 1;
  io::Json j = io::Json::object();
  j.set("seq", c.seq).set("order_id", c.order_id).set("amount_fen", c.amount_fen);
  j.set("reason", c.reason).set("who", c.who).set("role", c.role).set("at", c.at);
  return ws.insert_record(kCarryOvers, fmt::format("{}/{:06}", campaign, c.seq), j.dump(), c.at);
}

core::Result<std::vector<RetroNote>> load_retro(store::Workspace& ws, std::string_view campaign) {
  std::vector<RetroNote> out;
  for (const io::Json& j : TRY(records(ws, kRetro, fmt::format("{}#", campaign)))) {
    out.push_back({j.get_string("kind"), j.get_int("number"), j.get_string("text"),
                   j.get_string("who"), j.get_int("at")});
  }
  return out;
}

core::Status insert_retro(store::Workspace& ws, std::string_view campaign, RetroNote& n) {
  std::string kind_prefix = fmt::format("{}#{}/", campaign, n.kind);
  auto stored = TRY(ws.list_records(kRetro, kind_prefix));
  n.number = stored.empty() ? 1 : TRY(parse_record(stored.back(), kRetro)).get_int("number") + 1;
  io::Json j = io::Json::object();
  j.set("kind", n.kind).set("number", n.number).set("text", n.text).set("who", n.who);
  j.set("at", n.at);
  std::string key = fmt::format("{}{:04}", kind_prefix, n.number);
  return ws.insert_record(kRetro, key, j.dump(), n.at);
}

}  // namespace pitwall::app::workflow
