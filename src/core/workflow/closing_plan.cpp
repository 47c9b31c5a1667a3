#include "core/workflow/closing_plan.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/workflow/signoff.hpp"

namespace pitwall::core::workflow {

namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;
constexpr double kPeakFactor = 37;  // seed: 37x the usual traffic in the last 2 hours

struct CustomerInfo {
  std::string name;
  std::string phone;
  std::string store;
  std::string language = "zh";
};

// Local day `days_after` the end's local day, at hour:00, as UTC.
int64_t local_at(const ClosingInputs& in, int64_t days_after, int hour) {
  CivilTime end = in.zone->to_local(in.campaign->end);
  CivilTime day = civil_from_days(days_from_civil(end.year, end.month, end.day) + days_after);
  day.hour = hour;
  return in.zone->to_utc(day);
}

struct Planner {
  const ClosingInputs& in;
  const Evaluation& e;
  std::map<std::string, CustomerInfo, std::less<>> info;  // by customer id

  CustomerInfo& customer(std::string_view id) {
    auto it = info.find(id);
    if (it == info.end()) it = info.emplace(std::string(id), CustomerInfo{}).first;
    return it->second;
  }

  void load_customers() {
    if (in.customers == nullptr) return;
    const Table& t = *in.customers;
    for (size_t r = 0; r < t.rows(); ++r) {
      CustomerInfo& c = customer(t.text(customers::kCustomerId, r));
      c.name = std::string(t.text(customers::kName, r));
      c.phone = std::string(t.text(customers::kPhone, r));
      c.store = std::string(t.text(customers::kHomeStoreCode, r));
      int32_t lang = t.i32(customers::kLanguage, r);
      if (lang != kNoSmall) c.language = std::string(words::kLanguages[lang]);
    }
  }

  // Fills a customer's missing phone and store from their orders.
  void fill_from_orders() {
    const auto& run = *in.run;
    for (uint32_t k = 0; k < run.orders.size(); ++k) {
      std::string_view id = run.orders.customer_of(k);
      if (id.empty()) continue;
      CustomerInfo& c = customer(id);
      if (c.phone.empty())
        c.phone = std::string(in.orders->text(orders::kPhone, run.orders.row[k]));
      uint32_t s = e.store[k];
      if (c.store.empty() && s != run.stores.unattributed_store()) c.store = run.stores.codes[s];
    }
  }

  std::string store_name(std::string_view code) const {
    uint32_t s = in.run->stores.find_store(code);
    return s == UINT32_MAX ? std::string(code) : in.run->stores.names[s];
  }

  std::vector<std::pair<std::string, std::string>> values(const CustomerInfo& c) const {
    return {{"name", c.name},
            {"store", store_name(c.store)},
            {"end", format_local(in.campaign->end, *in.zone)},
            {"campaign", in.campaign->name},
            {"review_cutoff", format_local(in.campaign->store_review_cutoff, *in.zone)},
            {"appeal_cutoff", format_local(in.campaign->appeal_cutoff, *in.zone)}};
  }

