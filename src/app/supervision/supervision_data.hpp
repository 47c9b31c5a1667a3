#pragma once
// What every supervision use case loads: the campaign, its zone, the supervision feeds built from
// the imported tables (supervision.md "Daily inputs"), and the desk's workflow records kept as
// JSON records in the workspace:
//   supervision.problems   key "<campaign>/<id>"    one problem with its events
//   supervision.practices  key "<campaign>/<id>"    one best practice with its adoptions
//   supervision.phase      key "<campaign>/<task>"  one phase task's done state
// Every write also appends {collection, key, at, record} to the log "supervision/<campaign>".
//
// Records keep instants as UTC ("2023-03-01T13:00:00Z"); the results show them in the campaign's
// zone (supervision_json.hpp). Nothing here checks who asks: the use cases do (permission.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/permission.hpp"
#include "app/session.hpp"
#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/campaign.hpp"
#include "core/supervision/best_practice.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/problem.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::supervision {

inline constexpr std::string_view kProblems = "supervision.problems";
inline constexpr std::string_view kPractices = "supervision.practices";
inline constexpr std::string_view kPhaseTasks = "supervision.phase";

// The network's data of one campaign (before any scope is applied).
struct SupervisionData {
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  std::shared_ptr<const core::supervision::Feeds> feeds;  // shared with the session's memo
  std::vector<core::supervision::Problem> problems;       // by id
  int32_t today = 0;                                      // local day of the session's clock
  // What an analysis of these data rests on, as a memo key: the feeds' content and the problems'
  // records ("" when the session has no memo).
  std::string content_key;
};

// What every result says of its campaign and of whom it was made for.
struct CampaignInfo {
  std::string id;
  std::string name;
  const core::TimeZone* zone = nullptr;  // instants are shown in it
  int32_t first_day = 0;                 // local day numbers
  int32_t last_day = 0;
  double target_participation = 0;
  Scope scope;  // the reader's: every list and aggregate of the result covers it
};

// The reader's stores and regions (the indices of a result refer to them).
using ViewFeeds = std::shared_ptr<const core::supervision::Feeds>;

CampaignInfo campaign_info(const Session& s, const SupervisionData& d);

// The bytes a memo counts for feeds (an estimate of what they hold).
size_t bytes_of(const core::supervision::Feeds& feeds);

enum class WithOrders { kNo, kYes };  // orders and staff feed the red list's top staff

// The stored campaign `id`. Errors: kNotFound naming the id and the known ones, kInvalidInput
// for a campaign file that no longer parses.
core::Result<core::Campaign> load_campaign(const Session& s, std::string_view id);

// Loads the campaign `id`, builds its feeds and reads its problems. Errors: kNotFound
// (campaign), kInvalidInput (an unusable [supervision] section or time zone), kCorrupt (a
// damaged record).
core::Result<SupervisionData> load_supervision(const Session& s, std::string_view id,
                                               WithOrders orders);

// The campaign day of a date field ("2023-03-02"); an empty text is today, kept within the
// campaign. Errors: kUsage at `field` for a malformed date or one outside the campaign.
core::Result<int32_t> campaign_day(const Session& s, const SupervisionData& data,
                                   std::string_view text, std::string_view field);

// Records of the workspace.
std::string record_key(std::string_view campaign, std::string_view id);
io::Json problem_record(const core::supervision::Problem& p);
core::Result<core::supervision::Problem> problem_from_record(std::string_view json);
// `digest`, when given, receives the SHA-256 of the records read (keys and texts).
core::Result<std::vector<core::supervision::Problem>> load_problems(store::Workspace& ws,
                                                                    std::string_view campaign,
                                                                    std::string* digest = nullptr);
io::Json practice_record(const core::supervision::Practice& p);
core::Result<core::supervision::Practice> practice_from_record(std::string_view json);
core::Result<std::vector<core::supervision::Practice>> load_practices(store::Workspace& ws,
                                                                      std::string_view campaign);

// A phase task's done state as recorded.
struct TaskState {
  std::string task;
  bool done = false;
  std::string by;
  int64_t at = core::kNoTime;
  std::string note;
};
io::Json task_record(const TaskState& t);
core::Result<std::vector<TaskState>> load_tasks(store::Workspace& ws, std::string_view campaign);

// Appends {collection, key, at, record} to the log "supervision/<campaign>" (inside the write's
// transaction).
core::Status append_supervision_log(store::Workspace& ws, std::string_view campaign,
                                    std::string_view collection, std::string_view key,
                                    const io::Json& record, int64_t now);

// The next id "P0004" / "BP004" after the highest of `ids` with that prefix.
std::string next_id(std::string_view prefix, int width, const std::vector<std::string>& ids);

// Inside a write's transaction: the person's permission checked again against their role and
// scope as stored now (server.md §2: "before and again inside the write's transaction"); returns
// the scope the write must keep to. Errors: kForbidden, kNotFound (the user was removed).
core::Result<Scope> recheck(const Session& s, Permission p);
// The same, and kStateForbids in words when `campaign` is sealed (its records never change
// again; the database would refuse them too, in words meant for no one).
core::Result<Scope> recheck(const Session& s, Permission p, std::string_view campaign);

// A kUsage error at a request field (the CLI's option name, e.g. "--date").
core::Error usage_error(std::string message, std::string_view field);

}  // namespace pitwall::app::supervision
