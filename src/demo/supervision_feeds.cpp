// Supervision feeds of the demo (supervision.md; issue 4 item 4). Planted: lagging store-days,
// a silent store, complaint bursts, the day-1 redemption-system incident at 30% of stores,
// missing posters; the rule-quiz survey gives the seed's decay table (vector S5) exactly.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "core/base/check.hpp"
#include "demo/feeds.hpp"
#include "demo/table_writer.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

constexpr int kDays = 31;
constexpr int64_t kHour = 3600;
const char* kCategoryZh[] = {"名额已满", "规则不清", "核销失败", "未告知", "承诺超出权益", "其他"};
const char* kCategoryText[] = {"到店被告知活动名额已满", "顾问讲不清活动规则",   "优惠券无法核销",
                               "到店后才知道有活动",     "顾问承诺的赠品未兑现", "等待时间过长"};
enum { kQuotaFull, kRulesUnclear, kRedeemFailed, kNotInformed, kOverpromised, kOther };
const char* kItemZh[] = {"物料到位", "规则掌握", "核销系统", "礼品数量", "主动告知"};
const char* kItemEn[] = {"materials", "rules_known", "redemption_system", "gifts_in_stock",
                         "customers_informed"};

std::string date_text(int day) { return fmt::format("2023-03-{:02d}", day); }

struct Complaint {
  int64_t time;
  int store, category;
};

// Robust z-scores of supervision.md over the values of one region and day.
std::vector<double> robust_z(const std::vector<double>& x) {
  std::vector<double> z(x.size(), 0);
  if (x.empty()) return z;
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  double med = median(x);
  std::vector<double> dev;
  for (double v : x) dev.push_back(std::fabs(v - med));
  double mad = median(dev);
  double mean_ad = 0;
  for (double d : dev) mean_ad += d;
  mean_ad /= static_cast<double>(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (mad > 0) {
      z[i] = 0.6745 * (x[i] - med) / mad;
    } else if (mean_ad > 0) {
      z[i] = (x[i] - med) / (1.2533 * mean_ad);
    }
  }
  return z;
}

}  // namespace

class SupervisionBuilder {
 public:
  SupervisionBuilder(const Network& net, const StoreDayCounts& days, uint64_t seed,
                     GroundTruth& truth)
      : net_(net), days_(days), rng_(mix(seed, 50, 0)), truth_(truth) {
    n_ = static_cast<int>(net.stores.size());
    participants_.assign(n_, {});
    eligible_.assign(n_, {});
    complaints_per_day_.assign(n_, {});
    lagging_.assign(n_, {});
  }

  void plan() {
    silent_store_ = weak_store(5);
    silent_day_ = 12;
    for (int s = 0; s < n_; ++s) incident_.push_back(below(mix(rng_.bits(), 1, s), 1000) < 300);
    int planted_lagging = std::max(4, 8 * n_ / 218);
    for (int i = 0; i < planted_lagging; ++i) {
      int s = weak_store(11 + i * 7);
      int day = 4 + (i * 3) % 24;
      lagging_[s][day - 1] = true;
    }
    int bursts = std::max(3, 6 * n_ / 218);
    for (int i = 0; i < bursts; ++i) {
      burst_.push_back(
          {weak_store(3 + i * 13), 3 + (i * 4) % 18, i % 2 ? kRulesUnclear : kQuotaFull});
    }
    int posters = std::max(4, 15 * n_ / 218);
    for (int i = 0; i < posters; ++i) no_poster_.push_back(weak_store(17 + i * 5));
  }

  void complaints() {
    for (int s = 0; s < n_; ++s) {
      const Store& st = net_.stores[s];
      if (incident_[s]) {  // day 1, 09:30-11:20: the redemption system fails
        add_complaint(local_seconds(2023, 3, 1, 9, 30) + rng_.range(0, 110 * 60), s, kRedeemFailed);
      }
      for (int d = 1; d <= kDays; ++d) {
        if (s == silent_store_ && d == silent_day_) continue;
        if (near_burst(s, d)) continue;
        double p = st.executing ? 0.02 : 0.06;
        if (!rng_.chance(p)) continue;  // at most one ordinary complaint a store-day
        static const double kWeights[] = {35, 30, 0, 20, 5, 10};
        int cat = static_cast<int>(rng_.weighted(kWeights));
        add_complaint(local_seconds(2023, 3, d, 9) + rng_.range(0, 10 * kHour), s, cat);
      }
    }
    for (const Burst& b : burst_) {
      int64_t t = local_seconds(2023, 3, b.day, 10) + rng_.range(0, 2 * kHour);
      for (int j = 0; j < 3; ++j)
        add_complaint(t + j * rng_.range(40 * 60, 2 * kHour), b.store, b.category);
      Case c;
      c.kind = defect_kind_index("complaint_burst");
      c.store = net_.stores[b.store].code;
      c.date = format_time(t);
      c.detail = fmt::format("3 x {} within 24 hours", kCategoryZh[b.category]);
      truth_.add(c);
    }
    std::sort(complaints_.begin(), complaints_.end(), [](const Complaint& a, const Complaint& b) {
      return a.time < b.time || (a.time == b.time && a.store < b.store);
    });
  }

