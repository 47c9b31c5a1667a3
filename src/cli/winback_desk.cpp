#include "cli/winback_desk.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include "core/winback/customer.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/plan.hpp"
#include "io/toml/winback_file.hpp"
#include "io/tz/tz_database.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::cli::winback {

namespace {
constexpr std::string_view kProgrammes = "winback.programmes";
constexpr std::string_view kSettings = "winback.settings";
constexpr std::string_view kOffers = "winback.offers";
constexpr std::string_view kOverrides = "winback.overrides";
constexpr std::string_view kDecisions = "winback.decisions";

std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

core::Result<io::Json> record_json(store::Workspace& ws, std::string_view collection,
                                   std::string_view key) {
  auto record = TRY(ws.get_record(collection, key));
  if (!record) return io::Json();
  auto json = io::Json::parse(record->json);
  if (!json) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("stored record {}/{} is not valid JSON", collection, key));
  }
  return *json;
}

core::Status log_decision(store::Workspace& ws, const io::DecisionEntry& entry) {
  TRY(ws.append_log(kDecisions, io::decision_to_json(entry).dump()));
  return {};
}

io::DecisionEntry entry_of(const wb::Person& by, std::string action, int64_t now) {
  io::DecisionEntry e;
  e.at = now;
  e.by = by.name;
  e.role = std::string(wb::role_token(by.role));
  e.action = std::move(action);
  return e;
}

void describe_offer(io::DecisionEntry& e, const wb::Offer& o) {
  e.offer = o.id;
  e.customer = o.customer_id;
  e.amount_fen = o.amount.fen();
  e.programme = o.programme;
}
}  // namespace

core::Result<const core::TimeZone*> zone_of(const wb::Programme& programme) {
  return io::find_time_zone(programme.timezone);
}

core::Result<ProgrammeInfo> active_programme(store::Workspace& ws) {
  io::Json active = TRY(record_json(ws, kSettings, "active"));
  std::string key = active.get_string("programme");
  if (key.empty()) return ProgrammeInfo{};
  io::Json record = TRY(record_json(ws, kProgrammes, key));
  if (record.is_null()) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("the active programme {} is not stored", key));
  }
  std::string file = record.get_string("file");
  wb::Programme p = TRY(io::parse_programme_file(record.get_string("toml"), file));
  return ProgrammeInfo{std::move(p), file};
}

core::Result<ProgrammeInfo> add_programme(const Context& ctx, store::Workspace& ws,
                                          const std::string& path) {
  auto text = store::read_file(path);
  if (!text) {
    core::Error e = core::make_error(core::ErrorCode::kNotFound, text.error().message);
    e.at_file(path);
    return e;
  }
  std::string file = base_name(path);
  wb::Programme p = TRY(io::parse_programme_file(*text, file));
  std::string key = fmt::format("{}@{}", p.id, p.version());
  io::Json record = io::Json::object();
  record.set("id", p.id).set("name", p.name).set("version", p.version()).set("file", file);
  record.set("toml", *text).set("added_at", ctx.now()).set("added_by", ctx.os_user());
  io::Json active = io::Json::object();
  active.set("programme", key);
  TRY(ws.transaction([&]() -> core::Status {
    TRY(ws.put_record(kProgrammes, key, record.dump(), ctx.now()));
    TRY(ws.put_record(kSettings, "active", active.dump(), ctx.now()));
    io::DecisionEntry e;
    e.at = ctx.now();
    e.by = ctx.os_user();
    e.action = "programme";
    e.programme = p.tag();
    e.detail = file;
    return log_decision(ws, e);
  }));
  return ProgrammeInfo{std::move(p), file};
}

namespace {
core::Result<wb::Blacklist> load_blacklist(store::Workspace& ws) {
  wb::Blacklist list;
  list.add_table(TRY(ws.load_table(core::TableKind::kBlacklist, "")));
  for (const auto& r : TRY(ws.list_records("blacklist"))) {
    auto json = io::Json::parse(r.json);
    if (!json) continue;  // FIXME: a corrupt blacklist record is skipped, not reported
    list.add({json->get_string("kind"), json->get_string("value"), json->get_string("reason"),
              json->get_string("source")});
  }
  list.finish();
  return list;
}
}  // namespace

