#include "app/push/notices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/permission.hpp"
#include "app/winback/desk.hpp"
#include "app/workflow/recompute.hpp"
#include "app/workflow/workflow.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/workflow_csv.hpp"
#include "io/xlsx/xlsx_writer.hpp"
#include "store/files/file_util.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::push {

namespace {

namespace wf = core::workflow;

constexpr std::string_view kTemplates[] = {"reminder", "thanks", "progress"};
const std::vector<std::string> kColumns = {"phone",         "member_id", "name", "language",
                                           "store",         "campaign",  "end",  "review_cutoff",
                                           "appeal_cutoff", "text"};

core::Error usage_at(std::string message, std::string_view field) {
  core::Error e = core::make_error(core::ErrorCode::kUsage, std::move(message));
  e.at_column(std::string(field));
  return e;
}

core::Result<std::set<std::string, std::less<>>> opted_out(store::Workspace& ws) {
  std::set<std::string, std::less<>> out;
  for (const store::Record& r : TRY(ws.list_records(kOptOuts))) out.insert(r.key);
  return out;
}

core::Status write_csv(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
  // csv_text starts with a BOM, so that Excel opens the UTF-8 names and texts as such.
  return store::write_file_atomic(path, io::csv_text(kColumns, rows));
}

core::Status write_xlsx(const std::string& path, const std::string& sheet, int64_t created,
                        const std::vector<std::vector<std::string>>& rows) {
  io::XlsxWriter writer = TRY(io::XlsxWriter::create(path, created));
  io::XlsxSheet& s = writer.add_sheet(sheet);
  s.header(kColumns);
  for (const auto& row : rows) {
    std::vector<io::XlsxCell> cells;
    for (const std::string& v : row) cells.push_back(io::XlsxCell::text(v));
    s.row(cells);
  }
  return writer.close();
}

}  // namespace

core::Result<NoticesResult> export_notices(const Session& s, const NoticesRequest& r) {
  TRY(authorize(s, Permission::kClosingRead));
  if (std::find(std::begin(kTemplates), std::end(kTemplates), r.template_id) ==
      std::end(kTemplates)) {
    return usage_at(s.tr("push.bad_template", r.template_id), "--template");
  }
  if (r.format != "csv" && r.format != "xlsx") {
    return usage_at(s.tr("push.bad_format", r.format), "--format");
  }
  auto planned = TRY(workflow::plan_closing(s, r.campaign));
  const workflow::Recomputed& run = *planned.run;
  const CampaignInfo& in = run.in.info;
  auto blacklist = TRY(winback::load_blacklist(s.workspace()));
  auto opt_outs = TRY(opted_out(s.workspace()));
  auto local = [&](int64_t utc) { return core::format_local(utc, *in.zone); };
  NoticesResult out;
  out.campaign = r.campaign;
  out.template_id = r.template_id;
  std::vector<std::vector<std::string>> rows;
  for (const wf::PlannedMessage& m : planned.plan.messages) {
    if (m.id != r.template_id) continue;
    out.send_at = io::instant_json(m.send_at, *in.zone).as_string();
    for (const wf::Recipient& c : m.recipients) {
      if (blacklist.hit(c.customer_id, &run.customers) != nullptr ||
          (!c.phone.empty() && blacklist.find("phone", c.phone) != nullptr)) {
        ++out.blacklisted;
      } else if (opt_outs.count(c.customer_id) || (!c.phone.empty() && opt_outs.count(c.phone))) {
        ++out.opted_out;
      } else if (c.phone.empty() && c.customer_id.empty()) {
        ++out.no_contact;
      } else {
        uint32_t store = run.result.stores.find_store(c.store);
        rows.push_back({c.phone, c.customer_id, c.name, c.language,
                        store == UINT32_MAX ? c.store : run.result.stores.names[store],
                        in.campaign.name, local(in.campaign.end),
                        local(in.campaign.store_review_cutoff), local(in.campaign.appeal_cutoff),
                        c.text});
      }
    }
  }
  out.recipients = static_cast<int64_t>(rows.size());
  if (r.format == "csv") {
    TRY(write_csv(r.out, rows));
  } else {
    TRY(write_xlsx(r.out, r.template_id, s.now, rows));
  }
  out.file = r.out;
  return out;
}

core::Result<std::vector<OptOut>> add_opt_outs(const Session& s,
                                               const std::vector<std::string>& values,
                                               const std::string& reason) {
  TRY(authorize(s, Permission::kPushWrite));
  for (const std::string& v : values) {
    if (v.empty() || v.size() > 64 || v.find('/') != std::string::npos) {
      core::Error e = core::make_error(core::ErrorCode::kInvalidInput, s.tr("push.bad_opt_out", v));
      e.at_column("VALUE");
      return e;
    }
  }
  store::Workspace& ws = s.workspace();
  TRY(ws.transaction([&]() -> core::Status {
    for (const std::string& v : values) {
      if (TRY(ws.get_record(kOptOuts, v))) continue;
      io::Json j = io::Json::object();
      j.set("value", v).set("reason", reason).set("by", s.principal.name).set("at", s.now);
      TRY(ws.insert_record(kOptOuts, v, j.dump(), s.now));
    }
    return {};
  }));
  return list_opt_outs(s);
}

core::Result<std::vector<OptOut>> list_opt_outs(const Session& s) {
  TRY(authorize(s, Permission::kPushRead));
  std::vector<OptOut> out;
  for (const store::Record& r : TRY(s.workspace().list_records(kOptOuts))) {
    io::Json j = TRY(io::Json::parse(r.json));
    out.push_back({r.key, j.get_string("reason"), j.get_string("by"), j.get_int("at")});
  }
  return out;
}

}  // namespace pitwall::app::push
