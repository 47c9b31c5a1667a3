// Win-back data of the demo (winback.md; issue 4 item 5): churned customers across the tiers
// with abusers, borderline cases, blacklisted customers and vehicle anomalies planted; a history
// of past attempts whose arms have exactly the seed's rates (vectors W4, W5); and the visits of
// won-back customers after their offers.
#include <algorithm>
#include <cmath>

#include "core/base/check.hpp"
#include "demo/feeds.hpp"
#include "demo/table_writer.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

const char* kReasonZh[] = {"服务", "价格", "便利性", "其他"};
const char* kReasonEn[] = {"service", "price", "convenience", "other"};
const char* kInfluenceZh[] = {"KOC", "车友会", "普通"};
const char* kInfluenceEn[] = {"koc", "club", "regular"};

enum class Profile { kOrdinary, kAbuser, kBorderline, kBlacklisted, kAnomaly };

struct Features {
  int64_t annual_fen = 0;
  int margin_basis = 5000;
  double months = 0;
  int reason = 0, influence = 2;
  double satisfaction = 7;
  int visits = 3;
  int cheapest_basis = 0;  // share of visits buying only the cheapest item, ten-thousandths
  int lead_days = 5;
  bool offer_only = false, info_complete = true, anomaly = false;
};

Features draw_features(uint64_t h, int64_t annual_fen, Profile p) {
  Features f;
  f.annual_fen = annual_fen;
  f.margin_basis = 3500 + 100 * static_cast<int>(below(mix64(h), 26));
  double u = unit(mix64(h + 1));
  f.months = std::round((1 + 23 * u * u) * 10) / 10;
  int r = static_cast<int>(below(mix64(h + 2), 100));
  f.reason = r < 35 ? 0 : r < 65 ? 1 : r < 90 ? 2 : 3;
  int inf = static_cast<int>(below(mix64(h + 3), 100));
  f.influence = inf < 3 ? 0 : inf < 15 ? 1 : 2;
  f.satisfaction = static_cast<double>(below(mix64(h + 4), 11));
  // Ordinary customers: risk at most 75.5 (2+ visits, cheapest share <= 40%).
  f.visits = 2 + static_cast<int>(below(mix64(h + 5), 7));
  f.cheapest_basis = 100 * static_cast<int>(below(mix64(h + 6), 41));
  f.lead_days = static_cast<int>(below(mix64(h + 7), 11));
  f.offer_only = below(mix64(h + 8), 100) < 10;
  f.info_complete = below(mix64(h + 9), 100) >= 5;
  if (p == Profile::kAbuser) {  // risk 25 + 20 x share + 15 + 20 + 20 >= 98
    f.visits = 1;
    f.cheapest_basis = 9000 + 100 * static_cast<int>(below(mix64(h + 10), 11));
    f.lead_days = static_cast<int>(below(mix64(h + 11), 2));
    f.offer_only = true;
    f.info_complete = false;
  } else if (p == Profile::kBorderline) {  // vector W8: exactly 80, not above
    f.visits = 1;
    f.cheapest_basis = 10000;
    f.lead_days = 0;
    f.offer_only = true;
    f.info_complete = true;
  } else if (p == Profile::kAnomaly) {
    f.anomaly = true;
  }
  return f;
}

double risk(const Features& f) {
  double v = f.visits >= 3 ? 0 : f.visits == 2 ? 50 : 100;
  double b = f.lead_days >= 3 ? 0 : f.lead_days == 2 ? 50 : 100;
  return 0.25 * v + 0.20 * f.cheapest_basis / 100.0 + 0.15 * b + 0.20 * (f.offer_only ? 100 : 0) +
         0.20 * (f.info_complete ? 0 : 100);
}

void write_features(TableWriter& w, const Features& f, bool chinese) {
  w.money(f.annual_fen);
  if (chinese) {
    w.number(f.margin_basis / 10000.0);
  } else {
    w.text(fmt::format("{}%", f.margin_basis / 100));
  }
  w.number(f.months);
  w.text(chinese ? kReasonZh[f.reason] : kReasonEn[f.reason]);
  w.number(f.satisfaction);
  w.text(chinese ? kInfluenceZh[f.influence] : kInfluenceEn[f.influence]);
  w.integer(f.visits);
  w.number(f.cheapest_basis / 10000.0);
  w.integer(f.lead_days);
  w.text(chinese ? (f.offer_only ? "是" : "否") : (f.offer_only ? "Y" : "N"));
  w.text(chinese ? (f.info_complete ? "是" : "否") : (f.info_complete ? "Y" : "N"));
  w.text(chinese ? (f.anomaly ? "是" : "否") : (f.anomaly ? "Y" : "N"));
}

