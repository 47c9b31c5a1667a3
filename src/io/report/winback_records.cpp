#include "io/report/winback_records.hpp"

#include <fmt/format.h>

#include "core/base/instant.hpp"

namespace pitwall::io {

namespace {

namespace wb = core::winback;

Json sign_off_json(const wb::SignOff& s) {
  Json j = Json::object();
  j.set("by", s.by).set("role", s.role).set("at", s.at);
  if (!s.note.empty()) j.set("note", s.note);
  return j;
}

Json optional_sign_off(const std::optional<wb::SignOff>& s) {
  return s ? sign_off_json(*s) : Json();
}

struct FieldReader {
  const Json& json;
  std::string_view key;
  std::optional<core::Error> error;

  const Json* need(std::string_view field, Json::Type type) {
    const Json* f = json.find(field);
    bool ok =
        f && (f->type() == type || (type == Json::Type::kDouble && f->type() == Json::Type::kInt));
    if (!ok && !error) {
      error = core::make_error(core::ErrorCode::kCorrupt,
                               fmt::format("stored offer {}: field \"{}\" is missing or of the "
                                           "wrong type",
                                           key, field));
    }
    return ok ? f : nullptr;
  }
  std::string text(std::string_view field) {
    const Json* f = need(field, Json::Type::kString);
    return f ? f->as_string() : std::string();
  }
  int64_t integer(std::string_view field) {
    const Json* f = need(field, Json::Type::kInt);
    return f ? f->as_int() : 0;
  }
  double real(std::string_view field) {
    const Json* f = need(field, Json::Type::kDouble);
    return f ? f->as_double() : 0;
  }
  bool boolean(std::string_view field) {
    const Json* f = need(field, Json::Type::kBool);
    return f ? f->as_bool() : false;
  }
  std::optional<bool> optional_bool(std::string_view field) {
    const Json* f = json.find(field);
    if (!f || f->is_null()) return std::nullopt;
    return boolean(field);
  }
  std::optional<wb::SignOff> sign_off(std::string_view field) {
    const Json* f = json.find(field);
    if (!f || f->is_null()) return std::nullopt;
    FieldReader inner{*f, key, std::nullopt};
    wb::SignOff s{inner.text("by"), inner.text("role"), inner.integer("at"), f->get_string("note")};
    if (inner.error && !error) error = inner.error;
    return s;
  }
  template <typename E, typename Parse>
  E word(std::string_view field, Parse parse, E fallback) {
    std::string token = text(field);
    if (auto v = parse(token)) return *v;
    if (!error) {
      error = core::make_error(
          core::ErrorCode::kCorrupt,
          fmt::format("stored offer {}: \"{}\" is not a valid {}", key, token, field));
    }
    return fallback;
  }
};

std::optional<wb::Approver> parse_approver(std::string_view token) {
  for (int i = 0; i < wb::kApproverCount; ++i) {
    if (wb::approver_token(wb::Approver(i)) == token) return wb::Approver(i);
  }
  return std::nullopt;
}

std::optional<wb::DecisionBand> parse_band(std::string_view token) {
  for (int i = 0; i < wb::kDecisionBandCount; ++i) {
    if (wb::decision_band_token(wb::DecisionBand(i)) == token) return wb::DecisionBand(i);
  }
  return std::nullopt;
}

}  // namespace

Json offer_to_json(const wb::Offer& o) {
  Json j = Json::object();
  j.set("id", o.id).set("customer_id", o.customer_id).set("store_code", o.store_code);
  j.set("region", o.region).set("programme", o.programme).set("arm", o.arm);
  j.set("amount_fen", o.amount.fen()).set("annual_value_fen", o.annual_value.fen());
  j.set("months_churned", o.months_churned).set("tier", wb::tier_token(o.tier));
  j.set("band", wb::decision_band_token(o.band)).set("score", o.score);
  j.set("success", o.success).set("retention", o.retention).set("risk", o.risk);
  j.set("suspected", o.suspected).set("approver", wb::approver_token(o.approver));
  j.set("review", int64_t(o.review)).set("status", wb::offer_status_token(o.status));
  j.set("created", sign_off_json(o.created));
  j.set("approval", optional_sign_off(o.approval));
  j.set("in_person_review", optional_sign_off(o.in_person_review));
  j.set("rejection", optional_sign_off(o.rejection));
  j.set("approved_at", o.approved_at ? Json(*o.approved_at) : Json());
  Json stages = Json::array();
  for (const auto& s : o.stages) {
    Json stage = Json::object();
    stage.set("amount_fen", s.amount.fen()).set("released", optional_sign_off(s.released));
    stages.push(std::move(stage));
  }
  j.set("stages", std::move(stages));
  j.set("won_back", o.won_back ? Json(*o.won_back) : Json());
  j.set("won_back_by", optional_sign_off(o.won_back_by));
  j.set("retained", o.retained ? Json(*o.retained) : Json());
  j.set("retained_by", optional_sign_off(o.retained_by));
  return j;
}

core::Result<wb::Offer> offer_from_json(const Json& json, std::string_view key) {
  FieldReader r{json, key, std::nullopt};
  wb::Offer o;
  o.id = r.text("id");
  o.customer_id = r.text("customer_id");
  o.store_code = r.text("store_code");
  o.region = r.text("region");
  o.programme = r.text("programme");
  o.arm = r.text("arm");
  o.amount = core::Money::from_fen(r.integer("amount_fen"));
  o.annual_value = core::Money::from_fen(r.integer("annual_value_fen"));
  o.months_churned = r.real("months_churned");
  o.tier = r.word("tier", wb::parse_tier, wb::Tier::kBasic);
  o.band = r.word("band", parse_band, wb::DecisionBand::kDoNot);
  o.score = r.real("score");
  o.success = r.real("success");
  o.retention = r.real("retention");
  o.risk = r.real("risk");
  o.suspected = r.boolean("suspected");
  o.approver = r.word("approver", parse_approver, wb::Approver::kDirector);
  o.review = uint8_t(r.integer("review"));
  o.status = r.word("status", wb::parse_offer_status, wb::OfferStatus::kPending);
  o.created = r.sign_off("created").value_or(wb::SignOff{});
  o.approval = r.sign_off("approval");
  o.in_person_review = r.sign_off("in_person_review");
  o.rejection = r.sign_off("rejection");
  if (const Json* a = json.find("approved_at"); a && !a->is_null()) o.approved_at = a->as_int();
  if (const Json* stages = r.need("stages", Json::Type::kArray)) {
    for (const Json& s : stages->items()) {
      FieldReader sr{s, key, std::nullopt};
      o.stages.push_back(
          {core::Money::from_fen(sr.integer("amount_fen")), sr.sign_off("released")});
      if (sr.error && !r.error) r.error = sr.error;
    }
  }
  o.won_back = r.optional_bool("won_back");
  o.won_back_by = r.sign_off("won_back_by");
  o.retained = r.optional_bool("retained");
  o.retained_by = r.sign_off("retained_by");
  if (r.error) return *r.error;
  return o;
}

Json decision_to_json(const DecisionEntry& e) {
  Json j = Json::object();
  j.set("at", core::format_utc_iso(e.at)).set("by", e.by).set("role", e.role);
  j.set("action", e.action);
  if (!e.offer.empty()) j.set("offer", e.offer);
  if (!e.customer.empty()) j.set("customer", e.customer);
  if (e.amount_fen >= 0) j.set("amount_fen", e.amount_fen);
  if (!e.programme.empty()) j.set("programme", e.programme);
  if (!e.detail.empty()) j.set("detail", e.detail);
  return j;
}

}  // namespace pitwall::io
