#include "core/supervision/problem.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pitwall::core::supervision {

namespace {

constexpr std::string_view kStatusTokens[] = {"open", "in_progress", "resolved", "verified"};
constexpr std::string_view kEventTokens[] = {"open",  "action", "owner",
                                             "close", "verify", "reopen"};

template <typename E, size_t N>
bool parse_token(std::string_view token, const std::string_view (&tokens)[N], E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (tokens[i] == token) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

Error conflict(const Problem& p, std::string_view wanted) {
  return make_error(ErrorCode::kConflict, fmt::format("problem {} is {}: cannot {}", p.id,
                                                      problem_status_token(p.status), wanted));
}

void record(Problem& p, std::string_view by, ProblemEventKind kind, std::string_view text,
            int64_t now) {
  p.events.push_back({now, std::string(by), kind, std::string(text)});
}

}  // namespace

std::string_view problem_status_token(ProblemStatus s) {
  return kStatusTokens[static_cast<int>(s)];
}
bool parse_problem_status(std::string_view token, ProblemStatus* out) {
  return parse_token(token, kStatusTokens, out);
}
std::string_view problem_event_token(ProblemEventKind k) {
  return kEventTokens[static_cast<int>(k)];
}
bool parse_problem_event(std::string_view token, ProblemEventKind* out) {
  return parse_token(token, kEventTokens, out);
}

Result<Problem> open_problem(const ProblemDraft& draft, int64_t now, int64_t due_hours) {
  if (draft.title.empty()) {
    Error e = invalid_input("a problem needs a title saying what is wrong");
    e.at_column("title");
    return e;
  }
  if (draft.owner.empty()) {
    Error e = invalid_input("a problem needs an owner who acts on it");
    e.at_column("owner");
    return e;
  }
  Problem p;
  p.id = draft.id;
  p.store_code = draft.store_code;
  p.title = draft.title;
  p.alert_key = draft.alert_key;
  p.owner = draft.owner;
  p.opened_at = now;
  p.due_at = now + due_hours * 3600;
  record(p, draft.by, ProblemEventKind::kOpen, draft.note, now);
  return p;
}

Status add_action(Problem& p, std::string_view by, std::string_view text, int64_t now) {
  if (p.is_closed()) return conflict(p, "add an action (reopen it first)");
  if (text.empty()) {
    Error e = invalid_input("an action needs a text saying what was done");
    e.at_column("action");
    return e;
  }
  if (p.first_response_at == kNoTime) p.first_response_at = now;
  p.status = ProblemStatus::kInProgress;
  record(p, by, ProblemEventKind::kAction, text, now);
  return {};
}

Status change_owner(Problem& p, std::string_view by, std::string_view owner, int64_t now) {
  if (p.is_closed()) return conflict(p, "change its owner");
  if (owner.empty()) {
    Error e = invalid_input("the new owner is empty");
    e.at_column("owner");
    return e;
  }
  p.owner = std::string(owner);
  record(p, by, ProblemEventKind::kOwner, owner, now);
  return {};
}

Status close_problem(Problem& p, std::string_view by, std::string_view note, int64_t now) {
  if (p.is_closed()) return conflict(p, "close it again");
  if (p.first_response_at == kNoTime) p.first_response_at = now;
  p.status = ProblemStatus::kResolved;
  p.closed_at = now;
  record(p, by, ProblemEventKind::kClose, note, now);
  return {};
}

Status verify_problem(Problem& p, std::string_view by, std::string_view note, int64_t now) {
  if (p.status != ProblemStatus::kResolved) return conflict(p, "verify it (close it first)");
  // The proof that a problem was closed is a second person's check.
  for (auto it = p.events.rbegin(); it != p.events.rend(); ++it) {
    if (it->kind != ProblemEventKind::kClose) continue;
    if (it->by == by) {
      return make_error(
          ErrorCode::kConflict,
          fmt::format("problem {} was closed by {}: someone else verifies it", p.id, by));
    }
    break;
  }
  p.status = ProblemStatus::kVerified;
  p.verified_at = now;
  record(p, by, ProblemEventKind::kVerify, note, now);
  return {};
}

Status reopen_problem(Problem& p, std::string_view by, std::string_view note, int64_t now,
                      int64_t due_hours) {
  if (!p.is_closed()) return conflict(p, "reopen it");
  p.status = ProblemStatus::kOpen;
  p.closed_at = kNoTime;
  p.verified_at = kNoTime;
  p.due_at = now + due_hours * 3600;
  ++p.reopened;
  record(p, by, ProblemEventKind::kReopen, note, now);
  return {};
}

HoursSummary summarise_hours(std::vector<double> hours) {
  HoursSummary s;
  s.count = static_cast<int64_t>(hours.size());
  if (hours.empty()) return s;
  std::sort(hours.begin(), hours.end());
  double sum = 0;
  for (double h : hours) sum += h;  // ascending order: the same sum on every machine
  s.mean = sum / static_cast<double>(hours.size());
  size_t mid = hours.size() / 2;
  s.median = hours.size() % 2 == 1 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
  s.max = hours.back();
  return s;
}

ProblemStats problem_stats(std::span<const Problem> problems, int64_t now) {
  ProblemStats s;
  std::vector<double> response, close;
  for (const Problem& p : problems) {
    ++s.total;
    switch (p.status) {
      case ProblemStatus::kOpen:
        ++s.open;
        break;
      case ProblemStatus::kInProgress:
        ++s.in_progress;
        break;
      case ProblemStatus::kResolved:
        ++s.resolved;
        break;
      case ProblemStatus::kVerified:
        ++s.verified;
        break;
    }
    if (p.is_overdue(now)) ++s.overdue;
    if (p.closed_on_time()) ++s.closed_on_time;
    s.reopened += p.reopened;
    if (p.first_response_at != kNoTime) {
      response.push_back(static_cast<double>(p.first_response_at - p.opened_at) / 3600.0);
    }
    if (p.is_closed()) close.push_back(static_cast<double>(p.closed_at - p.opened_at) / 3600.0);
  }
  s.first_response = summarise_hours(std::move(response));
  s.time_to_close = summarise_hours(std::move(close));
  return s;
}

std::vector<const Problem*> overdue_problems(std::span<const Problem> problems, int64_t now) {
  std::vector<const Problem*> out;
  for (const Problem& p : problems) {
    if (p.is_overdue(now)) out.push_back(&p);
  }
  std::sort(out.begin(), out.end(), [](const Problem* a, const Problem* b) {
    return a->due_at != b->due_at ? a->due_at < b->due_at : a->id < b->id;
  });
  return out;
}

}  // namespace pitwall::core::supervision
