#pragma once
// JSON forms of the supervision results, shared by board, trend, sample and review
// (field names documented in docs/supervision.md). Shares are 4 decimals, scores and rates per
// 100 participants 2 decimals; absent values are null.

#include <optional>

#include "cli/i18n.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/problem.hpp"
#include "io/json/json.hpp"

namespace pitwall::cli {

io::Json share_json(std::optional<double> v);   // 4 decimals or null
io::Json number_json(std::optional<double> v);  // 2 decimals or null
io::Json count_json(std::optional<int64_t> v);  // integer or null

io::Json figures_json(const core::supervision::Feeds& feeds, const core::supervision::Figures& f);
io::Json listed_json(Lang lang, const core::supervision::Feeds& feeds,
                     const core::supervision::ListedStore& l);
io::Json alert_json(Lang lang, const core::supervision::Feeds& feeds,
                    const core::supervision::Alert& a);
io::Json notes_json(const core::supervision::Feeds& feeds);
io::Json hours_json(const core::supervision::HoursSummary& h);
io::Json problem_stats_json(const core::supervision::ProblemStats& s);

// Terminal lines of the feed notes ("store-day: 3 rows with an unknown store ..."), one each.
std::vector<std::string> note_lines(Lang lang, const core::supervision::Feeds& feeds);

}  // namespace pitwall::cli