wb::Calibration reported_models(const wb::Calibration& fitted, ModelChoice choice) {
  if (choice == ModelChoice::kAuto) return fitted;
  wb::Calibration c;
  c.success.table_reason = "chosen";
  c.retention.table_reason = "chosen";
  return c;
}

core::Result<DeskData> load_desk(const Context& ctx, ModelChoice model) {
  DeskData d;
  d.ws = TRY(ctx.open_workspace());
  d.info = TRY(active_programme(*d.ws));
  d.zone = TRY(zone_of(d.info.programme));
  d.churned = TRY(d.ws->load_table(core::TableKind::kChurned, ""));
  d.stores = TRY(d.ws->load_table(core::TableKind::kStores, ""));
  d.customers = TRY(d.ws->load_table(core::TableKind::kCustomers, ""));
  d.history = TRY(d.ws->load_table(core::TableKind::kWinbackHistory, ""));
  d.blacklist = TRY(load_blacklist(*d.ws));
  d.model = model;
  d.calibration = wb::calibrate(d.info.programme, d.history);
  return d;
}

std::string region_of(const core::Table& stores, std::string_view store_code) {
  std::string region;
  for (size_t row = 0; row < stores.rows(); ++row) {  // the latest row wins
    if (stores.text(core::stores::kStoreCode, row) == store_code) {
      region = std::string(stores.text(core::stores::kRegion, row));
    }
  }
  return region;
}

core::Result<size_t> find_customer(const Context& ctx, const core::Table& churned,
                                   std::string_view customer_id) {
  std::optional<size_t> found;
  for (size_t row = 0; row < churned.rows(); ++row) {
    if (churned.text(core::churned::kCustomerId, row) == customer_id) found = row;
  }
  if (!found) return core::not_found(tr(ctx.lang, "winback.unknown_customer", customer_id));
  return *found;
}

core::Result<std::vector<wb::Offer>> load_offers(store::Workspace& ws) {
  std::vector<wb::Offer> offers;
  for (const auto& r : TRY(ws.list_records(kOffers))) {
    auto json = io::Json::parse(r.json);
    if (!json) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              fmt::format("stored offer {} is not valid JSON", r.key));
    }
    offers.push_back(TRY(io::offer_from_json(*json, r.key)));
  }
  return offers;
}

core::Result<wb::Offer> load_offer(const Context& ctx, store::Workspace& ws, std::string_view id) {
  io::Json json = TRY(record_json(ws, kOffers, id));
  if (json.is_null()) return core::not_found(tr(ctx.lang, "winback.unknown_offer", id));
  return io::offer_from_json(json, id);
}

core::Result<bool> month_overridden(store::Workspace& ws, wb::YearMonth month) {
  auto record = TRY(ws.get_record(kOverrides, wb::format_year_month(month)));
  return record.has_value();
}

core::Result<wb::Person> person_of(const Context& ctx, store::Workspace& ws,
                                   std::string_view name) {
  store::User user = TRY(ctx.require_user(ws, name));
  auto role = wb::parse_role(user.role);
  if (!role) return core::invalid_input(tr(ctx.lang, "winback.unknown_role", name, user.role));
  return wb::Person{user.name, *role, user.scope};
}

core::Result<std::vector<wb::Visit>> visits_of(store::Workspace& ws, std::string_view customer) {
  core::Table t = TRY(ws.load_table(core::TableKind::kWinbackVisits, ""));
  std::vector<wb::Visit> visits;
  for (size_t row = 0; row < t.rows(); ++row) {
    if (t.text(core::winback_visits::kCustomerId, row) != customer) continue;
    int64_t at = t.i64(core::winback_visits::kVisitedAt, row);
    int64_t paid = t.i64(core::winback_visits::kPaidAmount, row);
    if (at == core::kNoTime) continue;
    visits.push_back({at, core::Money::from_fen(paid == core::kNoFen ? 0 : paid)});
  }
  return visits;
}

