#pragma once
// The JSON of every win-back result, in one place: what `pitwall winback ... --json` prints and
// what the server will serve (docs/winback.md "JSON fields" lists every field). Language-neutral:
// tokens (tier, band, status, role, action), numbers (money as integer `_fen`, model values as
// `_yuan` with 2 decimals, shares and scores to 4), never a translated word, so the document is
// the same under --lang zh and en. Instants are ISO 8601 with the programme's zone offset
// (io::instant_json), the one time format. Keys are in a fixed order.

#include "app/winback/offers.hpp"
#include "app/winback/programme.hpp"
#include "app/winback/reports.hpp"
#include "app/winback/scoring.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::winback {

io::Json to_json(const ProgrammeResult& r);
io::Json to_json(const CalcResult& r);
io::Json to_json(const ScoreResult& r);  // every row of the ranking
io::Json to_json(const ModelsResult& r);
io::Json to_json(const OfferResult& r);
io::Json to_json(const OfferListResult& r);
io::Json to_json(const BudgetResult& r);
io::Json to_json(const OverrideResult& r);
io::Json to_json(const MonthlyResult& r);
io::Json to_json(const AuditResult& r);
io::Json to_json(const CohortsResult& r);
io::Json to_json(const ExperimentsResult& r);
io::Json to_json(const LogResult& r);

}  // namespace pitwall::app::winback
