// One vocabulary across the faces (issue 23, "a test compares the labels of each concept across
// the faces"): the terminal and the workbooks speak through the C++ catalogue, the web desk
// through web/src/i18n/zh.ts. For each concept below, every place that names it must give it the
// same Chinese label: a tier, a decision band, an approver, an offer's state, a clean-up rule, a
// problem's state, a campaign's or confirmation's state, an alert, a complaint category, a
// checklist item, a budget alert and a role.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "app/i18n/messages.hpp"

namespace pitwall::app {
namespace {

// The web catalogue's text: `group: { ... key: 'label' ... }` at the top level of zh.ts.
class WebCatalogue {
 public:
  WebCatalogue() {
    std::ifstream in(std::string(PITWALL_SOURCE_DIR) + "/web/src/i18n/zh.ts");
    std::stringstream text;
    text << in.rdbuf();
    text_ = text.str();
  }

  // The label at "group.key", or "" when there is none.
  std::string label(const std::string& path) const {
    auto dot = path.find('.');
    std::string group = path.substr(0, dot);
    std::string key = path.substr(dot + 1);
    size_t open = text_.find("\n  " + group + ": {");
    if (open == std::string::npos) return {};
    open = text_.find('{', open);
    size_t close = matching_brace(open);
    std::string body = text_.substr(open, close - open);
    std::smatch m;
    std::regex entry("[\\s{,]" + key + ": (?:'([^']*)'|\"([^\"]*)\")");
    if (!std::regex_search(body, m, entry)) return {};
    return m[1].matched ? m[1].str() : m[2].str();
  }

 private:
  size_t matching_brace(size_t open) const {
    int depth = 0;
    char quote = 0;
    for (size_t i = open; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') quote = c;
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) return i;
    }
    return text_.size();
  }
  std::string text_;
};

struct Concept {
  std::string name;
  std::vector<std::string> cpp;  // catalogue keys (terminal, workbooks)
  std::vector<std::string> web;  // zh.ts paths
};

std::vector<Concept> concepts() {
  std::vector<Concept> out;
  for (std::string t : {"star", "potential", "maintain", "basic"}) {
    out.push_back({"tier " + t, {"winback.tier." + t, "workflow.tier." + t}, {"tier." + t}});
  }
  for (std::string b : {"high_priority", "standard", "low_cost", "do_not"}) {
    out.push_back({"band " + b, {"winback.band." + b}, {"band." + b}});
  }
  for (std::string a : {"auto", "store_manager", "region_manager", "director"}) {
    out.push_back({"approver " + a, {"winback.approver." + a}, {"approver." + a}});
  }
  for (std::string s : {"pending", "approved", "rejected", "closed"}) {
    out.push_back({"offer state " + s, {"winback.status." + s}, {"offerStatus." + s}});
  }
  // Clean-up rules: the web writes "fill.store" as "fill_store".
  for (std::string r :
       {"fill.store", "fill.staff", "fill.home_store", "fraud.blacklist", "fraud.mass_cancel",
        "fraud.ring", "fraud.stack_return", "ref.store", "ref.staff", "ref.customer", "dup.same_id",
        "dup.double_submit", "test.order", "cs.exception"}) {
    std::string web = r;
    web[web.find('.')] = '_';
    out.push_back({"rule " + r, {"closeout.rule." + r}, {"rule." + web}});
  }
  out.push_back(
      {"dispute not valid", {"workflow.reason.dispute.not_valid"}, {"rule.dispute_not_valid"}});
  out.push_back({"dispute mine", {"workflow.reason.dispute.mine"}, {"rule.dispute_mine"}});
  const std::pair<const char*, const char*> problem_states[] = {{"open", "stateOpen"},
                                                                {"in_progress", "stateInProgress"},
                                                                {"resolved", "stateResolved"},
                                                                {"verified", "stateVerified"}};
  for (const auto& [token, web] : problem_states) {
    out.push_back({std::string("problem state ") + token,
                   {std::string("supervision.report.status_") + token},
                   {std::string("supervision.") + web}});
  }
  for (std::string s : {"planned", "running", "review", "frozen", "sealed", "pending", "current",
                        "stale", "deemed", "open", "decided"}) {
    out.push_back({"state " + s, {"workflow.status." + s}, {"state." + s}});
  }
  for (std::string a :
       {"incident", "network_burst", "complaint_burst", "checklist_failure", "lagging", "silent"}) {
    out.push_back({"alert " + a, {"supervision.alert." + a}, {"alert." + a}});
  }
  for (std::string c :
       {"quota_full", "rules_unclear", "redeem_failed", "not_informed", "overpromised", "other"}) {
    out.push_back({"complaint " + c, {"supervision.category." + c}, {"complaintCategory." + c}});
  }
  for (std::string i :
       {"materials", "rules_known", "redemption_system", "gifts_in_stock", "customers_informed"}) {
    out.push_back({"checklist item " + i, {"supervision.item." + i}, {"item." + i}});
  }
  for (std::string a : {"cost_overrun", "low_efficiency", "abuser_surge", "retention_anomaly"}) {
    out.push_back({"budget alert " + a, {"winback.alert_name." + a}, {"budgetAlert." + a}});
  }
  for (std::string r : {"hq", "region", "store", "finance", "arbiter", "director", "service"}) {
    out.push_back({"role " + r, {"role." + r, "winback.role." + r}, {"role." + r}});
  }
  return out;
}

TEST(Labels, EachConceptHasOneChineseLabelOnEveryFace) {
  WebCatalogue web;
  int compared = 0;
  for (const Concept& c : concepts()) {
    SCOPED_TRACE(c.name);
    std::string label(message(Lang::kZh, c.cpp.front()));
    for (const std::string& key : c.cpp) {
      EXPECT_EQ(message(Lang::kZh, key), label) << key;
      ++compared;
    }
    for (const std::string& path : c.web) {
      std::string found = web.label(path);
      EXPECT_FALSE(found.empty()) << "zh.ts has no " << path;
      EXPECT_EQ(found, label) << "zh.ts " << path;
      ++compared;
    }
  }
  EXPECT_GT(compared, 150);
}

// The reader itself: a label is found inside its group only.
TEST(Labels, WebCatalogueReaderFindsLabelsInTheirGroup) {
  WebCatalogue web;
  EXPECT_EQ(web.label("common.yes"), "是");
  EXPECT_EQ(web.label("tier.nonsense"), "");
  EXPECT_EQ(web.label("nonsense.star"), "");
}

}  // namespace
}  // namespace pitwall::app
