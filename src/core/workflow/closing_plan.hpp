#pragma once
// Closing communications (优雅落幕, closeout.md "Closing gracefully"): the schedule of the
// messages that end a campaign well, and per message the recipients with their text in their
// language, for a messaging platform to send (Pitwall sends nothing itself).
//
//   reminder      48 hours before the end: customers reached but without a paid order
//   store_notice  3 days before the end, 10:00: every store, with the cut-offs to the minute
//   thanks        the end day, 10:00: every participant (an order the cleaning kept)
//   progress      the day after the end, 10:00 (within 3 days): customers with a paid order not
//                 yet redeemed
//   capacity      the last 2 hours before the end: expected load 37 x the median hourly order
//                 rate so far (seed: 37x the usual traffic in the last 2 hours)
//
// Texts are templates; {name} {store} {end} {campaign} {review_cutoff} {appeal_cutoff} are
// replaced, anything else is kept as written. A customer's language is the customers file's
// `language` (zh when absent).

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/instant.hpp"
#include "core/closeout/result.hpp"
#include "core/model/campaign.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::workflow {

struct MessageTemplate {
  std::string zh;
  std::string en;
};

struct ClosingTexts {
  MessageTemplate reminder;
  MessageTemplate store_notice;
  MessageTemplate thanks;
  MessageTemplate progress;
};

struct Recipient {
  std::string customer_id;  // "" for a store
  std::string name;
  std::string phone;
  std::string store;     // store code (the customer's home store, else their order's store)
  std::string language;  // zh | en
  std::string text;
};

struct PlannedMessage {
  std::string id;                     // reminder | store_notice | thanks | progress
  std::string audience;               // reached_unpaid | stores | participants | paid_unredeemed
  int64_t send_at = 0;                // UTC
  std::vector<Recipient> recipients;  // by customer id (stores: by store code)
};

struct CapacityWarning {
  int64_t peak_from = 0;  // UTC, inclusive
  int64_t peak_to = 0;    // UTC, inclusive (the campaign's end)
  int64_t hours_observed = 0;
  double median_hourly_orders = 0;
  double expected_hourly_orders = 0;  // 37 x the median
};

struct ClosingPlan {
  std::vector<PlannedMessage> messages;  // by send time, then id
  CapacityWarning capacity;
};

struct ClosingInputs {
  const Campaign* campaign = nullptr;
  const TimeZone* zone = nullptr;
  const closeout::RunResult* run = nullptr;
  const Table* orders = nullptr;
  const Table* audience = nullptr;   // may be null: every customer of the customers file
  const Table* customers = nullptr;  // may be null
  ClosingTexts texts;
  int64_t now = 0;  // "so far" for the hourly rate
};

ClosingPlan plan_closing(const ClosingInputs& in);

// Replaces {key} for each (key, value); other braces are left as written.
std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace pitwall::core::workflow
