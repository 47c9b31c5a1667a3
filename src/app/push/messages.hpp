#pragma once
// The messages the desk pushes (server.md §7), composed in a target's language from the
// supervision desk's results and the campaign's closing plan: words only, no robot's format
// (robots.hpp renders them). A message is a title and lines, each line a heading, a bold line,
// plain text or a quote; the lines come in order of importance, so that a message cut to a
// robot's size limit loses its tail first and ends with a link to the desk.
//
//   board     the day's red and black stores with their reasons in words, the day's
//             participation against the target, the day's alerts and the open problems
//   alert     one critical alert (incident, network or store complaint burst, critical checklist
//             failure) with what to do (the incident's playbook)
//   reminder  one of the closing plan's internal cut-offs: store audit, dispute, freeze, seal

#include <cstdint>
#include <string>
#include <vector>

#include "app/i18n/messages.hpp"
#include "app/supervision/board.hpp"
#include "core/supervision/alerts.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::app::push {

struct Line {
  enum class Style : uint8_t { kHeading, kStrong, kPlain, kQuote };
  Style style = Style::kPlain;
  std::string text;
};

struct Composed {
  std::string title;
  std::vector<Line> lines;
  std::string link;       // the desk's page ("" when no public address is configured)
  std::string link_text;  // its words
};

// The board of `board.board.day` for the reader the board was made for (a region's reader sees
// its region), with the reader's open problems (overdue at `now`).
Composed compose_board(Lang lang, const supervision::BoardResult& board,
                       const std::vector<core::supervision::Problem>& open_problems, int64_t now,
                       const std::string& link);

// Whether an alert is pushed as it happens (the others are on the board).
bool is_critical(core::supervision::AlertKind kind);
Composed compose_alert(Lang lang, const supervision::CampaignInfo& campaign,
                       const core::supervision::Feeds& feeds, const core::supervision::Alert& alert,
                       const std::string& link);

// The closing plan's internal cut-offs (closeout.md "Lifecycle", "Closing gracefully").
enum class Milestone : uint8_t { kStoreAudit, kDispute, kFreeze, kSeal };
inline constexpr Milestone kMilestones[] = {Milestone::kStoreAudit, Milestone::kDispute,
                                            Milestone::kFreeze, Milestone::kSeal};
std::string_view milestone_token(Milestone m);  // store_audit | dispute | freeze | seal
Composed compose_reminder(Lang lang, const std::string& campaign_name, Milestone m,
                          const std::string& local_time, const std::string& link);

// A short message to check a target works (`push target test`).
Composed compose_test(Lang lang, const std::string& target_name);

}  // namespace pitwall::app::push
