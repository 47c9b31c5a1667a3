#pragma once
// What every supervise command loads: the campaign, its zone, the supervision feeds built from
// the imported tables, and the desk's workflow records (problems, best practices, phase tasks)
// kept as JSON records in the workspace:
//   supervision.problems   key "<campaign>/<id>"    one problem with its events
//   supervision.practices  key "<campaign>/<id>"    one best practice with its adoptions
//   supervision.phase      key "<campaign>/<task>"  one phase task's done state
// Every write also appends its record to the log "supervision/<campaign>".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "core/supervision/best_practice.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/problem.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::cli {

inline constexpr std::string_view kProblems = "supervision.problems";
inline constexpr std::string_view kPractices = "supervision.practices";
inline constexpr std::string_view kPhaseTasks = "supervision.phase";

struct SupervisionData {
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  core::supervision::Feeds feeds;
  std::vector<core::supervision::Problem> problems;  // by id
  int32_t today = 0;                                 // local day of the clock
};

enum class WithOrders { kNo, kYes };  // orders and staff feed the red list's top staff

// Loads the campaign `id` and builds its feeds. Errors: kNotFound (campaign), kInvalidInput
// (an unusable [supervision] section or time zone).
core::Result<SupervisionData> load_supervision(const Context& ctx, store::Workspace& ws,
                                               std::string_view id, WithOrders orders);

// The campaign day of a --date value ("2023-03-02"); an empty text is today, kept within the
// campaign. Errors: kUsage for a malformed date or one outside the campaign.
core::Result<int32_t> campaign_day(const Context& ctx, const SupervisionData& data,
                                   std::string_view text, std::string_view option);
// Index of a --region value, -1 for ""; kUsage naming the known regions.
core::Result<int> region_of(const Context& ctx, const core::supervision::Feeds& feeds,
                            std::string_view region);

// Problems and practices as records.
io::Json problem_to_json(const core::supervision::Problem& p);
core::Result<core::supervision::Problem> problem_from_json(const io::Json& j);
core::Result<std::vector<core::supervision::Problem>> load_problems(store::Workspace& ws,
                                                                    std::string_view campaign);
core::Status save_problem(store::Workspace& ws, std::string_view campaign,
                          const core::supervision::Problem& p, int64_t now);

io::Json practice_to_json(const core::supervision::Practice& p);
core::Result<core::supervision::Practice> practice_from_json(const io::Json& j);
core::Result<std::vector<core::supervision::Practice>> load_practices(store::Workspace& ws,
                                                                      std::string_view campaign);
core::Status save_practice(store::Workspace& ws, std::string_view campaign,
                           const core::supervision::Practice& p, int64_t now);

// "2023-03-01T01:00:00Z" or null.
io::Json instant_json(int64_t t);
// The next id "P0004" / "BP004" after the highest of `ids` with that prefix.
std::string next_id(std::string_view prefix, int width, const std::vector<std::string>& ids);

// Whether `user` may act on `store_code` ("" = a network matter): HQ and directors anywhere,
// region managers on their region's stores, store managers on their store. kForbidden else.
core::Status check_scope(const Context& ctx, const store::User& user,
                         const core::supervision::Feeds& feeds, std::string_view store_code);

}  // namespace pitwall::cli
