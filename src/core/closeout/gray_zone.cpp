// Findings merged into one list, and the gray zone (closeout.md §7): fraud flags, store claims,
// fills that changed attribution, orders within 10 minutes of a cut-off — the candidates the
// arbitration workflow decides.
#include <algorithm>
#include <tuple>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
constexpr int64_t kNearCutoffSeconds = 10 * 60;

bool near(int64_t t, int64_t cutoff) {
  if (t == kNoTime) return false;
  int64_t gap = t > cutoff ? t - cutoff : cutoff - t;
  return gap <= kNearCutoffSeconds;
}

void add_finding_items(Pipeline& p, std::vector<GrayZoneItem>& items) {
  const auto& list = p.out.findings.items();
  for (uint32_t i = 0; i < list.size(); ++i) {
    const Finding& f = list[i];
    GrayZoneItem item{f.order, GrayKind::kFraudFlag, i, kNoField, 0};
    if (rule_stage(f.rule) == Stage::kFraud && f.action == Action::kFlag) {
      items.push_back(item);
    } else if (f.rule == Rule::kStoreCorrection && f.action == Action::kFlag) {
      item.kind = GrayKind::kStoreClaim;
      items.push_back(item);
    } else if (f.rule == Rule::kFillStore || f.rule == Rule::kFillHomeStore) {
      item.kind = GrayKind::kFillChangedAttribution;
      items.push_back(item);
    }
  }
}

void add_near_cutoff_items(Pipeline& p, std::vector<GrayZoneItem>& items) {
  int64_t end = p.campaign.end;
  int64_t review = p.review_cutoff();
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t r = p.row(k);
    if (near(p.created[r], end)) {
      items.push_back({k, GrayKind::kNearCutoff, UINT32_MAX, orders::kCreatedAt, end});
    }
    if (near(p.paid_at[r], end)) {
      items.push_back({k, GrayKind::kNearCutoff, UINT32_MAX, orders::kPaidAt, end});
    }
    if (near(p.approved[r], review)) {
      items.push_back({k, GrayKind::kNearCutoff, UINT32_MAX, orders::kApprovedAt, review});
    }
  }
}
}  // namespace

void finish_findings(Pipeline& p) {
  // Problems may be found on two threads: list them by source and line.
  std::sort(p.out.problems.begin(), p.out.problems.end(),
            [](const InputProblem& a, const InputProblem& b) {
              return std::tie(a.source, a.line, a.code, a.value) <
                     std::tie(b.source, b.line, b.code, b.value);
            });
  FindingList& all = p.out.findings;
  FindingList* lists[] = {&p.collect_findings, &p.validate_findings, &p.clean_findings,
                          &p.fraud_findings};
  all.append(lists);
  all.sort_by_order();
  auto& items = p.out.gray_zone;
  add_finding_items(p, items);
  add_near_cutoff_items(p, items);
  std::sort(items.begin(), items.end(), [](const GrayZoneItem& a, const GrayZoneItem& b) {
    if (a.order != b.order) return a.order < b.order;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.finding != b.finding) return a.finding < b.finding;
    return a.field < b.field;
  });
}

}  // namespace pitwall::core::closeout::detail

namespace pitwall::core::closeout {

std::string_view gray_kind_token(GrayKind kind) {
  switch (kind) {
    case GrayKind::kFraudFlag:
      return "fraud_flag";
    case GrayKind::kNearCutoff:
      return "near_cutoff";
    case GrayKind::kFillChangedAttribution:
      return "fill_changed_attribution";
    case GrayKind::kStoreClaim:
      return "store_claim";
  }
  return "fraud_flag";
}

}  // namespace pitwall::core::closeout