  PlannedMessage message(std::string id, std::string audience, int64_t at,
                         const MessageTemplate& text, const std::vector<std::string>& ids) {
    PlannedMessage m{std::move(id), std::move(audience), at, {}};
    for (const std::string& cid : ids) {
      const CustomerInfo& c = customer(cid);
      const std::string& t = c.language == "en" ? text.en : text.zh;
      m.recipients.push_back(
          {cid, c.name, c.phone, c.store, c.language, fill_template(t, values(c))});
    }
    return m;
  }
};

// Customer ids, sorted, of the orders for which `keep(order)` holds.
template <typename Keep>
std::vector<std::string> customers_where(const closeout::RunResult& run, Keep keep) {
  std::vector<std::string> ids;
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    std::string_view id = run.orders.customer_of(k);
    if (!id.empty() && keep(k)) ids.emplace_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> reached_unpaid(const ClosingInputs& in) {
  const auto& run = *in.run;
  std::vector<std::string> paid = customers_where(run, [&](uint32_t k) {
    return in.orders->i64(orders::kPaidAt, run.orders.row[k]) != kNoTime;
  });
  std::vector<std::string> reached;
  const Table* source =
      in.audience != nullptr && in.audience->rows() > 0 ? in.audience : in.customers;
  if (source != nullptr) {
    int column = source == in.audience ? int{audience::kCustomerId} : int{customers::kCustomerId};
    for (size_t r = 0; r < source->rows(); ++r) reached.emplace_back(source->text(column, r));
  }
  std::sort(reached.begin(), reached.end());
  reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
  std::vector<std::string> out;
  std::set_difference(reached.begin(), reached.end(), paid.begin(), paid.end(),
                      std::back_inserter(out));
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

CapacityWarning capacity(const ClosingInputs& in) {
  const Campaign& c = *in.campaign;
  CapacityWarning w;
  w.peak_to = c.end;
  w.peak_from = c.end + 1 - 2 * kHour;
  int64_t until = std::min(in.now, c.end + 1);
  int64_t hours = until > c.start ? (until - c.start) / kHour : 0;
  w.hours_observed = hours;
  if (hours == 0) return w;
  std::vector<int64_t> per_hour(static_cast<size_t>(hours), 0);
  const auto& run = *in.run;
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    int64_t t = in.orders->i64(orders::kCreatedAt, run.orders.row[k]);
    if (t == kNoTime || t < c.start || t >= c.start + hours * kHour) continue;
    ++per_hour[static_cast<size_t>((t - c.start) / kHour)];
  }
  std::sort(per_hour.begin(), per_hour.end());
  size_t n = per_hour.size();
  w.median_hourly_orders = n % 2 == 1 ? static_cast<double>(per_hour[n / 2])
                                      : (per_hour[n / 2 - 1] + per_hour[n / 2]) / 2.0;
  w.expected_hourly_orders = kPeakFactor * w.median_hourly_orders;
  return w;
}

}  // namespace

std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [key, value] : values) {
        if (text.substr(i + 1, key.size()) == key && text.substr(i + 1 + key.size(), 1) == "}") {
          out += value;
          i += key.size() + 2;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(text[i++]);
  }
  return out;
}

ClosingPlan plan_closing(const ClosingInputs& in) {
  const auto& run = *in.run;
  Planner p{in, settlement_evaluation(run), {}};
  p.load_customers();
  p.fill_from_orders();
  ClosingPlan plan;
  const Campaign& c = *in.campaign;
  std::vector<std::string> store_codes;
  for (uint32_t s = 0; s + 1 < run.stores.store_count(); ++s) {
    store_codes.push_back(run.stores.codes[s]);
  }
  PlannedMessage stores{"store_notice", "stores", local_at(in, -3, 10), {}};
  for (const std::string& code : store_codes) {
    CustomerInfo shop{"", "", code, "zh"};
    stores.recipients.push_back({"", p.store_name(code), "", code, "zh",
                                 fill_template(in.texts.store_notice.zh, p.values(shop))});
  }
  plan.messages.push_back(p.message("reminder", "reached_unpaid", c.end + 1 - 48 * kHour,
                                    in.texts.reminder, reached_unpaid(in)));
  plan.messages.push_back(std::move(stores));
  plan.messages.push_back(p.message(
      "thanks", "participants", local_at(in, 0, 10), in.texts.thanks,
      customers_where(run, [&](uint32_t k) { return p.e.verdict[k] < verdict::kExclusionBase; })));
  plan.messages.push_back(p.message("progress", "paid_unredeemed", local_at(in, 1, 10),
                                    in.texts.progress, customers_where(run, [&](uint32_t k) {
                                      return p.e.verdict[k] == verdict::kCounted &&
                                             in.orders->i64(orders::kRedeemedAt,
                                                            run.orders.row[k]) == kNoTime;
                                    })));
  std::stable_sort(plan.messages.begin(), plan.messages.end(),
                   [](const PlannedMessage& a, const PlannedMessage& b) {
                     return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
                   });
  plan.capacity = capacity(in);
  return plan;
}

}  // namespace pitwall::core::workflow
