#pragma once
// The workflow's sheets of the close-out workbook (formats.md "What users get": Arbitration, and
// Sign-offs and Retrospective from closeout.md §8 and §11), written from the documents the
// workflow commands print with --json (docs/workflow.md). Sheet names and headers come from the
// caller in the reader's language, and so do the words of the documents' tokens (states, rules,
// decisions); the cells are typed (money in yuan, counts as integers).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/json/json.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {

// What a token of the documents is, for SheetText::word.
enum class WordKind : uint8_t {
  kYesNo,        // "yes" | "no"
  kRule,         // a reason or evidence rule ("fill.store", "dispute.mine")
  kField,        // an order column named by evidence ("store_code")
  kStatus,       // a queue, confirmation or sign-off state ("open", "pending")
  kDecision,     // "count" | "exclude" | "store:<code>"
  kSignoffKind,  // "store" | "region" | "finance"
  kSection,      // a retrospective section ("funnel", "tier", "went_right", ...)
  kFunnelStep,   // "reached", "visited", "ordered", "paid", "redeemed"
  kTier,         // a customer tier ("star", ..., "unknown")
};

struct SheetText {
  std::string name;
  std::vector<std::string> headers;
  // The words of a token in the reader's language (the documents hold tokens, never words).
  std::function<std::string(WordKind, std::string_view token)> word;
};

// `queue`: the `arbitrate list` document. Columns: order, store, region, customer, amount,
// counted, reasons, evidence, claimants, status, decision, reason, who, at.
void add_arbitration_sheet(XlsxWriter& writer, const SheetText& text, const Json& queue);
// `status`: the `campaign status` document. One row per store confirmation, region and finance
// sign-off. Columns: kind, scope, status, who, at, definition, digest, current digest.
void add_signoffs_sheet(XlsxWriter& writer, const SheetText& text, const Json& status);
// `retrospective`: the `campaign retrospective` document. Columns: section, item, count,
// amount, text, who.
void add_retrospective_sheet(XlsxWriter& writer, const SheetText& text, const Json& retrospective);

}  // namespace pitwall::io
