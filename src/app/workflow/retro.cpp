// Retrospective, campaign template and closing communications (closeout.md §11, "Closing
// gracefully").
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/campaign.hpp"
#include "app/workflow/common.hpp"
#include "app/workflow/recompute.hpp"
#include "core/workflow/closing_plan.hpp"
#include "core/workflow/retrospective.hpp"
#include "io/report/workflow_csv.hpp"
#include "io/report/workflow_sheets.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::app::workflow {

namespace {

io::Json funnel_json(const wf::Funnel& f) {
  auto rate = [](int64_t a, int64_t b) {
    return b > 0 ? io::Json::rounded(static_cast<double>(a) / static_cast<double>(b), 4)
                 : io::Json();
  };
  return io::Json::object()
      .set("reached", f.reached)
      .set("reached_source", f.reached_from_audience ? "audience" : "customers")
      .set("visited", f.visited)
      .set("ordered", f.ordered)
      .set("paid", f.paid)
      .set("redeemed", f.redeemed)
      .set("ordered_of_reached", rate(f.ordered, f.reached))
      .set("paid_of_ordered", rate(f.paid, f.ordered))
      .set("redeemed_of_paid", rate(f.redeemed, f.paid));
}

std::string local_time(const CampaignInfo& in, int64_t utc) {
  return core::format_local_iso(utc, *in.zone);
}

io::Json notes_json(const CampaignInfo& in, const std::vector<RetroNote>& notes,
                    std::string_view kind) {
  io::Json list = io::Json::array();
  for (const auto& n : notes) {
    if (n.kind != kind) continue;
    list.push(io::Json::object()
                  .set("number", n.number)
                  .set("text", n.text)
                  .set("who", n.who)
                  .set("at", local_time(in, n.at)));
  }
  return list;
}

core::Status add_notes(const Session& s, const RetroRequest& r) {
  TRY(authorize(s, Permission::kRetrospective));
  CampaignInfo info = TRY(load_campaign_info(s, r.campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 core::CampaignWrite::kRetrospective, s.now, *info.zone));
  return s.workspace().transaction([&]() -> core::Status {
    TRY(check_lifecycle(s, r.campaign, core::CampaignWrite::kRetrospective));
    int64_t recommendations = 0;
    for (const auto& n : TRY(load_retro(s.workspace(), r.campaign))) {
      if (n.kind == "recommendation") recommendations = std::max(recommendations, n.number);
    }
    if (recommendations + static_cast<int64_t>(r.recommend.size()) > 3) {
      return conflict(s.tr("workflow.three_recommendations", recommendations));
    }
    auto add = [&](const std::string& kind, const std::vector<std::string>& texts) -> core::Status {
      for (const auto& text : texts) {
        RetroNote note{kind, 0, text, s.principal.name, s.now};
        TRY(insert_retro(s.workspace(), r.campaign, note));
      }
      return {};
    };
    TRY(add("went_right", r.went_right));
    TRY(add("went_wrong", r.went_wrong));
    return add("recommendation", r.recommend);
  });
}

wf::MessageTemplate texts_of(std::string_view key, const std::string& zh, const std::string& en) {
  std::string k = fmt::format("workflow.text.{}", key);
  return {zh.empty() ? std::string(message(Lang::kZh, k)) : zh,
          en.empty() ? std::string(message(Lang::kEn, k)) : en};
}

wf::ClosingTexts closing_texts(const core::Campaign& c) {
  const auto& m = c.messages;
  return {texts_of("reminder", m.reminder_zh, m.reminder_en),
          texts_of("store_notice", m.store_notice_zh, m.store_notice_en),
          texts_of("thanks", m.thanks_zh, m.thanks_en),
          texts_of("progress", m.progress_zh, m.progress_en)};
}

core::Status write_text(const std::string& path, std::string_view bytes) {
  auto slash = path.find_last_of('/');
  if (slash != std::string::npos) TRY(store::make_dirs(path.substr(0, slash)));
  return store::write_file_atomic(path, bytes);
}

std::string template_header(const Session& s, const CampaignInfo& in,
                            const std::vector<RetroNote>& notes) {
  std::string out = fmt::format("# {}\n", s.tr("workflow.template_header", in.campaign.id,
                                               core::campaign_state_token(in.state)));
  for (const auto& n : notes) {
    out += fmt::format("# {} {}: {}\n", n.kind, n.number, n.text);
  }
  return out + "\n";
}

}  // namespace

