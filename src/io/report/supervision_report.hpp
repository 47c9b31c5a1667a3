#pragma once
// The supervision review report (复盘报告, supervision.md "Review report") as one HTML file with
// inline SVG charts and CSS (opens offline; no scripts) and as an XLSX workbook.
//
// The report lays out a core::supervision::Review; it computes nothing new. Words come from the
// caller (the CLI's message catalogue) through SupervisionReportText, so the same report is
// written in Chinese or English.

#include <functional>
#include <string>
#include <string_view>

#include "core/base/result.hpp"
#include "core/model/campaign.hpp"
#include "core/supervision/review.hpp"

namespace pitwall::io {

struct SupervisionReportText {
  std::string html_lang = "zh-CN";  // "zh-CN" | "en"
  // Fixed texts by short key ("title", "col_region", ...; see supervision_report.cpp). The
  // texts of keys ending in "_line" are fmt format strings.
  std::function<std::string(std::string_view key)> label;
  std::function<std::string(const core::supervision::Alert&)> alert;
  std::function<std::string(int level)> level;  // survey level words
};

struct SupervisionReport {
  const core::Campaign* campaign = nullptr;
  const core::supervision::Feeds* feeds = nullptr;
  const core::supervision::Review* review = nullptr;
  std::string generated;  // local date-time the report was made
  SupervisionReportText text;
};

// The whole HTML document.
std::string render_supervision_html(const SupervisionReport& report);

// Writes the workbook (sheets: summary, trend, regions, stores, history, problems, incidents,
// practices, decay). Errors: kIo when the file cannot be written.
core::Status write_supervision_xlsx(const SupervisionReport& report, const std::string& path);

// Every label key the report uses (for the catalogue's completeness test).
std::vector<std::string_view> supervision_report_keys();

}  // namespace pitwall::io