core::Error refusal_error(const Context& ctx, const wb::Refusal& refusal) {
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const auto& a : refusal.args) {
    // Approver and status tokens are worded in the user's language.
    std::string text = a;
    for (int i = 0; i < wb::kApproverCount; ++i) {
      if (a == wb::approver_token(wb::Approver(i))) {
        text = message(ctx.lang, fmt::format("winback.approver.{}", a));
      }
    }
    if (wb::parse_offer_status(a)) text = message(ctx.lang, fmt::format("winback.status.{}", a));
    args.push_back(text);
  }
  std::string key = "winback.refusal." + refusal.key;
  return core::make_error(refusal.code, fmt::vformat(message(ctx.lang, key), args));
}

namespace {

// Refusal: log it, then return it as the command's error.
core::Error refuse(const Context& ctx, store::Workspace& ws, io::DecisionEntry entry,
                   const wb::Refusal& refusal) {
  entry.action = "refuse";
  entry.detail = refusal.key;
  for (const auto& a : refusal.args) entry.detail += " | " + a;
  core::Status logged = log_decision(ws, entry);
  if (!logged) return logged.release_error();
  return refusal_error(ctx, refusal);
}

std::string next_offer_id(size_t stored) { return fmt::format("WB-{:06}", stored + 1); }

}  // namespace

namespace {
// The request for one customer: its store, region, evaluation with the review threshold in force,
// blacklist reason and whether an offer to it is still open.
wb::OfferRequest build_request(const DeskData& d, const CreateOptions& options, size_t row,
                               const std::vector<wb::Offer>& offers, double review_above) {
  wb::CustomerInput in = wb::read_customer(d.churned, row, d.programme());
  const wb::BlacklistEntry* hit = d.blacklist.hit(options.customer_id, &d.customers);
  wb::EvaluationOptions eval_options{d.models(), review_above, hit != nullptr};
  wb::OfferRequest request;
  request.customer_id = options.customer_id;
  request.store_code = std::string(d.churned.text(core::churned::kStoreCode, row));
  request.region = region_of(d.stores, request.store_code);
  request.arm = options.arm;
  request.evaluation = wb::evaluate(d.programme(), in, eval_options);
  request.amount = options.amount;
  request.vehicle_anomaly = in.vehicle_anomaly;
  if (hit) request.blacklist_reason = hit->reason.empty() ? hit->kind : hit->reason;
  for (const auto& o : offers) {
    bool open = o.status == wb::OfferStatus::kPending || o.status == wb::OfferStatus::kApproved;
    if (o.customer_id == options.customer_id && open && !o.won_back) {
      request.open_offer_exists = true;
    }
  }
  request.annual_value = in.annual_value;
  request.months_churned = in.months_churned;
  request.review_above = review_above;
  return request;
}
}  // namespace

core::Result<wb::Offer> create_offer(const Context& ctx, const CreateOptions& options) {
  DeskData d = TRY(load_desk(ctx, ModelChoice::kAuto));
  wb::Person by = TRY(person_of(ctx, *d.ws, options.as));
  size_t row = TRY(find_customer(ctx, d.churned, options.customer_id));
  auto offers = TRY(load_offers(*d.ws));
  int64_t now = ctx.now();
  wb::YearMonth month = wb::month_of(now, *d.zone);
  bool overridden = TRY(month_overridden(*d.ws, month));
  auto monitor = wb::monitor_month(d.programme(), offers, month, now, *d.zone, overridden);
  wb::OfferRequest request = build_request(d, options, row, offers, monitor.review_above);
  io::DecisionEntry entry = entry_of(by, "create", now);
  entry.customer = options.customer_id;
  entry.programme = d.programme().tag();
  wb::Offer offer;
  if (auto refused = wb::create_offer(d.programme(), request, by, now, offer)) {
    return refuse(ctx, *d.ws, entry, *refused);
  }
  TRY(d.ws->transaction([&]() -> core::Status {
    // The id is taken inside the transaction, so two people creating at once get two ids.
    offer.id = next_offer_id(TRY(d.ws->list_records(kOffers)).size());
    describe_offer(entry, offer);
    entry.detail = fmt::format("approver {}; status {}", wb::approver_token(offer.approver),
                               wb::offer_status_token(offer.status));
    TRY(d.ws->put_record(kOffers, offer.id, io::offer_to_json(offer).dump(), now));
    return log_decision(*d.ws, entry);
  }));
  return offer;
}