core::Result<io::Json> retrospective(const Session& s, const RetroRequest& r) {
  bool writes = !r.went_right.empty() || !r.went_wrong.empty() || !r.recommend.empty();
  if (writes) TRY(add_notes(s, r));
  TRY(authorize(s, Permission::kClosingRead));
  auto run = TRY(recompute(s, r.campaign));
  const CampaignInfo& info = run->in.info;
  core::Table audience = TRY(s.workspace().load_table(core::TableKind::kAudience, r.campaign));
  core::Table store_day = TRY(s.workspace().load_table(core::TableKind::kStoreDay, r.campaign));
  wf::RetrospectiveInputs in{&run->result, &run->orders, &audience, &run->customers, &store_day};
  auto notes = TRY(load_retro(s.workspace(), r.campaign));
  io::Json tiers = io::Json::array();
  for (const auto& t : wf::tiers_reached(in)) {
    tiers.push(io::Json::object()
                   .set("tier", t.tier)
                   .set("customers", t.customers)
                   .set("amount_fen", t.amount_fen));
  }
  io::Json out = io::Json::object();
  out.set("campaign", r.campaign).set("definition", run->tag());
  out.set("funnel", funnel_json(wf::compute_funnel(in))).set("tiers", std::move(tiers));
  out.set("went_right", notes_json(info, notes, "went_right"));
  out.set("went_wrong", notes_json(info, notes, "went_wrong"));
  out.set("recommendations", notes_json(info, notes, "recommendation"));
  return out;
}

core::Result<io::Json> write_template(const Session& s, const std::string& campaign,
                                      const std::string& out_dir) {
  TRY(authorize(s, Permission::kClosingRead));
  store::Workspace& ws = s.workspace();
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  auto notes = TRY(load_retro(ws, campaign));
  io::Json files = io::Json::array();
  std::string path = out_dir + "/campaign.toml";
  TRY(write_text(path, template_header(s, info, notes) + info.record.toml));
  files.push(path);
  // The settlement definition as pinned at the freeze, and every other current definition.
  std::string pinned = info.lifecycle.freeze ? info.lifecycle.freeze->definition : "";
  std::string settlement = info.campaign.settlement_definition;
  for (const auto& d : TRY(ws.list_definitions())) {
    auto record = d;
    if (d.name == settlement && !pinned.empty()) record = *TRY(ws.find_definition(pinned));
    std::string def_path = fmt::format("{}/definitions/{}.toml", out_dir, record.name);
    TRY(write_text(def_path, record.toml));
    files.push(def_path);
  }
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("out", out_dir).set("files", std::move(files));
  return out;
}

core::Result<ClosingPlanned> plan_closing(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kClosingRead));
  ClosingPlanned out;
  out.run = TRY(recompute(s, campaign));
  const Recomputed& run = *out.run;
  const CampaignInfo& in = run.in.info;
  core::Table audience = TRY(s.workspace().load_table(core::TableKind::kAudience, campaign));
  wf::ClosingInputs ci{&in.campaign,
                       in.zone,
                       &run.result,
                       &run.orders,
                       &audience,
                       &run.customers,
                       closing_texts(in.campaign),
                       s.now};
  out.plan = wf::plan_closing(ci);
  return out;
}

core::Result<io::Json> closing_plan(const Session& s, const std::string& campaign,
                                    const std::string& csv_dir) {
  auto planned = TRY(plan_closing(s, campaign));
  const CampaignInfo& in = planned.run->in.info;
  const wf::ClosingPlan& plan = planned.plan;
  io::Json messages = io::Json::array();
  for (const auto& m : plan.messages) {
    io::Json j = io::Json::object();
    j.set("id", m.id).set("audience", m.audience).set("send_at", local_time(in, m.send_at));
    j.set("recipients", static_cast<int64_t>(m.recipients.size()));
    if (!csv_dir.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& r : m.recipients) {
        rows.push_back({r.customer_id, r.name, r.phone, r.store, r.language, r.text});
      }
      std::string path = fmt::format("{}/{}-{}.csv", csv_dir, campaign, m.id);
      TRY(write_text(
          path, io::csv_text({"customer_id", "name", "phone", "store", "language", "text"}, rows)));
      j.set("file", path);
    }
    messages.push(std::move(j));
  }
  const auto& cap = plan.capacity;
  io::Json out = io::Json::object();
  out.set("campaign", campaign);
  out.set("cutoffs", io::Json::object()
                         .set("order", local_time(in, in.campaign.end))
                         .set("store_review", local_time(in, in.campaign.store_review_cutoff))
                         .set("appeal", local_time(in, in.campaign.appeal_cutoff)));
  out.set("messages", std::move(messages));
  out.set("capacity",
          io::Json::object()
              .set("peak_from", local_time(in, cap.peak_from))
              .set("peak_to", local_time(in, cap.peak_to))
              .set("hours_observed", cap.hours_observed)
              .set("median_hourly_orders", io::Json::rounded(cap.median_hourly_orders, 2))
              .set("expected_hourly_orders", io::Json::rounded(cap.expected_hourly_orders, 2)));
  return out;
}

}  // namespace pitwall::app::workflow
