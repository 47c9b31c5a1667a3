#pragma once
// The win-back desk's workflow records as JSON (store/workspace.hpp records and logs):
// offers (collection "winback.offers", key = offer id), programme records (collection
// "winback.programmes", key "id@version"), budget overrides (collection "winback.overrides",
// key = month) and decision log entries (log "winback.decisions"). Reading back checks types
// and names the field that is wrong.

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "core/winback/offer.hpp"
#include "io/json/json.hpp"

namespace pitwall::io {

Json offer_to_json(const core::winback::Offer& offer);
// Errors: kCorrupt naming the offer key and the field.
core::Result<core::winback::Offer> offer_from_json(const Json& json, std::string_view key);

// A decision log entry: {"at", "by", "role", "action", "offer", "customer", "amount_fen",
// "programme", "detail"}; empty strings and a negative amount are left out.
struct DecisionEntry {
  int64_t at = 0;
  std::string by;
  std::string role;
  std::string action;  // create | approve | review | reject | release | outcome | refuse | override
  std::string offer;
  std::string customer;
  int64_t amount_fen = -1;
  std::string programme;
  std::string detail;
};
Json decision_to_json(const DecisionEntry& entry);

}  // namespace pitwall::io