struct Arm {
  const char* name;
  int rows, won, retained;
  int64_t cost_yuan;
};

// W4 and W5: n x success and won x retention are whole numbers, so the observed rates are the
// seed's exactly (e.g. cash 625 x 32% = 200 won, 200 x 58% = 116 retained).
const Arm kArms[] = {{"cash", 625, 200, 116, 1000},      {"gift", 1250, 350, 217, 1000},
                     {"service", 1000, 450, 351, 1000},  {"mixed", 1250, 650, 533, 1000},
                     {"one_shot", 1250, 475, 247, 3000}, {"three_step", 1250, 600, 492, 1800}};

}  // namespace

core::Result<WinbackOutcome> write_winback(const std::string& dir, const Network& net,
                                           const CustomerBook& customers, uint64_t seed,
                                           GroundTruth& truth,
                                           std::vector<BlacklistEntry>& blacklist) {
  WinbackOutcome out;
  struct Churned {
    int64_t customer;
    int store;
    Profile profile;
    Features f;
  };
  std::vector<Churned> churned;
  std::vector<int> hot = {net.region_stores[0][2], net.region_stores[1][3],
                          net.region_stores[2][1]};
  for (size_t s = 0; s < net.stores.size(); ++s) {
    int store = static_cast<int>(s);
    int64_t size = customers.block_size(store), n = customers.churned_count(store);
    bool hot_store = std::find(hot.begin(), hot.end(), store) != hot.end();
    for (int64_t p = size - n; p < size; ++p) {
      int64_t c = customers.at(store, p);
      uint64_t h = mix(seed, 60, static_cast<uint64_t>(c));
      int u = static_cast<int>(below(h, 1000));
      Profile pr = u < 20 || (hot_store && u < 200) ? Profile::kAbuser
                   : u < 25                         ? Profile::kBorderline
                   : u < 35                         ? Profile::kBlacklisted
                   : u < 40                         ? Profile::kAnomaly
                                                    : Profile::kOrdinary;
      churned.push_back({c, store, pr, draw_features(mix64(h), customers.annual_value_fen(c), pr)});
    }
  }
  {
    bool xlsx = static_cast<int64_t>(churned.size()) <= kXlsxMaxRows;
    std::string file = xlsx ? "churned.xlsx" : "churned.csv";
    auto w = xlsx ? TRY(open_xlsx_writer(dir + "/" + file, "流失客户"))
                  : TRY(open_csv_writer(dir + "/" + file, FileEncoding::kUtf8Bom));
    write_header(*w, {"customer_id", "门店", "年均消费", "毛利率", "流失时长", "流失原因",
                      "历史满意度", "影响力", "年消费次数", "仅最低价项目占比", "预约提前天数",
                      "只关心优惠", "信息完整", "车辆数据异常"});
    for (const Churned& c : churned) {
      std::string id = customers.id(c.customer);
      w->text(id);
      w->text(net.stores[c.store].code);
      write_features(*w, c.f, true);
      w->end_row();
      const char* kind = c.profile == Profile::kAbuser        ? "winback_abuser"
                         : c.profile == Profile::kBorderline  ? "winback_borderline"
                         : c.profile == Profile::kBlacklisted ? "winback_blacklisted"
                         : c.profile == Profile::kAnomaly     ? "winback_vehicle_anomaly"
                                                              : nullptr;
      if (kind == nullptr) continue;
      Case k;
      k.kind = defect_kind_index(kind);
      k.targets = {id};
      k.customers = {id};
      k.store = net.stores[c.store].code;
      k.detail = fmt::format("risk {:.1f}", risk(c.f));
      truth.add(k);
      if (c.profile == Profile::kBlacklisted) {
        blacklist.push_back({"customer_id", id, "挽回活动中套取优惠后转卖"});
      }
    }
    out.churned = w->rows() - 1;
    out.files.push_back({file, "churned", xlsx ? "xlsx" : "utf-8-bom", out.churned});
    TRY(w->close());
  }
  {  // the history of past attempts: UTF-8, English headers
    auto w = TRY(open_csv_writer(dir + "/winback-history.csv", FileEncoding::kUtf8));
    write_header(
        *w, {"customer_id", "store_code", "annual_value", "margin", "months_churned", "reason",
             "satisfaction", "influence", "visits_per_year", "cheapest_only_share",
             "booking_lead_days", "offer_only_contact", "info_complete", "vehicle_anomaly", "arm",
             "cost", "won_back", "retained_1y"});
    uint64_t row = 0;
    for (const Arm& arm : kArms) {
      struct Attempt {
        int64_t customer;
        Features f;
        double success, retention;
      };
      std::vector<Attempt> attempts;
      for (int i = 0; i < arm.rows; ++i, ++row) {
        int64_t c = static_cast<int64_t>(below(mix(seed, 61, row), customers.ordinary()));
        uint64_t h = mix(seed, 62, row);
        Features f = draw_features(h, customers.annual_value_fen(c), Profile::kOrdinary);
        // Outcomes follow the features (so a calibrated model has something to learn) with
        // noise; the counts per arm are fixed below.
        double base = f.months <= 3 ? 0.5 : f.months <= 6 ? 0.4 : f.months <= 12 ? 0.25 : 0.1;
        base += f.reason == 0 ? 0.1 : f.reason == 1 ? 0.05 : 0;
        base += f.influence == 0 ? 0.05 : 0;
        double success = base + 0.5 * unit(mix64(h + 20));
        double retention =
            0.7 + (f.reason == 0 ? 0.05 : 0) + f.satisfaction / 40 + 0.5 * unit(mix64(h + 21));
        attempts.push_back({c, f, success, retention});
      }
      std::vector<int> order(attempts.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
      std::sort(order.begin(), order.end(), [&](int a, int b) {
        return attempts[a].success > attempts[b].success ||
               (attempts[a].success == attempts[b].success && a < b);
      });
      std::vector<int> won(attempts.size(), 0), kept(attempts.size(), 0);
      for (int i = 0; i < arm.won; ++i) won[order[i]] = 1;
      std::vector<int> winners(order.begin(), order.begin() + arm.won);
      std::sort(winners.begin(), winners.end(), [&](int a, int b) {
        return attempts[a].retention > attempts[b].retention ||
               (attempts[a].retention == attempts[b].retention && a < b);
      });
      for (int i = 0; i < arm.retained; ++i) kept[winners[i]] = 1;
      for (size_t i = 0; i < attempts.size(); ++i) {
        const Attempt& a = attempts[i];
        w->text(customers.id(a.customer));
        w->text(net.stores[customers.home_store(a.customer)].code);
        write_features(*w, a.f, false);
        w->text(arm.name);
        w->money(arm.cost_yuan * 100);
        w->text(won[i] ? "true" : "false");
        w->text(kept[i] ? "true" : "false");
        w->end_row();
      }
    }
    out.history = w->rows() - 1;
    out.files.push_back({"winback-history.csv", "winback-history", "utf-8", out.history});
    TRY(w->close());
  }
  {  // visits after offers: UTF-8, English headers, amounts like ¥1,234.50
    auto w = TRY(open_csv_writer(dir + "/winback-visits.csv", FileEncoding::kUtf8));
    write_header(*w, {"customer_id", "visited_at", "paid_amount"});
    const MoneyForm kForms[] = {MoneyForm::kYen, MoneyForm::kYen, MoneyForm::kYuanSuffix,
                                MoneyForm::kFullWidth};
    for (const Churned& c : churned) {
      uint64_t h = mix(seed, 63, static_cast<uint64_t>(c.customer));
      bool abuser = c.profile == Profile::kAbuser;
      if (c.profile == Profile::kBlacklisted || below(h, 100) >= (abuser ? 50u : 20u)) continue;
      int visits = abuser ? 1 : 1 + static_cast<int>(below(mix64(h), 3));
      int64_t t = local_seconds(2023, 4, 15) +
                  static_cast<int64_t>(below(mix64(h + 1), 45)) * 86400 + 9 * 3600 +
                  static_cast<int64_t>(below(mix64(h + 2), 9 * 3600));
      for (int v = 0; v < visits; ++v) {
        int64_t fen =
            abuser ? 29900 : 68000 + 100 * static_cast<int64_t>(below(mix64(h + 3 + v), 4000));
        w->text(customers.id(c.customer));
        w->time(t, TimeForm::kIso);
        w->money(fen, kForms[below(mix64(h + 9 + v), 4)]);
        w->end_row();
        t += (20 + static_cast<int64_t>(below(mix64(h + 5 + v), 50))) * 86400;
      }
    }
    out.visits = w->rows() - 1;
    out.files.push_back({"winback-visits.csv", "winback-visits", "utf-8", out.visits});
    TRY(w->close());
  }
  std::string arms = "{";
  for (const Arm& a : kArms) {
    arms += fmt::format(
        "{}\"{}\": {{\"attempts\": {}, \"won_back\": {}, \"retained_1y\": {}, "
        "\"cost_yuan\": {}}}",
        arms.size() > 1 ? ", " : "", a.name, a.rows, a.won, a.retained, a.cost_yuan);
  }
  truth.facts.push_back({"winback_arms", arms + "}"});
  return out;
}

}  // namespace pitwall::demo
