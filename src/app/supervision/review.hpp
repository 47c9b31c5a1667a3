#pragma once
// The review report (复盘报告, supervision.md "Review report") on D+1: targets vs actual, the
// daily trend, red and black history, problems and closing times, incidents, best practices,
// stores that never executed, execution decay.
//
// read_review checks supervision:board:read and reviews the reader's scope (reader_view.hpp):
// a region manager's review is its region's, a store manager's its store's (with its place on
// its region's lists). The HTML and XLSX reports lay the same result out in a language
// (io/report/supervision_report.hpp); the faces decide where they go.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/i18n/messages.hpp"
#include "app/session.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/base/result.hpp"
#include "core/supervision/review.hpp"

namespace pitwall::app::supervision {

struct ReviewRequest {
  std::string campaign;
  std::string to;  // the last day covered; "" = the campaign's last day, or yesterday
};

struct ReviewResult {
  CampaignInfo campaign;
  int64_t generated_at = 0;  // the session's clock
  std::shared_ptr<const core::Campaign> campaign_file;
  ViewFeeds feeds;
  std::shared_ptr<const std::vector<core::supervision::Problem>> problems;
  std::shared_ptr<const std::vector<core::supervision::Practice>> practices;
  core::supervision::Review review;  // points into *problems and *practices; indices into feeds
};

// Errors: kForbidden, kNotFound (campaign), kUsage at "--to", kConflict (no day has ended yet
// and no --to).
core::Result<ReviewResult> read_review(const Session& s, const ReviewRequest& r);

// The self-contained HTML report in `lang`.
std::string review_html(const ReviewResult& r, Lang lang);
// Writes the HTML report to `path` (atomically). Errors: kIo naming the path.
core::Status write_review_html(const ReviewResult& r, Lang lang, const std::string& path);
// Writes the workbook to `path`. Errors: kIo naming the path.
core::Status write_review_xlsx(const ReviewResult& r, Lang lang, const std::string& path);

}  // namespace pitwall::app::supervision