  void store_days() {
    for (int d = 1; d <= kDays; ++d) {
      double factor = weak_rate(d) / 0.13;
      for (int s = 0; s < n_; ++s) {
        const Store& st = net_.stores[s];
        int64_t p = days_.orders[s][d - 1] + (st.executing ? rng_.range(1, 2) : 0);
        p = std::max<int64_t>(p, 1);
        // Weak stores: one of three rates at or above the day's level, so that a region's
        // median absolute deviation is small but not zero and only a store far below stands
        // out (robust z < -2).
        static const double kSpread[] = {1.0, 1.0, 1.15, 1.15, 1.15, 1.3, 1.3};
        double rate = lagging_[s][d - 1] ? 0.01 + 0.01 * rng_.real()
                      : st.executing     ? (0.45 + 0.13 * rng_.real()) * factor
                                         : weak_rate(d) * kSpread[rng_.range(0, 6)];
        participants_[s][d - 1] = p;
        eligible_[s][d - 1] = std::max<int64_t>(p, std::llround(static_cast<double>(p) / rate));
      }
      find_lagging(d);
    }
  }

  core::Status write(const std::string& dir, SupervisionOutcome& out);

 private:
  struct Burst {
    int store, day, category;
  };

  static double weak_rate(int d) {
    double factor = d == 1 ? 0.6 : d == 2 ? 0.75 : d == 3 ? 0.85 : d == 4 ? 0.92 : 1.0;
    return 0.13 * factor;
  }
  int weak_store(int salt) const {
    for (int k = 0;; ++k) {
      int s = (salt * 37 + k) % n_;
      if (!net_.stores[s].executing) return s;
    }
  }
  bool near_burst(int s, int d) const {
    for (const Burst& b : burst_) {
      if (b.store == s && std::abs(b.day - d) <= 1) return true;
    }
    return false;
  }
  void add_complaint(int64_t t, int s, int category) {
    complaints_.push_back({t, s, category});
    ++complaints_per_day_[s][(t - local_seconds(2023, 3, 1)) / 86400];
  }
  // Records every store-day whose participation is far below its region's (robust z < -2,
  // supervision.md), computed as the desk computes it: the planted ones and any other.
  void find_lagging(int d) {
    for (const auto& stores : net_.region_stores) {
      std::vector<double> x;
      std::vector<int> who;
      for (int s : stores) {
        if (s == silent_store_ && d == silent_day_) continue;
        x.push_back(static_cast<double>(participants_[s][d - 1]) /
                    static_cast<double>(eligible_[s][d - 1]));
        who.push_back(s);
      }
      std::vector<double> z = robust_z(x);
      for (size_t i = 0; i < who.size(); ++i) {
        if (z[i] < -2) found_lagging_.push_back({who[i], d, z[i]});
      }
    }
  }

  struct Lagging {
    int store, day;
    double z;
  };
  std::vector<Lagging> found_lagging_;
  const Network& net_;
  const StoreDayCounts& days_;
  Rng rng_;
  GroundTruth& truth_;
  int n_ = 0;
  int silent_store_ = 0, silent_day_ = 0;
  std::vector<bool> incident_;
  std::vector<std::array<bool, kDays>> lagging_;
  std::vector<Burst> burst_;
  std::vector<int> no_poster_;
  std::vector<Complaint> complaints_;
  std::vector<std::array<int64_t, kDays>> participants_, eligible_, complaints_per_day_;
};

namespace {

void survey_level(TableWriter& out, const char* level, int count, int completeness, int willingness,
                  Rng& rng, const std::function<std::pair<std::string, std::string>(int)>& who) {
  // Scores around the level's target, then nudged by one point at a time so that the averages
  // are exactly the seed's (vector S5).
  std::vector<int> quiz(count), will(count);
  auto fill = [&](std::vector<int>& v, int target) {
    int64_t sum = 0;
    for (int& x : v) {
      x = std::clamp(target + static_cast<int>(rng.range(-15, 15)), 0, 100);
      sum += x;
    }
    int64_t want = static_cast<int64_t>(target) * count;
    for (size_t i = 0; sum != want; i = (i + 1) % v.size()) {
      if (sum < want && v[i] < 100) {
        ++v[i];
        ++sum;
      } else if (sum > want && v[i] > 0) {
        --v[i];
        --sum;
      }
    }
  };
  fill(quiz, completeness);
  fill(will, willingness);
  for (int i = 0; i < count; ++i) {
    auto [name, store] = who(i);
    out.text(level);
    out.text(name);
    if (store.empty()) {
      out.empty();
    } else {
      out.text(store);
    }
    out.integer(quiz[i]);
    out.integer(will[i]);
    out.end_row();
  }
}

}  // namespace