namespace {
std::string_view action_token(Action a, bool in_person) {
  switch (a) {
    case Action::kApprove:
      return in_person ? "review" : "approve";
    case Action::kReject:
      return "reject";
    case Action::kRelease:
      return "release";
    case Action::kOutcome:
      return "outcome";
  }
  return "approve";
}

core::Result<wb::Decision> apply(const Context& ctx, store::Workspace& ws, const OfferAction& a,
                                 const wb::Programme& programme, const core::TimeZone& zone,
                                 const wb::Person& by, wb::Offer& offer) {
  int64_t now = ctx.now();
  switch (a.action) {
    case Action::kApprove: {
      auto offers = TRY(load_offers(ws));
      wb::YearMonth month = wb::month_of(now, zone);
      bool overridden = TRY(month_overridden(ws, month));
      auto monitor = wb::monitor_month(programme, offers, month, now, zone, overridden);
      wb::ApprovalContext context{now, monitor.large_paused()};
      return wb::approve_offer(programme, offer, by,
                               a.in_person ? wb::InPerson::kYes : wb::InPerson::kNo, context);
    }
    case Action::kReject:
      return wb::reject_offer(offer, by, a.reason, now);
    case Action::kRelease: {
      auto visits = TRY(visits_of(ws, offer.customer_id));
      return wb::release_stage(programme, offer, a.stage, by, visits, zone, now);
    }
    case Action::kOutcome:
      return wb::record_outcome(offer, by, a.won_back, a.retained, now);
  }
  return wb::Decision{};
}

std::string action_detail(const OfferAction& a, const wb::Offer& o) {
  switch (a.action) {
    case Action::kApprove:
      return fmt::format("status {}", wb::offer_status_token(o.status));
    case Action::kReject:
      return a.reason;
    case Action::kRelease:
      return fmt::format("stage {} {}", wb::stage_token(a.stage),
                         o.stages[a.stage].amount.to_yuan_string());
    case Action::kOutcome:
      return fmt::format("won_back {}; retained {}",
                         o.won_back ? (*o.won_back ? "yes" : "no") : "-",
                         o.retained ? (*o.retained ? "yes" : "no") : "-");
  }
  return {};
}
}  // namespace

core::Result<wb::Offer> act_on_offer(const Context& ctx, const OfferAction& a) {
  auto ws = TRY(ctx.open_workspace());
  ProgrammeInfo info = TRY(active_programme(*ws));
  const core::TimeZone* zone = TRY(zone_of(info.programme));
  wb::Person by = TRY(person_of(ctx, *ws, a.as));
  wb::Offer offer = TRY(load_offer(ctx, *ws, a.offer_id));
  int64_t now = ctx.now();
  io::DecisionEntry entry = entry_of(by, std::string(action_token(a.action, a.in_person)), now);
  describe_offer(entry, offer);
  wb::Decision refused = TRY(apply(ctx, *ws, a, info.programme, *zone, by, offer));
  if (refused) return refuse(ctx, *ws, entry, *refused);
  entry.detail = action_detail(a, offer);
  if (a.action == Action::kRelease) entry.amount_fen = offer.stages[a.stage].amount.fen();
  TRY(ws->transaction([&]() -> core::Status {
    TRY(ws->put_record(kOffers, offer.id, io::offer_to_json(offer).dump(), now));
    return log_decision(*ws, entry);
  }));
  return offer;
}

core::Status override_month(const Context& ctx, wb::YearMonth month, const std::string& as,
                            const std::string& reason) {
  auto ws = TRY(ctx.open_workspace());
  wb::Person by = TRY(person_of(ctx, *ws, as));
  io::DecisionEntry entry = entry_of(by, "override", ctx.now());
  entry.detail = fmt::format("{}: {}", wb::format_year_month(month), reason);
  if (by.role != wb::Role::kDirector) {
    wb::Refusal r{core::ErrorCode::kForbidden, "override_director_only", {by.name}};
    return refuse(ctx, *ws, entry, r);
  }
  io::Json record = io::Json::object();
  record.set("month", wb::format_year_month(month)).set("by", by.name).set("at", ctx.now());
  record.set("reason", reason);
  return ws->transaction([&]() -> core::Status {
    TRY(ws->put_record(kOverrides, wb::format_year_month(month), record.dump(), ctx.now()));
    return log_decision(*ws, entry);
  });
}

}  // namespace pitwall::cli::winback
