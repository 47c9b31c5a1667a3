#pragma once
// Customer notices (server.md §7, the close-out seed: the reminder 48 hours before the end, the
// thank-you on the last day, the fulfilment notice within three days): Pitwall sends no SMS or
// app push itself; it exports, per template, the recipient list an SMS or app-push platform
// imports — CSV (UTF-8 with a BOM, for Excel) or XLSX — built from the campaign's closing plan
// (core/workflow/closing_plan.hpp: its audience and orders), without the customers on the
// blacklist (the imported table and arbitration's entries, by customer id, phone or VIN) and
// without those who opted out (records push.opt_outs, by customer id or phone).
//
// Columns: phone, member_id, name, language, store, campaign, end, review_cutoff,
// appeal_cutoff, text — the template's variables by their names ({name} {store} ...), then the
// text filled in the customer's language (zh or en), so that a platform may use either.
//
// Who: workflow:closing:read (HQ, finance, director) exports; push:targets:write (HQ) records
// opt-outs, push:deliveries:read lists them.

#include <cstdint>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::push {

inline constexpr std::string_view kOptOuts = "push.opt_outs";

struct NoticesRequest {
  std::string campaign;
  std::string template_id;  // reminder | thanks | progress
  std::string format;       // csv | xlsx
  std::string out;          // the file to write
};
struct NoticesResult {
  std::string campaign;
  std::string template_id;
  std::string send_at;  // the closing plan's time, ISO 8601 in the campaign's zone
  int64_t recipients = 0;
  int64_t blacklisted = 0;  // left out
  int64_t opted_out = 0;    // left out
  int64_t no_contact = 0;   // left out: neither phone nor member id
  std::string file;
};
// Errors: kForbidden, kNotFound (campaign), kUsage at --template / --format, the run's (no
// close-out inputs yet), kIo.
core::Result<NoticesResult> export_notices(const Session& s, const NoticesRequest& r);

struct OptOut {
  std::string value;  // a customer id or a phone number
  std::string reason;
  std::string by;
  int64_t at = 0;
};
// Records opt-outs (again: kept as first recorded). Errors: kForbidden, kInvalidInput (an empty
// or over-long value).
core::Result<std::vector<OptOut>> add_opt_outs(const Session& s,
                                               const std::vector<std::string>& values,
                                               const std::string& reason);
core::Result<std::vector<OptOut>> list_opt_outs(const Session& s);  // by value

}  // namespace pitwall::app::push
