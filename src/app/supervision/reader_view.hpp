#pragma once
// The reader's view of a campaign (server.md §2 "Roles and row-level scope"): the network's
// analysis restricted to the stores of the reader's scope.
//
// The analysis (measures, alerts) is always computed over the whole network, so a store's facts
// are the same whoever looks: a lagging alert compares the store with its whole region, an
// incident counts the campaign's stores. The view then keeps only the reader's stores: their
// rows, checks, complaints, measures and store alerts, renumbered. Aggregates computed on the
// view (figures, mean scores, list sizes, trend, review, spot-check strata, practice effects)
// therefore cover the reader's scope only. Network alerts (incident, network burst) and feed
// notes are network matters: a scoped reader's view has none (they would reveal counts of
// stores outside the scope).
//
// The red and black lists are published per network or region (supervision.md "Red and black
// lists"): a region manager's board is its region's; a store manager's entry is its place on
// its region's board (`lists`), never a list of its own of one store.

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "app/permission.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/model/table.hpp"
#include "core/supervision/best_practice.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/review.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::app::supervision {

struct View {
  core::supervision::Feeds feeds;        // the reader's stores (by code) and their regions
  core::supervision::Timeline timeline;  // their measures and alerts (empty when not analysed)
  std::vector<int> network_index;        // view store -> store index in the network's feeds
};

// Projects the network's feeds (and timeline, when given) onto `stores` (ascending network
// indices). `network` keeps network alerts and feed notes (a network-wide reader).
View project(const core::supervision::Feeds& feeds, const core::supervision::Timeline* timeline,
             std::span<const int> stores, bool network);

// Whether a store (by code; "" = a network matter) lies within `scope`: a campaign store of the
// scope's region or the scope's store; everything for the network.
bool covers(const Scope& scope, const core::supervision::Feeds& feeds, std::string_view store_code);

// The problems within `scope`, by id.
std::vector<core::supervision::Problem> problems_in(
    const Scope& scope, const core::supervision::Feeds& feeds,
    std::span<const core::supervision::Problem> problems);

// A best practice as `scope` sees it: the store where it was found only when within the scope
// (else ""), the scope's adoptions only.
core::supervision::Practice practice_in(const Scope& scope, const core::supervision::Feeds& feeds,
                                        core::supervision::Practice practice);

// The survey rows of respondents at stores within `scope` (every row for the network).
core::Table survey_in(const Scope& scope, const core::supervision::Feeds& feeds,
                      const core::Table& survey);

// What one reader sees of a campaign (views are shared: a memo may keep them).
struct Reading {
  Scope scope;
  std::shared_ptr<const View> view;
  std::shared_ptr<const View> lists;  // a store manager: its region, whose board lists the store
};

// The reading of `data` for `scope`; `timeline` is the network's analysis (may be null when the
// use case needs only the feeds).
Reading read_as(const Scope& scope, const SupervisionData& data,
                const core::supervision::Timeline* timeline);

// The network's analysis up to `day` at the session's clock, and the session's reading of it.
// With the session's memo, both are kept there: the analysis under the data's content, the day
// and the days ended by now (all it depends on); each view under that and the stores it shows
// (a store manager's region lists are its region manager's view). A hundred store managers
// reading the same day's board analyse the network once.
struct Analysed {
  std::shared_ptr<const core::supervision::Timeline> timeline;
  Reading reading;
};
core::Result<Analysed> analyse_as(const Session& s, const SupervisionData& data, int32_t day);

// The feeds of a reading's view, sharing its ownership.
ViewFeeds view_feeds(const Reading& r);

// The reader's board of `day` (`region`: an index of the view's regions, -1 = the whole view).
core::supervision::Board reader_board(const Reading& r, const core::SupervisionRule& rule,
                                      int32_t day, int region);
// The reader's trend: the view's figures by day, list sizes as on the reader's board.
std::vector<core::supervision::TrendPoint> reader_trend(const Reading& r,
                                                        const core::SupervisionRule& rule,
                                                        int region);
// Replaces a review's red and black history with the reader's lists (store managers).
void apply_reader_lists(const Reading& r, const core::SupervisionRule& rule,
                        core::supervision::Review& review);

// A region option: -1 for "", else its index among the view's regions. Errors: kUsage at
// "--region" naming the regions the reader sees (one outside the scope is unknown, as one that
// exists nowhere).
core::Result<int> region_in(const Session& s, const View& view, std::string_view region);

}  // namespace pitwall::app::supervision
