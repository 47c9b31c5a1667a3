#include "app/supervision/problems.hpp"

#include <fmt/format.h>

#include "app/permission.hpp"
#include "app/supervision/reader_view.hpp"
#include "app/supervision/supervision_words.hpp"
#include "core/supervision/timeline.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

core::Error not_found_at(std::string message, std::string_view field) {
  core::Error e = core::not_found(std::move(message));
  e.at_column(std::string(field));
  return e;
}

core::Error unknown_problem(const Session& s, std::string_view id, std::string_view campaign) {
  return core::not_found(s.tr("supervision.unknown_problem", id, campaign));
}

// The alert with `key` ("lagging/2023-03-02/S012") among the reader's alerts of its day
// (network alerts are HQ's: a scoped reader has none).
core::Result<sv::ProblemDraft> draft_from_alert(const Session& s, const SupervisionData& d,
                                                const Scope& scope, const std::string& key) {
  size_t a = key.find('/'), b = a == std::string::npos ? a : key.find('/', a + 1);
  std::string date = b == std::string::npos ? std::string() : key.substr(a + 1, b - a - 1);
  if (date.empty()) return not_found_at(s.tr("supervision.unknown_alert", key), "--alert");
  int32_t day = TRY(campaign_day(s, d, date, "--alert"));
  sv::Timeline t = sv::analyse(*d.feeds, d.problems, d.campaign.supervision, day, s.now);
  Reading reading = read_as(scope, d, &t);
  const sv::Feeds& feeds = reading.view->feeds;
  for (const sv::Alert& alert : reading.view->timeline.alerts_of(day)) {
    if (alert.key(feeds) != key) continue;
    sv::ProblemDraft draft;
    draft.alert_key = key;
    draft.store_code = alert.store >= 0 ? feeds.stores[alert.store].code : "";
    draft.title = alert_title(s.lang, feeds, alert);
    return draft;
  }
  return not_found_at(s.tr("supervision.unknown_alert", key), "--alert");
}

// Whether the person may open a problem on `store_code` ("" = a network problem).
core::Status may_open(const Session& s, const SupervisionData& d, const Scope& scope,
                      const std::string& store_code) {
  if (scope.kind == Scope::Kind::kStore) {
    // server.md §2: a store manager updates its store's problems; others open them.
    return core::make_error(core::ErrorCode::kForbidden,
                            s.tr("supervision.store_cannot_open", s.principal.name, scope.name));
  }
  if (store_code.empty()) {
    if (scope.is_network()) return {};
    return usage_error(s.tr("supervision.store_needed"), "--store");
  }
  if (d.feeds->find_store(store_code) >= 0 && covers(scope, *d.feeds, store_code)) return {};
  return not_found_at(s.tr("supervision.unknown_store", store_code), "--store");
}

core::Result<sv::ProblemDraft> draft_of(const Session& s, const SupervisionData& d,
                                        const OpenProblemRequest& r) {
  const Scope scope = scope_of(s);
  sv::ProblemDraft draft;
  if (!r.alert.empty()) {
    if (scope.kind != Scope::Kind::kStore) draft = TRY(draft_from_alert(s, d, scope, r.alert));
  } else {
    draft.store_code = r.store;
  }
  TRY(may_open(s, d, scope, draft.store_code));
  if (!r.title.empty()) draft.title = r.title;
  draft.owner = r.owner;
  draft.by = s.principal.name;
  draft.note = r.note;
  return draft;
}

// The problem loop's refusals in the session's language. `what` names the change tried.
core::Status worded(const Session& s, const sv::Problem& p, std::string_view what,
                    core::Status status) {
  if (status) return status;
  core::Error e = status.release_error();
  if (e.code == core::ErrorCode::kConflict) {
    if (what == "verify" && p.status == sv::ProblemStatus::kResolved) {
      e.message = s.tr("supervision.closer_verifies", p.id, s.principal.name);
    } else {
      e.message = s.tr("supervision.problem_state", p.id, status_word(s.lang, p.status),
                       s.tr(fmt::format("supervision.change.{}", what)));
    }
  } else if (e.code == core::ErrorCode::kInvalidInput && !e.where.column.empty()) {
    std::string field = e.where.column;
    e.message = s.tr(fmt::format("supervision.{}_required", field));
    e.where.column = "--" + field;
  }
  return e;
}

