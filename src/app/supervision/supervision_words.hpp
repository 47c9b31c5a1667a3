#pragma once
// Words of the supervision desk: reasons, alerts, items, categories, phases and tasks in a
// language, from the message catalogue (catalogue_supervision.cpp). Shared by every face's text
// (the terminal, the review report, a new problem's title); the JSON results hold tokens, never
// these words.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/i18n/messages.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/supervision/alerts.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/phase_plan.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::app::supervision {

// "31.0%" of a share 0.31 (one decimal, half away from zero).
std::string percent(double share);
// "12.50" of a score, "—" of none.
std::string score_text(std::optional<double> score);
// "2023-03-02" of a local day number.
std::string day_text(int32_t day);

std::string item_word(Lang lang, int item);          // 物料到位 / materials displayed
std::string item_failed_word(Lang lang, int item);   // 海报未张贴 / poster not displayed
std::string category_word(Lang lang, int category);  // 规则不清 / rules unclear
std::string reason_text(Lang lang, const core::supervision::Reason& reason);
std::string alert_kind_word(Lang lang, core::supervision::AlertKind kind);
std::string alert_text(Lang lang, const core::supervision::Feeds& feeds,
                       const core::supervision::Alert& alert);
// A problem title for an alert: its kind and the short detail (no playbook).
std::string alert_title(Lang lang, const core::supervision::Feeds& feeds,
                        const core::supervision::Alert& alert);
// "E01 上海徐汇服务中心"
std::string store_label(const core::supervision::Feeds& feeds, int store);
// "31.0%" or "—"
std::string share_text(std::optional<double> share);
// "2.50" or "—" (complaints per 100 participants)
std::string rate_text(std::optional<double> rate);
// The reasons' words, joined.
std::string reasons_text(Lang lang, const std::vector<core::supervision::Reason>& reasons);
// One line of figures under a label (the network, a region).
std::string figures_line(Lang lang, const std::string& label, const core::supervision::Figures& f);
// What a result's figures cover: the region's name, else the reader's region or store, else the
// network's word.
std::string scope_label(Lang lang, const CampaignInfo& campaign,
                        const core::supervision::Feeds& feeds, int region);
std::string phase_word(Lang lang, core::supervision::Phase phase);
std::string task_word(Lang lang, std::string_view task);
std::string level_word(Lang lang, int level);  // survey level: 总部运营 / HQ
std::string status_word(Lang lang, core::supervision::ProblemStatus status);

}  // namespace pitwall::app::supervision
