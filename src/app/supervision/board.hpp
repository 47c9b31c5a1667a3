#pragma once
// The supervision desk's daily readings (supervision.md "Measures", "Red and black lists",
// "Alerts", "Trend", "Spot-check plan"): board, measures, alerts, trend and the spot-check plan
// of a campaign, as the session's person sees them.
//
// Every function first checks supervision:board:read, then answers within the person's scope
// (reader_view.hpp): a store manager sees its store's measures, alerts and board entry, a
// region manager its region's, aggregates cover those stores only. Results name stores and
// regions by index into `feeds`, the reader's stores (by code) and regions (by name).
//
// Errors: kForbidden (no read right), kNotFound (campaign), kUsage at the request's field
// ("--date", "--region", "--n") for a malformed or unknown value, kInvalidInput (an unusable
// [supervision] section).

#include <cstdint>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/measures.hpp"
#include "core/supervision/problem.hpp"
#include "core/supervision/sampling.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::app::supervision {

// The most stores a board list or a spot-check plan may ask for (the network has hundreds).
inline constexpr int64_t kMostListed = 100000;

struct BoardRequest {
  std::string campaign;
  std::string date;     // "2023-03-02"; "" = today, kept within the campaign
  std::string region;   // "" = every region the reader sees
  int64_t length = -1;  // list length 1..kMostListed; -1 = the campaign's list_length
};
struct BoardResult {
  CampaignInfo campaign;
  ViewFeeds feeds;
  core::supervision::Board board;
  std::vector<core::supervision::Problem> overdue;  // the reader's overdue problems
};
core::Result<BoardResult> read_board(const Session& s, const BoardRequest& r);

struct MeasuresRequest {
  std::string campaign;
  std::string date;
  std::string region;
};
struct StoreMeasures {
  int store = 0;  // index into feeds
  core::supervision::StoreMeasure measure;
};
struct MeasuresResult {
  CampaignInfo campaign;
  ViewFeeds feeds;
  int32_t day = 0;
  int region = -1;
  std::vector<StoreMeasures> stores;  // by store code
};
core::Result<MeasuresResult> read_measures(const Session& s, const MeasuresRequest& r);

struct AlertsRequest {
  std::string campaign;
  std::string date;
  std::string region;
};
struct AlertsResult {
  CampaignInfo campaign;
  ViewFeeds feeds;
  int32_t day = 0;
  int region = -1;
  bool day_ended = false;
  std::vector<core::supervision::Alert> alerts;  // network alerts first, then by store
};
core::Result<AlertsResult> list_alerts(const Session& s, const AlertsRequest& r);

struct TrendRequest {
  std::string campaign;
  std::string to;  // last day; "" = today
  std::string region;
};
struct TrendResult {
  CampaignInfo campaign;
  ViewFeeds feeds;
  int region = -1;
  std::vector<core::supervision::TrendPoint> days;
};
core::Result<TrendResult> read_trend(const Session& s, const TrendRequest& r);

struct SampleRequest {
  std::string campaign;
  std::string date;  // the day whose board and alerts give the risk
  int64_t n = 10;    // stores to plan, 1..kMostListed
  uint64_t seed = 1;
};
struct SampleResult {
  CampaignInfo campaign;
  ViewFeeds feeds;
  core::supervision::SamplePlan plan;
};
core::Result<SampleResult> plan_sample(const Session& s, const SampleRequest& r);

}  // namespace pitwall::app::supervision
