#pragma once
// The problem loop (问题闭环, supervision.md "Problem loop") as use cases: open a problem (by
// hand or from an alert in one step), work on it (action, new owner, close, verify, reopen),
// list and show problems. The loop's rules are core/supervision/problem.hpp; these functions
// decide who may act and store the change.
//
// Who (server.md §2): supervision:problems:write opens and changes problems, within the scope:
// HQ anywhere, a region manager on its region's stores, a store manager on its own store's
// problems, which it works on but does not open (a region manager or HQ opens them). A problem
// outside the scope does not exist for the person: kNotFound, the words of a missing one.
// Reads (supervision:board:read) list the problems within the scope.
//
// Writes run in one workspace transaction that checks the person again, re-reads the problems,
// allocates the id ("P0001") from what it read, creates the record with insert_record (updates
// rewrite the record re-read inside), and appends the change to the log. Two people at once:
// both changes apply in order, or the later one finds the state changed (kConflict).

#include <cstdint>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/base/result.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::app::supervision {

struct OpenProblemRequest {
  std::string campaign;
  std::string alert;  // an alert key from the board: opens from it in one step
  std::string store;  // by hand: the store code ("" with no alert = a network problem, HQ's)
  std::string title;  // by hand; from an alert, default its kind and detail
  std::string owner;  // who acts on it
  std::string note;
};

enum class ProblemChange : uint8_t {
  kUpdate,  // record an action and/or hand over to a new owner
  kClose,   // resolved
  kVerify,  // a second person confirms the fix holds
  kReopen,  // the fix did not hold
};

struct UpdateProblemRequest {
  std::string campaign;
  std::string id;  // "P0001"
  ProblemChange change = ProblemChange::kUpdate;
  std::string action;  // kUpdate: what was done
  std::string owner;   // kUpdate: who takes over
  std::string note;    // kClose, kVerify, kReopen
};

struct ProblemResult {
  CampaignInfo campaign;
  core::supervision::Problem problem;
};

// Errors: kForbidden (no write right; a store manager opening), kNotFound (campaign, an alert or
// store unknown or outside the scope), kAlreadyExists (the alert has a problem), kUsage at
// "--store" (a region manager's problem without a store), kInvalidInput (no title or owner).
core::Result<ProblemResult> open_problem(const Session& s, const OpenProblemRequest& r);
// Errors: kForbidden, kNotFound (campaign; the problem unknown or outside the scope), kUsage
// (an update with neither action nor owner), kConflict (the problem's state does not allow the
// change, e.g. it was closed meanwhile; whoever closed it cannot verify it).
core::Result<ProblemResult> update_problem(const Session& s, const UpdateProblemRequest& r);

struct ListProblemsRequest {
  std::string campaign;
  std::string status;  // "" or open | in_progress | resolved | verified
  std::string store;   // "" or a store code
  bool overdue_only = false;
};
struct ProblemListResult {
  CampaignInfo campaign;
  int64_t now = 0;                                   // overdue is judged at this instant
  std::vector<core::supervision::Problem> problems;  // matching, by id
  core::supervision::ProblemStats stats;             // of every problem in the scope
};
// Errors: kForbidden, kNotFound (campaign), kUsage at "--status".
core::Result<ProblemListResult> list_problems(const Session& s, const ListProblemsRequest& r);

struct ShowProblemRequest {
  std::string campaign;
  std::string id;
};
// Errors: kForbidden, kNotFound (campaign; the problem unknown or outside the scope).
core::Result<ProblemResult> show_problem(const Session& s, const ShowProblemRequest& r);

}  // namespace pitwall::app::supervision