core::Status SupervisionBuilder::write(const std::string& dir, SupervisionOutcome& out) {
  auto add_case = [&](const char* kind, std::string store, std::string date, std::string detail) {
    Case c;
    c.kind = defect_kind_index(kind);
    c.store = std::move(store);
    c.date = std::move(date);
    c.detail = std::move(detail);
    truth_.add(c);
  };
  for (int s = 0; s < n_; ++s) {
    if (net_.stores[s].executing) add_case("executing_store", net_.stores[s].code, "", "");
  }
  {  // store-day figures: GB18030, Chinese headers, dates like 2023/3/6
    auto w = TRY(open_csv_writer(dir + "/store-day.csv", FileEncoding::kGb18030));
    write_header(*w, {"日期", "门店编码", "触达客户数", "参与人数", "订单数", "核销数", "投诉数"});
    for (int d = 1; d <= kDays; ++d) {
      for (int s = 0; s < n_; ++s) {
        if (s == silent_store_ && d == silent_day_) continue;
        w->time(local_seconds(2023, 3, d), TimeForm::kDateSlash);
        w->text(net_.stores[s].code);
        w->integer(eligible_[s][d - 1]);
        w->integer(participants_[s][d - 1]);
        w->integer(days_.orders[s][d - 1]);
        w->integer(days_.redemptions[s][d - 1]);
        w->integer(complaints_per_day_[s][d - 1]);
        w->end_row();
        out.participants += participants_[s][d - 1];
        out.eligible += eligible_[s][d - 1];
      }
    }
    out.files.push_back({"store-day.csv", "store-day", "gb18030", w->rows() - 1});
    TRY(w->close());
  }
  add_case("silent_store", net_.stores[silent_store_].code, date_text(silent_day_),
           "no store-day row");
  for (const Lagging& g : found_lagging_) {
    int s = g.store, d = g.day;
    add_case("lagging_store", net_.stores[s].code, date_text(d),
             fmt::format("{}: participants {} of {} eligible, robust z {:.2f}",
                         lagging_[s][d - 1] ? "planted" : "incidental", participants_[s][d - 1],
                         eligible_[s][d - 1], g.z));
  }
  int incident_stores = static_cast<int>(std::count(incident_.begin(), incident_.end(), true));
  add_case("system_incident", "", "2023-03-01",
           fmt::format("{} of {} stores: redeem_failed complaints and failed redemption_system "
                       "spot checks",
                       incident_stores, n_));
  add_case("network_complaint_burst", "", "2023-03-01",
           fmt::format("redeem_failed from {} stores between 09:30 and 11:20", incident_stores));
  {  // complaints: UTF-8, Chinese headers, times like 2023/3/6 9:30
    auto w = TRY(open_csv_writer(dir + "/complaints.csv", FileEncoding::kUtf8));
    write_header(*w, {"投诉时间", "门店编码", "投诉类别", "投诉内容"});
    for (const Complaint& c : complaints_) {
      w->time(c.time, TimeForm::kSlashMinute);
      w->text(net_.stores[c.store].code);
      w->text(kCategoryZh[c.category]);
      w->text(kCategoryText[c.category]);
      w->end_row();
    }
    out.files.push_back({"complaints.csv", "complaints", "utf-8", w->rows() - 1});
    TRY(w->close());
  }
  std::map<std::string, std::string> failures;  // "store|date|item" -> detail
  {                                             // inspections: XLSX, Chinese headers and words
    auto w = TRY(open_xlsx_writer(dir + "/inspections.xlsx", "巡检"));
    write_header(*w, {"巡检日期", "门店编码", "巡检人", "检查项", "是否通过", "备注", "照片"});
    for (int s = 0; s < n_; ++s) {
      const Store& st = net_.stores[s];
      bool no_poster = std::find(no_poster_.begin(), no_poster_.end(), s) != no_poster_.end();
      for (int d = 1 + s % 7, visit = 0; d <= kDays; d += 7, ++visit) {
        for (int item = 0; item < 5; ++item) {
          bool pass = true;
          if (item == 0) pass = !(no_poster && visit == 0);
          if (item == 2) pass = !(d == 1 && incident_[s]);
          if (!st.executing && (item == 1 || item == 3 || item == 4)) {
            pass = rng_.chance(item == 1 ? 0.6 : item == 3 ? 0.9 : 0.5);
          }
          w->time(local_seconds(2023, 3, d), TimeForm::kDate);
          w->text(st.code);
          w->text("督导" + net_.regions[st.region].short_name);
          w->text(kItemZh[item]);
          w->text(pass ? "是" : "否");
          if (pass) {
            w->empty();
            w->empty();
          } else {
            w->text(item == 0 ? "海报未张贴" : "需整改");
            w->text(fmt::format("IMG_202303{:02d}_{}_{}.jpg", d, st.code, item));
          }
          w->end_row();
          if (!pass && (item == 0 || item == 2)) {
            failures[st.code + "|" + date_text(d) + "|" + kItemEn[item]] =
                item == 0 ? "inspection: poster not displayed"
                          : "inspection: redemption system down";
          }
        }
      }
    }
    out.files.push_back({"inspections.xlsx", "inspections", "xlsx", w->rows() - 1});
    TRY(w->close());
  }
  {  // remote spot checks: UTF-8, English headers and words, ISO times with offset
    auto w = TRY(open_csv_writer(dir + "/spot-checks.csv", FileEncoding::kUtf8));
    write_header(*w, {"time", "store_code", "checker", "channel", "item", "pass", "note"});
    for (int d = 1; d <= kDays; ++d) {
      for (int s = 0; s < n_; ++s) {
        const Store& st = net_.stores[s];
        if (d == 1 && (incident_[s] || rng_.chance(0.15))) {
          bool pass = !incident_[s];
          w->time(local_seconds(2023, 3, 1, 10) + rng_.range(0, 2 * kHour), TimeForm::kIsoOffset);
          w->text(st.code);
          w->text("总部督导");
          w->text("phone");
          w->text("redemption_system");
          w->text(pass ? "true" : "false");
          w->text(pass ? "" : "coupon cannot be redeemed");
          w->end_row();
          if (!pass)
            failures[st.code + "|" + date_text(1) + "|redemption_system"] =
                "phone spot check: coupons cannot be redeemed";
        } else if (d > 1 && rng_.chance(0.03)) {
          int item = rng_.chance(0.5) ? 1 : 4;
          bool pass = st.executing || rng_.chance(0.55);
          w->time(local_seconds(2023, 3, d, 14) + rng_.range(0, 4 * kHour), TimeForm::kIsoOffset);
          w->text(st.code);
          w->text("总部督导");
          w->text(rng_.chance(0.5) ? "phone" : "video");
          w->text(kItemEn[item]);
          w->text(pass ? "true" : "false");
          w->text("");
          w->end_row();
        }
      }
    }
    out.files.push_back({"spot-checks.csv", "spot-checks", "utf-8", w->rows() - 1});
    TRY(w->close());
  }
  for (const auto& [key, detail] : failures) {
    size_t a = key.find('|'), b = key.rfind('|');
    add_case("checklist_failure", key.substr(0, a), key.substr(a + 1, b - a - 1),
             key.substr(b + 1) + ": " + detail);
  }
  {  // the rule-quiz survey (S5): XLSX, Chinese levels
    auto w = TRY(open_xlsx_writer(dir + "/survey.xlsx", "规则测验"));
    write_header(*w, {"层级", "答题人", "门店编码", "测验得分", "执行意愿"});
    survey_level(*w, "总部", 6, 100, 100, rng_, [](int i) {
      return std::pair<std::string, std::string>(fmt::format("总部运营{:02d}", i + 1), "");
    });
    survey_level(*w, "区域", 12, 85, 90, rng_, [&](int i) {
      return std::pair<std::string, std::string>(
          net_.regions[i % 6].short_name + fmt::format("区域经理{}", i / 6 + 1), "");
    });
    survey_level(*w, "店长", n_, 65, 70, rng_, [&](int i) {
      const Store& st = net_.stores[i];
      return std::pair<std::string, std::string>(net_.staff[st.first_staff].name, st.code);
    });
    survey_level(*w, "一线", 3 * n_, 40, 50, rng_, [&](int i) {
      const Store& st = net_.stores[i / 3];
      int staff = st.first_adviser + (i % 3) % st.adviser_count;
      return std::pair<std::string, std::string>(net_.staff[staff].name, st.code);
    });
    out.files.push_back({"survey.xlsx", "survey", "xlsx", w->rows() - 1});
    TRY(w->close());
  }
  return {};
}

core::Result<SupervisionOutcome> write_supervision(const std::string& dir, const Network& net,
                                                   const StoreDayCounts& days, uint64_t seed,
                                                   GroundTruth& truth) {
  SupervisionBuilder b(net, days, seed, truth);
  b.plan();
  b.complaints();
  b.store_days();
  SupervisionOutcome out;
  TRY(b.write(dir, out));
  return out;
}

}  // namespace pitwall::demo
