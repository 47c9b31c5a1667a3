// Who may do what on the supervision desk (server.md §2), as one table: every use case × every
// role, in and out of scope. Expected outcomes come from server.md's table: hq reads and writes
// everything; region managers read their region and work on its stores' problems; store
// managers read their store and update (not open) its problems; finance and directors read
// everything and write nothing here; arbiters and customer service do not read the desk; the
// local operator (no name) reads everything and writes nothing. Out of scope is kNotFound,
// never kForbidden; every row a scoped reader gets back lies within the scope, and aggregates
// count the scope's stores only.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/supervision/board.hpp"
#include "app/supervision/phase.hpp"
#include "app/supervision/practices.hpp"
#include "app/supervision/problems.hpp"
#include "app/supervision/review.hpp"
#include "app/supervision/supervision_fixture.hpp"

namespace pitwall::app::supervision {
namespace {

namespace sv = core::supervision;
using core::ErrorCode;
using testing::session_of;

const std::set<std::string> kEast = {"E01", "E02", "E03", "E04", "E05"};
const std::set<std::string> kSouth = {"S01", "S02", "S03", "S04"};

struct Person {
  std::string name;                             // "" = the local operator
  std::optional<std::set<std::string>> stores;  // the stores in scope; nullopt = the network
};

// The columns of the table.
const std::vector<Person> kPeople = {
    {"hq1", std::nullopt}, {"wang", kEast},       {"zhao", kSouth},      {"li", {{"E05"}}},
    {"zhou", {{"S01"}}},   {"fin", std::nullopt}, {"arb", std::nullopt}, {"dir", std::nullopt},
    {"svc", std::nullopt}, {"", std::nullopt},
};

// What a call gave: its status, the stores of the rows it returned ("network" for a network
// alert or problem), and the number of stores its aggregates cover (-1 when it has none).
struct Outcome {
  core::Status status;
  std::vector<std::string> stores;
  int64_t aggregate_stores = -1;
};
using Call = std::function<Outcome(const Session&)>;

std::string code_or_network(const std::string& code) { return code.empty() ? "network" : code; }

template <typename R>
Outcome failed_or(core::Result<R>& r, const std::function<void(const R&, Outcome&)>& rows) {
  Outcome o;
  if (!r) {
    o.status = r.error();
    return o;
  }
  rows(r.value(), o);
  return o;
}

void add_alerts(const sv::Feeds& f, const std::vector<sv::Alert>& alerts, Outcome& o) {
  for (const auto& a : alerts) o.stores.push_back(a.store < 0 ? "network" : f.stores[a.store].code);
}

Outcome board(const Session& s) {
  auto r = read_board(s, {"sup-week", "2023-03-01", "", -1});
  return failed_or<BoardResult>(r, [](const BoardResult& b, Outcome& o) {
    const sv::Feeds& f = *b.feeds;
    for (const auto& l : b.board.red) o.stores.push_back(f.stores[l.store].code);
    for (const auto& l : b.board.black) o.stores.push_back(f.stores[l.store].code);
    add_alerts(f, b.board.alerts, o);
    for (const auto& p : b.overdue) o.stores.push_back(code_or_network(p.store_code));
    o.aggregate_stores = b.board.network.stores;
  });
}

Outcome measures(const Session& s) {
  auto r = read_measures(s, {"sup-week", "2023-03-01", ""});
  return failed_or<MeasuresResult>(r, [](const MeasuresResult& m, Outcome& o) {
    for (const auto& sm : m.stores) o.stores.push_back(m.feeds->stores[sm.store].code);
    o.aggregate_stores = static_cast<int64_t>(m.stores.size());
  });
}

Outcome alerts(const Session& s) {
  auto r = list_alerts(s, {"sup-week", "2023-03-01", ""});
  return failed_or<AlertsResult>(
      r, [](const AlertsResult& a, Outcome& o) { add_alerts(*a.feeds, a.alerts, o); });
}

Outcome trend(const Session& s) {
  auto r = read_trend(s, {"sup-week", "2023-03-03", ""});
  return failed_or<TrendResult>(r, [](const TrendResult& t, Outcome& o) {
    o.aggregate_stores = t.days.back().figures.stores;
  });
}

Outcome sample(const Session& s) {
  auto r = plan_sample(s, {"sup-week", "2023-03-02", 12, 7});
  return failed_or<SampleResult>(r, [](const SampleResult& p, Outcome& o) {
    for (const auto& pick : p.plan.picks) o.stores.push_back(p.feeds->stores[pick.store].code);
    o.aggregate_stores = 0;
    for (const auto& st : p.plan.strata) o.aggregate_stores += st.stores;
  });
}

Outcome problems(const Session& s) {
  auto r = list_problems(s, {"sup-week", "", "", false});
  return failed_or<ProblemListResult>(r, [](const ProblemListResult& l, Outcome& o) {
    for (const auto& p : l.problems) o.stores.push_back(code_or_network(p.store_code));
  });
}

Outcome show_e05(const Session& s) {
  auto r = show_problem(s, {"sup-week", "P0001"});  // E05's (SetUpTestSuite)
  return failed_or<ProblemResult>(r, [](const ProblemResult& p, Outcome& o) {
    o.stores.push_back(code_or_network(p.problem.store_code));
  });
}

Outcome show_network(const Session& s) {
  auto r = show_problem(s, {"sup-week", "P0002"});  // a network problem
  return failed_or<ProblemResult>(r, [](const ProblemResult& p, Outcome& o) {
    o.stores.push_back(code_or_network(p.problem.store_code));
  });
}

Outcome practices(const Session& s) {
  auto r = list_practices(s, {"sup-week"});
  return failed_or<PracticeListResult>(r, [](const PracticeListResult& l, Outcome& o) {
    for (const auto& e : l.practices) {
      if (!e.practice.store_code.empty()) o.stores.push_back(e.practice.store_code);
      for (const auto& a : e.practice.adoptions) o.stores.push_back(a.store_code);
      o.aggregate_stores = e.effect.campaign_stores;
    }
  });
}

Outcome phases(const Session& s) {
  auto r = read_phase_plan(s, {"sup-week"});
  return failed_or<PhasePlanResult>(r, [](const PhasePlanResult&, Outcome&) {});
}

Outcome decay(const Session& s) {
  auto r = read_decay(s, {"sup-week"});
  return failed_or<DecayResult>(r, [](const DecayResult&, Outcome&) {});
}

Outcome review(const Session& s) {
  auto r = read_review(s, {"sup-week", "2023-03-03"});
  return failed_or<ReviewResult>(r, [](const ReviewResult& rv, Outcome& o) {
    const sv::Feeds& f = *rv.feeds;
    for (const auto& h : rv.review.stores) o.stores.push_back(f.stores[h.store].code);
    for (const auto* p : rv.review.problems) o.stores.push_back(code_or_network(p->store_code));
    for (const auto& d : rv.review.days) add_alerts(f, d.network_alerts, o);
    o.aggregate_stores = rv.review.network.stores;
  });
}

Outcome status_only(core::Status st) { return Outcome{std::move(st), {}, -1}; }

template <typename R>
core::Status status_of(const core::Result<R>& r) {
  if (r) return {};
  return r.error();
}

Outcome open_e05(const Session& s) {
  return status_only(status_of(open_problem(s, {"sup-week", "", "E05", "海报未张贴", "li", ""})));
}

Outcome open_network(const Session& s) {
  return status_only(status_of(open_problem(s, {"sup-week", "", "", "系统核销", "hq1", ""})));
}

Outcome open_from_network_alert(const Session& s) {
  OpenProblemRequest r{"sup-week", "incident/2023-03-01/network", "", "", "hq1", ""};
  return status_only(status_of(open_problem(s, r)));
}

Outcome update_e05(const Session& s) {
  UpdateProblemRequest r{"sup-week", "P0001", ProblemChange::kUpdate, "打电话给店长", "", ""};
  return status_only(status_of(update_problem(s, r)));
}

Outcome add(const Session& s) {
  return status_only(status_of(add_practice(s, {"sup-week", "E02", "早会演练", "", ""})));
}

Outcome adopt(const Session& s) {
  return status_only(status_of(adopt_practice(s, {"sup-week", "BP001", {"E03"}, ""})));
}

Outcome mark(const Session& s) {
  return status_only(
      status_of(mark_task(s, {"sup-week", "prelaunch.materials", TaskMark::kDone, ""})));
}

using E = std::optional<ErrorCode>;
constexpr E kOk = std::nullopt;
constexpr E kNo = ErrorCode::kForbidden;
constexpr E kGone = ErrorCode::kNotFound;
constexpr E kAsk = ErrorCode::kUsage;

struct Row {
  const char* use_case;
  Call call;
  std::vector<E> expected;  // one per person of kPeople
};

//                                       hq1  wang   zhao   li     zhou   fin  arb  dir  svc  local
const std::vector<Row> kReads = {
    {"read_board", board, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"read_measures", measures, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"list_alerts", alerts, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"read_trend", trend, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"plan_sample", sample, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"list_problems", problems, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"show_problem E05", show_e05, {kOk, kOk, kGone, kOk, kGone, kOk, kNo, kOk, kNo, kOk}},
    {"show_problem network",
     show_network,
     {kOk, kGone, kGone, kGone, kGone, kOk, kNo, kOk, kNo, kOk}},
    {"list_practices", practices, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"read_phase_plan", phases, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
    // The survey has store-level respondents at E01 and S01 only: none within E05's scope.
    {"read_decay", decay, {kOk, kOk, kOk, kGone, kOk, kOk, kNo, kOk, kNo, kOk}},
    {"read_review", review, {kOk, kOk, kOk, kOk, kOk, kOk, kNo, kOk, kNo, kOk}},
};

const std::vector<Row> kWrites = {
    {"open_problem E05", open_e05, {kOk, kOk, kGone, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
    {"open_problem network", open_network, {kOk, kAsk, kAsk, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
    // Network alerts are HQ's: for a region manager the alert does not exist.
    {"open_problem from a network alert",
     open_from_network_alert,
     {kOk, kGone, kGone, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
    {"update_problem E05", update_e05, {kOk, kOk, kGone, kOk, kGone, kNo, kNo, kNo, kNo, kNo}},
    {"add_practice", add, {kOk, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
    {"adopt_practice", adopt, {kOk, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
    {"mark_task", mark, {kOk, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo, kNo}},
};

// The fixture's workspace on each backend, with two problems and a practice (made once per
// backend and test process).
std::string make_authorization_workspace(testing::Backend backend) {
  std::string dir = testing::supervision_workspace("authorization", backend);
  auto ws = store::open_workspace(dir);
  EXPECT_TRUE(ws.has_value());
  if (!ws) return dir;
  Session hq = session_of(**ws, "hq1");
  // P0001 at E05, P0002 a network problem, BP001 found at E01, adopted at S01 and E05.
  EXPECT_TRUE(open_problem(hq, {"sup-week", "", "E05", "海报未张贴", "li", ""}).has_value());
  EXPECT_TRUE(open_problem(hq, {"sup-week", "", "", "核销系统", "hq1", ""}).has_value());
  EXPECT_TRUE(add_practice(hq, {"sup-week", "E01", "省300+18项检测", "", "2023-03-01"}));
  EXPECT_TRUE(adopt_practice(hq, {"sup-week", "BP001", {"S01", "E05"}, "2023-03-02"}));
  return dir;
}

class SupervisionAuthorization : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }

  const std::string& dir() const {
    static const std::string folder = make_authorization_workspace(testing::Backend::kSqlite);
    if (GetParam() == testing::Backend::kSqlite) return folder;
    static const std::string database = make_authorization_workspace(testing::Backend::kPostgres);
    return database;
  }

  // Runs every row for every person; checks the code and the rows in scope.
  void check(const std::vector<Row>& rows) {
    auto ws = store::open_workspace(dir());
    ASSERT_TRUE(ws.has_value());
    for (const Row& row : rows) {
      ASSERT_EQ(row.expected.size(), kPeople.size()) << row.use_case;
      for (size_t i = 0; i < kPeople.size(); ++i) {
        const Person& who = kPeople[i];
        std::string label =
            std::string(row.use_case) + " as " + (who.name.empty() ? "local" : who.name);
        Outcome o = row.call(session_of(**ws, who.name));
        if (!row.expected[i]) {
          EXPECT_TRUE(o.status.has_value()) << label << ": " << o.status.error().to_string();
        } else {
          ASSERT_FALSE(o.status.has_value()) << label << " succeeded";
          EXPECT_EQ(o.status.error().code, *row.expected[i])
              << label << ": " << o.status.error().to_string();
        }
        if (!o.status.has_value() || !who.stores) continue;
        for (const auto& code : o.stores) {
          EXPECT_TRUE(who.stores->count(code)) << label << " returned " << code;
        }
        if (o.aggregate_stores >= 0) {
          EXPECT_EQ(o.aggregate_stores, static_cast<int64_t>(who.stores->size())) << label;
        }
      }
    }
  }
};

TEST_P(SupervisionAuthorization, EveryReadByEveryRole) { check(kReads); }

TEST_P(SupervisionAuthorization, EveryWriteByEveryRole) { check(kWrites); }

TEST_P(SupervisionAuthorization, ScopedReadersSeeTheirStoresAndHqSeesAll) {
  auto ws = store::open_workspace(dir());
  ASSERT_TRUE(ws.has_value());
  // HQ's day-1 board: 12 stores, the network alerts and rows outside 华东.
  Outcome hq = board(session_of(**ws, "hq1"));
  EXPECT_EQ(hq.aggregate_stores, 12);
  EXPECT_TRUE(std::count(hq.stores.begin(), hq.stores.end(), "network") > 0);
  EXPECT_TRUE(std::count(hq.stores.begin(), hq.stores.end(), "N03") > 0);  // silent, black
  // The store manager of E05 finds its store on 华东's black list (8% against a 40% target),
  // with its own two alerts (checklist failure, lagging) and nothing else.
  auto li = read_board(session_of(**ws, "li"), {"sup-week", "2023-03-01", "", -1});
  ASSERT_TRUE(li.has_value());
  ASSERT_EQ(li->board.black.size(), 1u);
  EXPECT_EQ(li->feeds->stores[li->board.black[0].store].code, "E05");
  EXPECT_TRUE(li->board.red.empty());
  EXPECT_EQ(li->board.alerts.size(), 2u);
  // The region manager's board is 华东's: at most floor(5 / 2) = 2 per list.
  auto wang = read_board(session_of(**ws, "wang"), {"sup-week", "2023-03-01", "", -1});
  ASSERT_TRUE(wang.has_value());
  EXPECT_EQ(wang->board.red.size(), 2u);
  // Another region does not exist for them: the words of an unknown region.
  auto other = read_board(session_of(**ws, "wang"), {"sup-week", "2023-03-01", "华南战区", -1});
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kUsage);
  auto nowhere = read_board(session_of(**ws, "wang"), {"sup-week", "2023-03-01", "火星", -1});
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_EQ(other.error().message.substr(0, 16), nowhere.error().message.substr(0, 16));
}

TEST_P(SupervisionAuthorization, OutOfScopeReadsAsMissing) {
  auto ws = store::open_workspace(dir());
  ASSERT_TRUE(ws.has_value());
  auto out = show_problem(session_of(**ws, "zhou"), {"sup-week", "P0001"});
  auto missing = show_problem(session_of(**ws, "zhou"), {"sup-week", "P0999"});
  ASSERT_FALSE(out.has_value());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(out.error().code, missing.error().code);
  // The same words but the id: "no problem P0001 in campaign sup-week".
  std::string a = out.error().message, b = missing.error().message;
  EXPECT_EQ(a.replace(a.find("P0001"), 5, "P0999"), b);
}

// Numbers from a command are in a stated range (issue 22): --length 0 gave empty lists and -7 the
// campaign's length, both silently; --n 10^11 planned 10^11 stores.
TEST_P(SupervisionAuthorization, Issue22ListLengthsAndPlanSizesAreBounded) {
  auto ws = store::open_workspace(dir());
  ASSERT_TRUE(ws.has_value());
  Session s = session_of(**ws, "hq1");
  for (int64_t length : {int64_t{0}, int64_t{-7}, kMostListed + 1, INT64_MAX}) {
    auto r = read_board(s, {"sup-week", "2023-03-01", "", length});
    ASSERT_FALSE(r.has_value()) << length;
    EXPECT_EQ(r.error().code, core::ErrorCode::kUsage);
    EXPECT_EQ(r.error().where.column, "--length");
    EXPECT_NE(r.error().message.find(std::to_string(length)), std::string::npos);
  }
  for (int64_t length : {int64_t{-1}, int64_t{1}, kMostListed}) {
    EXPECT_TRUE(read_board(s, {"sup-week", "2023-03-01", "", length}).has_value()) << length;
  }
  auto one = read_board(s, {"sup-week", "2023-03-01", "", 1});
  ASSERT_TRUE(one.has_value());
  EXPECT_LE(one->board.red.size(), 1u);
  for (int64_t n : {int64_t{0}, int64_t{-1}, kMostListed + 1}) {
    auto r = plan_sample(s, {"sup-week", "2023-03-02", n, 7});
    ASSERT_FALSE(r.has_value()) << n;
    EXPECT_EQ(r.error().where.column, "--n");
  }
  EXPECT_TRUE(plan_sample(s, {"sup-week", "2023-03-02", kMostListed, 7}).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, SupervisionAuthorization,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         testing::BackendParamName());

}  // namespace
}  // namespace pitwall::app::supervision