core::Status apply(const Session& s, const core::SupervisionRule& rule, sv::Problem& p,
                   const UpdateProblemRequest& r) {
  const std::string& by = s.principal.name;
  switch (r.change) {
    case ProblemChange::kUpdate:
      if (!r.owner.empty()) TRY(worded(s, p, "owner", sv::change_owner(p, by, r.owner, s.now)));
      if (!r.action.empty()) TRY(worded(s, p, "action", sv::add_action(p, by, r.action, s.now)));
      return {};
    case ProblemChange::kClose:
      return worded(s, p, "close", sv::close_problem(p, by, r.note, s.now));
    case ProblemChange::kVerify:
      return worded(s, p, "verify", sv::verify_problem(p, by, r.note, s.now));
    case ProblemChange::kReopen:
      return worded(s, p, "reopen",
                    sv::reopen_problem(p, by, r.note, s.now, rule.problem_due_hours));
  }
  return {};
}

}  // namespace

core::Result<ProblemResult> open_problem(const Session& s, const OpenProblemRequest& r) {
  TRY(authorize(s, Permission::kProblemWrite));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  sv::ProblemDraft draft = TRY(draft_of(s, d, r));
  store::Workspace& ws = s.workspace();
  sv::Problem opened;
  TRY(ws.transaction([&]() -> core::Status {
    Scope scope = TRY(recheck(s, Permission::kProblemWrite, d.campaign.id));
    TRY(may_open(s, d, scope, draft.store_code));
    auto problems = TRY(load_problems(ws, d.campaign.id));
    std::vector<std::string> ids;
    for (const sv::Problem& p : problems) {
      if (!draft.alert_key.empty() && p.alert_key == draft.alert_key) {
        return core::make_error(core::ErrorCode::kAlreadyExists,
                                s.tr("supervision.alert_has_problem", draft.alert_key, p.id));
      }
      ids.push_back(p.id);
    }
    draft.id = next_id("P", 4, ids);
    auto made = sv::open_problem(draft, s.now, d.campaign.supervision.problem_due_hours);
    if (!made) return worded(s, sv::Problem{}, "open", made.release_error());
    opened = made.release_value();
    io::Json record = problem_record(opened);
    TRY(ws.insert_record(kProblems, record_key(d.campaign.id, opened.id), record.dump(), s.now));
    return append_supervision_log(ws, d.campaign.id, kProblems, opened.id, record, s.now);
  }));
  return ProblemResult{campaign_info(s, d), std::move(opened)};
}

core::Result<ProblemResult> update_problem(const Session& s, const UpdateProblemRequest& r) {
  TRY(authorize(s, Permission::kProblemWrite));
  if (r.change == ProblemChange::kUpdate && r.owner.empty() && r.action.empty()) {
    return usage_error(s.tr("supervision.update_what"), "--action");
  }
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  store::Workspace& ws = s.workspace();
  const std::string key = record_key(d.campaign.id, r.id);
  sv::Problem p;
  TRY(ws.transaction([&]() -> core::Status {
    Scope scope = TRY(recheck(s, Permission::kProblemWrite, d.campaign.id));
    auto stored = TRY(ws.get_record(kProblems, key));
    if (!stored) return unknown_problem(s, r.id, d.campaign.id);
    p = TRY(problem_from_record(stored->json));
    if (!covers(scope, *d.feeds, p.store_code)) return unknown_problem(s, r.id, d.campaign.id);
    TRY(apply(s, d.campaign.supervision, p, r));
    io::Json record = problem_record(p);
    TRY(ws.put_record(kProblems, key, record.dump(), s.now));
    return append_supervision_log(ws, d.campaign.id, kProblems, p.id, record, s.now);
  }));
  return ProblemResult{campaign_info(s, d), std::move(p)};
}

core::Result<ProblemListResult> list_problems(const Session& s, const ListProblemsRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  sv::ProblemStatus wanted{};
  if (!r.status.empty() && !sv::parse_problem_status(r.status, &wanted)) {
    return usage_error(s.tr("supervision.bad_status", r.status), "--status");
  }
  auto mine = problems_in(scope_of(s), *d.feeds, d.problems);
  ProblemListResult out;
  out.campaign = campaign_info(s, d);
  out.now = s.now;
  out.stats = sv::problem_stats(mine, s.now);
  for (sv::Problem& p : mine) {
    if (!r.status.empty() && p.status != wanted) continue;
    if (!r.store.empty() && p.store_code != r.store) continue;
    if (r.overdue_only && !p.is_overdue(s.now)) continue;
    out.problems.push_back(std::move(p));
  }
  return out;
}

core::Result<ProblemResult> show_problem(const Session& s, const ShowProblemRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  for (sv::Problem& p : problems_in(scope_of(s), *d.feeds, d.problems)) {
    if (p.id == r.id) return ProblemResult{campaign_info(s, d), std::move(p)};
  }
  return unknown_problem(s, r.id, d.campaign.id);
}

}  // namespace pitwall::app::supervision
