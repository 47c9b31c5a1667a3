#pragma once
// The supervision desk's results as JSON, in one place (docs/supervision.md documents every
// field). What every face prints with --json and the server will serve unchanged.
//
// Language-neutral: tokens (alert kinds, reason codes, checklist items, complaint categories,
// phase and task ids), never words; numbers, never formatted strings: shares 4 decimals, scores
// and rates per 100 participants 2 decimals, absent values null; dates "2023-03-02" (the
// campaign's local days); instants ISO 8601 with the campaign's offset
// ("2023-03-01T21:00:00+08:00", io::instant_json). Keys in a fixed order.

#include "app/supervision/board.hpp"
#include "app/supervision/phase.hpp"
#include "app/supervision/practices.hpp"
#include "app/supervision/problems.hpp"
#include "app/supervision/review.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::supervision {

io::Json to_json(const BoardResult& r);
io::Json to_json(const MeasuresResult& r);
io::Json to_json(const AlertsResult& r);
io::Json to_json(const TrendResult& r);
io::Json to_json(const SampleResult& r);
io::Json to_json(const ProblemResult& r);
io::Json to_json(const ProblemListResult& r);
io::Json to_json(const PracticeResult& r);
io::Json to_json(const PracticeListResult& r);
io::Json to_json(const PhasePlanResult& r);
io::Json to_json(const DecayResult& r);
io::Json to_json(const ReviewResult& r);

}  // namespace pitwall::app::supervision
