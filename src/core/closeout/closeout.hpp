#pragma once
// The close-out engine (活动收尾, closeout.md stages 1-6 and 10): one function from a
// campaign's imported data to clean, explained, reproducible numbers.
//
//   CloseoutInputs in;  // campaign, zone, orders and side tables, definitions, decisions
//   auto result = TRY(run_closeout(in));
//   result.evaluations[0].total.orders;      // under definitions[0] as declared
//   compute_bridge(result.evaluations[0], result.evaluations[1], result.stores, {},
//                  result.orders.ids());     // core/definitions/bridge.hpp
//
// Stages, in order, each attaching findings and deleting nothing: collect (same-id resolution),
// validate, clean (exceptions, identity resolution, duplicates, limits, fills, corrections),
// anti-fraud, attribution and evaluation of every definition (as declared and the other way,
// raw <-> cleaned), gross vs net, settlement, gray zone. Same inputs give the same result, byte
// for byte once written (io/report/closeout_json.hpp), with 1 or 2 threads.

#include "core/base/result.hpp"
#include "core/closeout/inputs.hpp"
#include "core/closeout/result.hpp"

namespace pitwall::core::closeout {

// Runs the close-out. Errors (kInvalidInput / kNotFound, naming what is wrong): no
// definitions, two definitions with the same name, or campaign->settlement_definition not
// among them. Rows of side inputs that cannot be applied are not errors: they are listed in
// RunResult::problems. The result refers to the orders table's text (see result.hpp).
Result<RunResult> run_closeout(const CloseoutInputs& inputs);

// Whether every total of a run fits (kMoneyHeadroomFen, core/model/table.hpp): the magnitudes of
// the orders' amounts, plus per order the largest correction, the largest list price and the
// per-order rebate, add up to at most 2^59 fen. run_closeout checks it first; kInvalidInput
// otherwise.
Status check_amount_headroom(const CloseoutInputs& inputs);

}  // namespace pitwall::core::closeout
