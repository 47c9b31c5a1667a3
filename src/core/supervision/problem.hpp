#pragma once
// Problem loop (问题闭环, supervision.md "Problem loop"): problem -> owner -> actions ->
// resolved -> verified, with the measures time to first response, time to close, reopened
// count and the overdue list.
//
// A Problem is a plain value: the CLI keeps it as a JSON workflow record and calls these
// functions to change it, so every rule of the loop lives here and is tested without a store.
// Every change appends a ProblemEvent (who, when, what), so the record is its own history.
//
// States and the transitions allowed:
//   open        -> in_progress (first action), resolved (close), open (owner change)
//   in_progress -> in_progress (more actions), resolved (close)
//   resolved    -> verified (verify), open (reopen: the fix did not hold; reopened + 1)
//   verified    -> open (reopen)
// Anything else is kConflict naming the problem and its state. The person who closed a problem
// cannot verify it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"

namespace pitwall::core::supervision {

enum class ProblemStatus : uint8_t { kOpen, kInProgress, kResolved, kVerified };
std::string_view problem_status_token(ProblemStatus s);  // open | in_progress | resolved | verified
// Parses a token; false when unknown.
bool parse_problem_status(std::string_view token, ProblemStatus* out);

enum class ProblemEventKind : uint8_t { kOpen, kAction, kOwner, kClose, kVerify, kReopen };
std::string_view problem_event_token(ProblemEventKind k);  // open | action | owner | ...
bool parse_problem_event(std::string_view token, ProblemEventKind* out);

struct ProblemEvent {
  int64_t at = 0;  // UTC
  std::string by;  // user name
  ProblemEventKind kind = ProblemEventKind::kAction;
  std::string text;  // the action taken, the new owner, a note
};

struct Problem {
  std::string id;          // P0001, ... per campaign
  std::string store_code;  // "" for a network problem
  std::string title;
  std::string alert_key;  // the alert it was opened from ("" when opened by hand)
  std::string owner;
  ProblemStatus status = ProblemStatus::kOpen;
  int64_t opened_at = 0;
  int64_t due_at = 0;                   // opened_at + problem_due_hours
  int64_t first_response_at = kNoTime;  // first action or close
  int64_t closed_at = kNoTime;          // last resolution; kNoTime when not resolved
  int64_t verified_at = kNoTime;
  int64_t reopened = 0;
  std::vector<ProblemEvent> events;  // in time order

  bool is_closed() const {
    return status == ProblemStatus::kResolved || status == ProblemStatus::kVerified;
  }
  // Closed (resolved or verified) no later than due (supervision.md: within problem_due_hours).
  bool closed_on_time() const { return is_closed() && closed_at <= due_at; }
  // Open or in progress past its due time.
  bool is_overdue(int64_t now) const { return !is_closed() && now > due_at; }
};

struct ProblemDraft {
  std::string id;
  std::string store_code;
  std::string title;
  std::string alert_key;
  std::string owner;
  std::string by;
  std::string note;
};

// A new open problem, due `due_hours` after `now`. Errors: kInvalidInput when the title or the
// owner is empty.
Result<Problem> open_problem(const ProblemDraft& draft, int64_t now, int64_t due_hours);
// Records an action taken (sets the first response; open -> in_progress).
Status add_action(Problem& p, std::string_view by, std::string_view text, int64_t now);
// Hands the problem to another owner (not a response by itself).
Status change_owner(Problem& p, std::string_view by, std::string_view owner, int64_t now);
// Resolves the problem (the first response too, when nothing was done before).
Status close_problem(Problem& p, std::string_view by, std::string_view note, int64_t now);
// Confirms that a resolved problem stays fixed; kConflict when `by` closed it (a second person
// verifies).
Status verify_problem(Problem& p, std::string_view by, std::string_view note, int64_t now);
// The fix did not hold: back to open, reopened + 1, due again `due_hours` from now.
Status reopen_problem(Problem& p, std::string_view by, std::string_view note, int64_t now,
                      int64_t due_hours);

// Hours, summarised; count 0 means no values (the others are then 0).
struct HoursSummary {
  int64_t count = 0;
  double mean = 0;
  double median = 0;
  double max = 0;
};

struct ProblemStats {
  int64_t total = 0;
  int64_t open = 0, in_progress = 0, resolved = 0, verified = 0;
  int64_t overdue = 0;
  int64_t reopened = 0;         // sum of reopen counts
  int64_t closed_on_time = 0;   // among closed ones
  HoursSummary first_response;  // problems with a response: first_response_at - opened_at
  HoursSummary time_to_close;   // closed problems: closed_at - opened_at
};

ProblemStats problem_stats(std::span<const Problem> problems, int64_t now);
HoursSummary summarise_hours(std::vector<double> hours);

// Overdue problems at `now`, most overdue first (due time, then id).
std::vector<const Problem*> overdue_problems(std::span<const Problem> problems, int64_t now);

}  // namespace pitwall::core::supervision
