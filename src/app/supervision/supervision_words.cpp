#include "app/supervision/supervision_words.hpp"

#include <fmt/format.h>

#include "core/supervision/measures.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

std::string percent(double share) {
  return fmt::format("{:.1f}%", sv::round_half_away(share * 100.0, 1));
}

std::string score_text(std::optional<double> score) {
  return score ? fmt::format("{:.2f}", *score) : std::string("—");
}

std::string day_text(int32_t day) { return core::format_date(core::civil_from_days(day)); }

std::string item_word(Lang lang, int item) {
  return tr(lang, fmt::format("supervision.item.{}", core::words::kChecklistItems[item]));
}

std::string item_failed_word(Lang lang, int item) {
  return tr(lang, fmt::format("supervision.item_failed.{}", core::words::kChecklistItems[item]));
}

std::string category_word(Lang lang, int category) {
  return tr(lang,
            fmt::format("supervision.category.{}", core::words::kComplaintCategories[category]));
}

std::string reason_text(Lang lang, const sv::Reason& r) {
  std::string key = fmt::format("supervision.reason.{}", sv::reason_code_token(r.code));
  switch (r.code) {
    case sv::ReasonCode::kLowParticipation:
    case sv::ReasonCode::kAboveTarget:
      return tr(lang, key, percent(r.value), percent(r.reference));
    case sv::ReasonCode::kLagging:
      return tr(lang, key, percent(r.value), percent(r.reference),
                fmt::format("{:.2f}", sv::round_half_away(r.extra, 2)));
    case sv::ReasonCode::kCriticalItemFailed:
      return item_failed_word(lang, r.word);
    case sv::ReasonCode::kComplaintBurst:
      return tr(lang, key, r.count, category_word(lang, r.word));
    case sv::ReasonCode::kTopParticipation:
      return tr(lang, key, percent(r.value));
    case sv::ReasonCode::kBestImprovement:
    case sv::ReasonCode::kImproved:
      return tr(lang, key, fmt::format("{:.1f}", sv::round_half_away(r.value, 1)));
    case sv::ReasonCode::kChecklistPassed:
    case sv::ReasonCode::kProblemsOnTime:
      return tr(lang, key, r.count, r.of);
    case sv::ReasonCode::kNoComplaints:
      return tr(lang, key, r.count);
    case sv::ReasonCode::kTopStaff:
      return tr(lang, key, r.name, r.count);
    default:
      return tr(lang, key);
  }
}

std::string alert_kind_word(Lang lang, sv::AlertKind kind) {
  return tr(lang, fmt::format("supervision.alert.{}", sv::alert_kind_token(kind)));
}

std::string alert_text(Lang lang, const sv::Feeds& feeds, const sv::Alert& a) {
  std::string key = fmt::format("supervision.alert_detail.{}", sv::alert_kind_token(a.kind));
  switch (a.kind) {
    case sv::AlertKind::kSystemIncident:
      return tr(lang, key, a.count, a.of, percent(static_cast<double>(a.count) / a.of)) + " " +
             tr(lang, "supervision.playbook");
    case sv::AlertKind::kNetworkBurst:
      return tr(lang, key, a.count, category_word(lang, a.category));
    case sv::AlertKind::kComplaintBurst:
      return tr(lang, key, a.count, category_word(lang, a.category),
                core::format_local(a.time, *feeds.zone).substr(11, 5));
    case sv::AlertKind::kChecklistFailure:
      return tr(lang, key, item_failed_word(lang, a.item));
    case sv::AlertKind::kLagging:
      return tr(lang, key, percent(a.value), percent(a.median),
                fmt::format("{:.2f}", sv::round_half_away(a.z, 2)));
    case sv::AlertKind::kSilent:
      return tr(lang, a.reported ? "supervision.alert_detail.no_score" : key);
  }
  return {};
}

std::string alert_title(Lang lang, const sv::Feeds& feeds, const sv::Alert& a) {
  std::string detail;
  switch (a.kind) {
    case sv::AlertKind::kSystemIncident:
      detail = tr(lang, "supervision.alert_detail.incident", a.count, a.of,
                  percent(static_cast<double>(a.count) / a.of));
      break;
    case sv::AlertKind::kChecklistFailure:
      detail = item_failed_word(lang, a.item);
      break;
    default:
      detail = alert_text(lang, feeds, a);
  }
  return tr(lang, "supervision.alert_title", alert_kind_word(lang, a.kind), detail);
}

std::string store_label(const sv::Feeds& feeds, int store) {
  const sv::Store& s = feeds.stores[store];
  return fmt::format("{} {}", s.code, s.name);
}

std::string share_text(std::optional<double> share) {
  return share ? percent(*share) : std::string("—");
}

std::string rate_text(std::optional<double> rate) {
  return rate ? fmt::format("{:.2f}", sv::round_half_away(*rate, 2)) : std::string("—");
}

std::string reasons_text(Lang lang, const std::vector<sv::Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += lang == Lang::kZh ? "；" : "; ";
    out += reason_text(lang, r);
  }
  return out;
}

std::string figures_line(Lang lang, const std::string& label, const sv::Figures& f) {
  return tr(lang, "supervision.figures_line", label, f.stores, f.reporting,
            share_text(f.participation), share_text(f.cum_participation),
            rate_text(f.complaint_rate), score_text(f.mean_score), f.alerts, f.executing);
}

std::string scope_label(Lang lang, const app::supervision::CampaignInfo& campaign,
                        const sv::Feeds& feeds, int region) {
  if (region >= 0) return feeds.regions[region];
  return campaign.scope.is_network() ? tr(lang, "supervision.network") : campaign.scope.name;
}

std::string phase_word(Lang lang, sv::Phase phase) {
  return tr(lang, fmt::format("supervision.phase.{}", sv::phase_token(phase)));
}

std::string task_word(Lang lang, std::string_view task) {
  return tr(lang, fmt::format("supervision.task.{}", task));
}

std::string level_word(Lang lang, int level) {
  return tr(lang, fmt::format("supervision.level.{}", core::words::kSurveyLevels[level]));
}

std::string status_word(Lang lang, sv::ProblemStatus status) {
  return tr(lang, fmt::format("supervision.report.status_{}", sv::problem_status_token(status)));
}

}  // namespace pitwall::app::supervision
