#include "app/winback/records.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>

#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

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

bool reaches(const Session& s, const wb::Offer& offer) {
  return scope_of(s).covers_store(offer.store_code, offer.region);
}

core::Result<std::vector<wb::Offer>> scoped_offers(const Session& s) {
  std::vector<wb::Offer> offers = TRY(load_offers(s.workspace()));
  std::erase_if(offers, [&](const wb::Offer& o) { return !reaches(s, o); });
  return offers;
}

core::Result<wb::Offer> load_offer(const Session& s, std::string_view id) {
  auto record = TRY(s.workspace().get_record(kOffers, id));
  if (record) {
    auto json = io::Json::parse(record->json);
    if (!json) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              fmt::format("stored offer {} is not valid JSON", id));
    }
    wb::Offer offer = TRY(io::offer_from_json(*json, id));
    if (reaches(s, offer)) return offer;
  }
  // Out of scope reads as missing: the same words, no hint that it exists.
  return core::not_found(s.tr("winback.unknown_offer", id));
}

std::string next_offer_id(const std::vector<wb::Offer>& offers) {
  int64_t last = 0;
  for (const auto& o : offers) {
    if (o.id.size() <= 3 || o.id.compare(0, 3, "WB-") != 0) continue;
    int64_t n = 0;
    bool digits = true;
    for (char c : std::string_view(o.id).substr(3)) {
      if (c < '0' || c > '9' || n > (INT64_MAX - 9) / 10) {
        digits = false;
        break;
      }
      n = n * 10 + (c - '0');
    }
    if (digits) last = std::max(last, n);
  }
  return fmt::format("WB-{:06}", last + 1);
}

core::Result<std::optional<Override>> find_override(store::Workspace& ws, wb::YearMonth month) {
  auto record = TRY(ws.get_record(kOverrides, wb::format_year_month(month)));
  if (!record) return std::optional<Override>();
  auto json = io::Json::parse(record->json);
  if (!json) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("stored override {} is not valid JSON", record->key));
  }
  return std::optional<Override>(
      Override{json->get_string("by"), json->get_int("at"), json->get_string("reason")});
}

core::Result<wb::BudgetMonitor> month_monitor(store::Workspace& ws, const wb::Programme& programme,
                                              const core::TimeZone& zone,
                                              std::span<const wb::Offer> offers,
                                              wb::YearMonth month, int64_t now) {
  bool overridden = TRY(find_override(ws, month)).has_value();
  return wb::monitor_month(programme, offers, month, now, zone, overridden);
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

io::DecisionEntry entry_of(const Session& s, std::string action) {
  io::DecisionEntry e;
  e.at = s.now;
  e.by = s.principal.name;
  e.role = std::string(core::role_token(s.principal.role));
  e.action = std::move(action);
  return e;
}

void describe_offer(io::DecisionEntry& e, const wb::Offer& o) {
  e.offer = o.id;
  e.customer = o.customer_id;
  e.amount_fen = o.amount.fen();
  e.programme = o.programme;
}

core::Status log_decision(store::Workspace& ws, const io::DecisionEntry& entry) {
  TRY(ws.append_log(kDecisions, io::decision_to_json(entry).dump()));
  return {};
}

core::Status log_refusal(store::Workspace& ws, io::DecisionEntry entry,
                         const wb::Refusal& refusal) {
  entry.action = "refuse";
  entry.detail = refusal.key;
  for (const auto& a : refusal.args) entry.detail += " | " + a;
  return log_decision(ws, entry);
}

core::Error refusal_error(const Session& s, const wb::Refusal& refusal) {
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const auto& a : refusal.args) {
    // Approver, status and role tokens are worded in the session's language.
    std::string text = a;
    for (int i = 0; i < wb::kApproverCount; ++i) {
      if (a == wb::approver_token(wb::Approver(i))) {
        text = s.tr(fmt::format("winback.approver.{}", a));
      }
    }
    if (wb::parse_offer_status(a)) text = s.tr(fmt::format("winback.status.{}", a));
    if (core::parse_role(a)) text = s.tr(fmt::format("role.{}", a));
    args.push_back(text);
  }
  std::string key = "winback.refusal." + refusal.key;
  return core::make_error(refusal.code, fmt::vformat(message(s.lang, key), args));
}

core::Status authorize_again(const Session& s, Permission p) {
  TRY(authorize(s, p));
  if (s.local_operator) return {};
  auto user = TRY(s.workspace().find_user(s.principal.name));
  bool same =
      user && user->role == core::role_token(s.principal.role) && user->scope == s.principal.scope;
  if (!same) {
    return core::make_error(core::ErrorCode::kConflict,
                            s.tr("winback.person_changed", s.principal.name));
  }
  return {};
}

core::Status run_transaction(const Session& s, const std::function<core::Status()>& body,
                             const std::optional<wb::Refusal>& refused) {
  TRY(s.workspace().transaction(body));
  if (refused) return refusal_error(s, *refused);
  return {};
}

}  // namespace pitwall::app::winback
