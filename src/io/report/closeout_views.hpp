#pragma once
// What the close-out commands show, built from a stored run (closeout_json.hpp): the --json
// documents of summary, bridge, findings and settlement (docs/closeout.md), their terminal
// forms, and the findings CSV. Every number on a terminal carries its [name@version] tag.
//
// Words come from the CLI's message catalogue through CloseoutWords (io does not know the
// catalogue): keys "closeout.<...>", in zh and in en.

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/definitions/bridge.hpp"
#include "io/json/json.hpp"
#include "io/report/closeout_json.hpp"

namespace pitwall::io {

struct CloseoutWords {
  std::function<std::string_view(std::string_view key)> zh;
  std::function<std::string_view(std::string_view key)> en;
  bool english = false;
  std::string_view operator()(std::string_view key) const { return english ? en(key) : zh(key); }
  // fmt-formats the message `key` in the reader's language.
  template <typename... Args>
  std::string format(std::string_view key, Args&&... args) const {
    return fmt::vformat((*this)(key), fmt::make_format_args(args...));
  }
};

// A store or region name as a reader sees it: the unattributed bucket
// (core::kUnattributed, kept as is in JSON) in the reader's words.
std::string shown_name(const CloseoutWords& words, std::string_view name);

// Words of a bridge step reason or a rule ("status", "dup.double_submit", ...) in one language.
std::string_view reason_words(const CloseoutWords& words, std::string_view reason, bool english);

// summary: the declared evaluations (all, or those named), with raw vs cleaned.
Json summary_json(const StoredRun& run, const std::vector<std::string>& names);
std::string summary_text(const StoredRun& run, const std::vector<std::string>& names,
                         const CloseoutWords& words);

Json bridge_json(const StoredRun& run, const core::Bridge& bridge, const CloseoutWords& words);
// The same document as bridge_json(...).dump(true), handed to `out` in pieces of about a MB
// without a tree of every order id.
void bridge_json_pieces(const StoredRun& run, const core::Bridge& bridge,
                        const CloseoutWords& words,
                        const std::function<void(std::string_view)>& out);
std::string bridge_text(const StoredRun& run, const core::Bridge& bridge,
                        const CloseoutWords& words);
// "network", "region East", "store S001" in the reader's language.
std::string scope_text(const StoredRun& run, core::BridgeScope scope, const CloseoutWords& words);

// findings, all or of one rule; `reason` is the rule's words and the finding's detail.
Json findings_view_json(const StoredRun& run, std::string_view rule, const CloseoutWords& words);
// The same document as findings_view_json(...).dump(true), handed to `out` in pieces of about a
// MB without a tree of every finding (a 10M-order run has millions).
void findings_view_json_pieces(const StoredRun& run, std::string_view rule,
                               const CloseoutWords& words,
                               const std::function<void(std::string_view)>& out);
std::string findings_text(const StoredRun& run, std::string_view rule, const CloseoutWords& words);
// UTF-8 CSV with a BOM (Excel opens it as UTF-8), headers in the reader's language.
std::string findings_csv(const StoredRun& run, std::string_view rule, const CloseoutWords& words);
std::string finding_reason(const StoredFinding& f, const CloseoutWords& words);

Json settlement_view_json(const StoredRun& run);
std::string settlement_text(const StoredRun& run, const CloseoutWords& words);

// Writes a report file (CSV). Errors: kIo naming the path.
core::Status write_report_file(const std::string& path, std::string_view bytes);

// Yuan with thousands separators: "1,234.50".
std::string yuan(int64_t fen);
// "-4.36%" from a rate; "—" for null.
std::string percent_text(const Json& rate);

}  // namespace pitwall::io
