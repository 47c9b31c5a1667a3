// Every win-back use case × every kind of person (server.md §2): the one authorisation check
// (kForbidden for what a role may not do, "needs a named person" for the local operator's
// writes), the role levels of core::winback, and the scope (kNotFound outside it, never
// kForbidden). Reads also return only the rows within the scope.
//
// The fixture (tests/data/winback): stores S001, S002 in 华东战区 and S003 in 华北战区;
// customers W001, W002, W005, W008 of S001, W003, W006 of S002, W004, W007 of S003. Offers made
// once in a template workspace (a folder, or a database on the test cluster), copied fresh for
// every call:
//   WB-000001  W001 (S001)  400    automatic level, approved at creation (by customer service)
//   WB-000002  W002 (S001)  700    store-manager level, pending
//   WB-000003  W004 (S003)  1,000  region-manager level + in-person review (high value), pending
//   WB-000004  W007 (S003)  2,745  director level + review, pending (the plan total)
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "app/winback/offers.hpp"
#include "app/winback/programme.hpp"
#include "app/winback/reports.hpp"
#include "app/winback/scoring.hpp"
#include "app/winback/winback_fixture.hpp"
#include "test_backends.hpp"

namespace pitwall::app::winback {
namespace {

using testing::kWinbackNow;
using testing::session_of;
using testing::status_of;

// The kinds of person, in the order of the expectation strings below.
enum Who {
  kHq,
  kRegionIn,
  kRegionOut,
  kStoreIn,
  kStoreOut,
  kFinance,
  kArbiter,
  kDirector,
  kService,
  kServiceIn,
  kServiceOut,
  kLocal,
  kWhoCount
};
const char* const kWhoNames[] = {"hq",        "region_in",  "region_out",  "store_in",
                                 "store_out", "finance",    "arbiter",     "director",
                                 "service",   "service_in", "service_out", "local"};

// The registered user of each kind for an object of `store` ("" = the local operator).
std::string person(Who who, const std::string& store) {
  bool north = store == "S003";
  switch (who) {
    case kHq:
      return "ops";
    case kRegionIn:
      return north ? "north" : "east";
    case kRegionOut:
      return north ? "east" : "north";
    case kStoreIn:
      return store == "S001" ? "wang" : store == "S002" ? "zhao" : "zhou";
    case kStoreOut:
      return north ? "wang" : "zhou";
    case kFinance:
      return "qian";
    case kArbiter:
      return "fang";
    case kDirector:
      return "li";
    case kService:
      return "lin";
    case kServiceIn:
      return north ? "su" : "mei";
    case kServiceOut:
      return north ? "mei" : "su";
    default:
      return "";
  }
}

// The template workspace on `backend`, with four offers (made once per backend and process).
std::string make_template(testing::Backend backend) {
  std::string location = testing::fresh_location(backend, "winback_auth_template");
  EXPECT_FALSE(location.empty()) << "cannot create a database on the test cluster";
  testing::make_winback_workspace(location);
  auto ws = store::open_workspace(location);
  EXPECT_TRUE(ws.has_value());
  if (!ws) return location;
  const std::array<std::tuple<const char*, const char*, int64_t>, 4> offers = {{
      {"lin", "W001", 40'000},
      {"wang", "W002", 70'000},
      {"zhou", "W004", 100'000},
      {"zhou", "W007", 0},  // the plan total, 2,745
  }};
  for (const auto& [who, customer, fen] : offers) {
    Session s = session_of(**ws, who);
    OfferCreateRequest r{customer, std::nullopt, ""};
    if (fen > 0) r.amount = core::Money::from_fen(fen);
    auto made = create_offer(s, r);
    EXPECT_TRUE(made.has_value()) << customer << ": " << made.error().to_string();
  }
  return location;
}

// On both backends: the template a folder or a database, each call on a fresh copy of it.
class WinbackAuthorization : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }

  const std::string& template_location() const {
    static const std::string folder = make_template(testing::Backend::kSqlite);
    if (GetParam() == testing::Backend::kSqlite) return folder;
    static const std::string database = make_template(testing::Backend::kPostgres);
    return database;
  }

  // A fresh copy of the template workspace.
  std::unique_ptr<store::Workspace> copy() const {
    std::string location;
    if (GetParam() == testing::Backend::kPostgres) {
      location = testing::copy_database(template_location(), "winback_auth");
    } else {
      location = testing::fresh_dir("winback-auth");
      std::filesystem::remove_all(location);
      std::filesystem::copy(template_location(), location,
                            std::filesystem::copy_options::recursive);
    }
    auto ws = store::open_workspace(location);
    EXPECT_TRUE(ws.has_value()) << location;
    return std::move(*ws);
  }

  static Session session(store::Workspace& ws, Who who, const std::string& store) {
    if (who == kLocal) return local_session(ws, Lang::kEn, kWinbackNow);
    return session_of(ws, person(who, store));
  }
};

using Call = std::function<core::Status(const Session&)>;

struct Case {
  const char* use_case;
  std::string store;  // the store of the object the call reaches
  Call call;
  // One letter a kind of person, in Who order: O ok, F kForbidden, N kNotFound.
  const char* expected;
};

std::vector<Case> cases() {
  using core::Money;
  const char* kRead = "OOOOOOFOOOOO";
  const char* kScopedRead = "OONONOFOOONO";
  const char* kNetworkRead = "OFFFFOFOFFFO";
  return {
      {"show_programme", "S001", [](const Session& s) { return status_of(show_programme(s, {})); },
       kRead},
      {"add_programme", "S001",
       [](const Session& s) {
         return status_of(
             add_programme(s, {"p.toml", "id = \"p\"\n[budget]\nmonthly_yuan = 5000\n"}));
       },
       "OFFFFFFFFFFF"},
      {"calculate", "S001",
       [](const Session& s) {
         CalcRequest r;
         r.input.annual_value = Money::from_yuan(6000);
         r.input.months_churned = 4;
         return status_of(calculate(s, r));
       },
       kRead},
      {"calculate customer", "S001",
       [](const Session& s) {
         CalcRequest r;
         r.customer_id = "W001";
         return status_of(calculate(s, r));
       },
       kScopedRead},
      {"score_customers", "S001",
       [](const Session& s) { return status_of(score_customers(s, {})); }, kRead},
      {"show_models", "S001", [](const Session& s) { return status_of(show_models(s, {})); },
       kRead},
      {"create_offer", "S002",
       [](const Session& s) {
         return status_of(create_offer(s, {"W003", Money::from_yuan(200), ""}));
       },
       "FFFONFFFOONF"},
      {"approve_offer store level", "S001",
       [](const Session& s) { return status_of(approve_offer(s, {"WB-000002"})); }, "FFNONFFFFFFF"},
      {"approve_offer region level", "S003",
       [](const Session& s) { return status_of(approve_offer(s, {"WB-000003"})); }, "FONFNFFFFFFF"},
      {"approve_offer director level", "S003",
       [](const Session& s) { return status_of(approve_offer(s, {"WB-000004"})); }, "FFNFNFFOFFFF"},
      {"approve_offer in person", "S003",
       [](const Session& s) {
         return status_of(approve_offer(s, {"WB-000003", wb::InPerson::kYes}));
       },
       "FFNONFFFFFFF"},
      {"reject_offer", "S001",
       [](const Session& s) {
         return status_of(reject_offer(s, {"WB-000002", "too much"}));
       },
       "FFNONFFFFFFF"},
      {"release_stage", "S001",
       [](const Session& s) {
         return status_of(release_stage(s, {"WB-000001", 0}));
       },
       "FFFONFFFOONF"},
      {"record_outcome", "S001",
       [](const Session& s) {
         return status_of(record_outcome(s, {"WB-000001", true, std::nullopt}));
       },
       "FFFONFFFOONF"},
      {"show_offer", "S001",
       [](const Session& s) { return status_of(show_offer(s, {"WB-000001"})); }, kScopedRead},
      {"list_offers", "S001", [](const Session& s) { return status_of(list_offers(s, {})); },
       kRead},
      {"show_budget", "S001", [](const Session& s) { return status_of(show_budget(s, {})); },
       kNetworkRead},
      {"monthly_report", "S001", [](const Session& s) { return status_of(monthly_report(s, {})); },
       kNetworkRead},
      {"quarterly_audit", "S001",
       [](const Session& s) { return status_of(quarterly_audit(s, {})); }, kNetworkRead},
      {"cohort_report", "S001", [](const Session& s) { return status_of(cohort_report(s, {})); },
       kNetworkRead},
      {"experiment_report", "S001",
       [](const Session& s) { return status_of(experiment_report(s, {})); }, kNetworkRead},
      {"decision_log", "S001", [](const Session& s) { return status_of(decision_log(s, {})); },
       kNetworkRead},
      {"override_month", "S001",
       [](const Session& s) {
         return status_of(override_month(s, {{2023, 6}, "quarter end"}));
       },
       "FFFFFFFOFFFF"},
  };
}

char letter(const core::Status& st) {
  if (st) return 'O';
  switch (st.error().code) {
    case core::ErrorCode::kForbidden:
      return 'F';
    case core::ErrorCode::kNotFound:
      return 'N';
    default:
      return '?';
  }
}

TEST_P(WinbackAuthorization, EveryUseCaseForEveryKindOfPerson) {
  for (const Case& c : cases()) {
    ASSERT_EQ(std::string(c.expected).size(), size_t(kWhoCount)) << c.use_case;
    for (int w = 0; w < kWhoCount; ++w) {
      auto ws = copy();
      Session s = session(*ws, Who(w), c.store);
      core::Status st = c.call(s);
      EXPECT_EQ(letter(st), c.expected[w])
          << c.use_case << " as " << kWhoNames[w] << " (" << person(Who(w), c.store)
          << "): " << (st ? std::string("ok") : st.error().to_string());
    }
  }
}

TEST_P(WinbackAuthorization, OutOfScopeReadsAsMissingWithTheSameWords) {
  auto ws = copy();
  auto elsewhere = show_offer(session_of(*ws, "zhou"), {"WB-000001"});
  auto nowhere = show_offer(session_of(*ws, "zhou"), {"WB-999999"});
  ASSERT_FALSE(elsewhere.has_value());
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_EQ(elsewhere.error().code, core::ErrorCode::kNotFound);
  // The same words, but for the id asked about.
  std::string a = elsewhere.error().message, b = nowhere.error().message;
  EXPECT_EQ(a.replace(a.find("WB-000001"), 9, "X"), b.replace(b.find("WB-999999"), 9, "X"));
  auto customer = calculate(session_of(*ws, "zhou"), CalcRequest{"W001"});
  auto unknown = calculate(session_of(*ws, "zhou"), CalcRequest{"W999"});
  ASSERT_FALSE(customer.has_value());
  EXPECT_EQ(customer.error().code, core::ErrorCode::kNotFound);
  a = customer.error().message, b = unknown.error().message;
  EXPECT_EQ(a.replace(a.find("W001"), 4, "X"), b.replace(b.find("W999"), 4, "X"));
}

TEST_P(WinbackAuthorization, LocalOperatorWritesNeedANamedPerson) {
  auto ws = copy();
  Session local = local_session(*ws, Lang::kEn, kWinbackNow);
  auto r = create_offer(local, {"W003", core::Money::from_yuan(200), ""});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kForbidden);
  EXPECT_NE(r.error().message.find("PITWALL_AS"), std::string::npos) << r.error().message;
}

TEST_P(WinbackAuthorization, CustomerServiceCreatesOnlyUnder500) {
  auto ws = copy();
  auto r = create_offer(session_of(*ws, "lin"), {"W003", core::Money::from_yuan(200), ""});
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  auto ws2 = copy();
  // W006 (S002): a maintain-tier customer, hard cap 20% of 2,500 = 500; 500.00 is store level.
  auto large = create_offer(session_of(*ws2, "lin"), {"W006", core::Money::from_yuan(500), ""});
  ASSERT_FALSE(large.has_value());
  EXPECT_EQ(large.error().code, core::ErrorCode::kForbidden);
  auto by_store = create_offer(session_of(*ws2, "zhao"), {"W006", core::Money::from_yuan(500), ""});
  EXPECT_TRUE(by_store.has_value()) << by_store.error().to_string();
}

// Who sees which rows: customers of the churned list (score) and offers (list).
TEST_P(WinbackAuthorization, ReadsReturnOnlyTheRowsInScope) {
  const std::set<std::string> all = {"W001", "W002", "W003", "W004",
                                     "W005", "W006", "W007", "W008"};
  const std::set<std::string> east = {"W001", "W002", "W003", "W005", "W006", "W008"};
  const std::set<std::string> north = {"W004", "W007"};
  const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> expected = {
      {"ops", {all, {"WB-000001", "WB-000002", "WB-000003", "WB-000004"}}},
      {"qian", {all, {"WB-000001", "WB-000002", "WB-000003", "WB-000004"}}},
      {"li", {all, {"WB-000001", "WB-000002", "WB-000003", "WB-000004"}}},
      {"lin", {all, {"WB-000001", "WB-000002", "WB-000003", "WB-000004"}}},
      {"east", {east, {"WB-000001", "WB-000002"}}},
      {"mei", {east, {"WB-000001", "WB-000002"}}},
      {"north", {north, {"WB-000003", "WB-000004"}}},
      {"su", {north, {"WB-000003", "WB-000004"}}},
      {"wang", {{"W001", "W002", "W005", "W008"}, {"WB-000001", "WB-000002"}}},
      {"zhao", {{"W003", "W006"}, {}}},
      {"zhou", {north, {"WB-000003", "WB-000004"}}},
  };
  auto ws = copy();
  for (const auto& [name, rows] : expected) {
    Session s = session_of(*ws, name);
    auto score = score_customers(s, {});
    ASSERT_TRUE(score.has_value()) << name;
    std::set<std::string> customers;
    for (size_t i = 0; i < score->size(); ++i) {
      customers.insert(std::string(score->row(i).customer_id));
    }
    EXPECT_EQ(customers, rows.first) << name;
    // Aggregates cover the scope only.
    EXPECT_EQ(score->ranking.summary.customers, int64_t(rows.first.size())) << name;
    auto offers = list_offers(s, {});
    ASSERT_TRUE(offers.has_value()) << name;
    std::set<std::string> ids;
    for (const auto& o : offers->offers) ids.insert(o.id);
    EXPECT_EQ(ids, rows.second) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, WinbackAuthorization,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         testing::BackendParamName());

}  // namespace
}  // namespace pitwall::app::winback
