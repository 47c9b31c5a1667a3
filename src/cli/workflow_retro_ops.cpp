// Retrospective, campaign template and closing communications (closeout.md §11, "Closing
// gracefully").
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cli/workflow_common.hpp"
#include "cli/workflow_ops.hpp"
#include "core/workflow/closing_plan.hpp"
#include "core/workflow/retrospective.hpp"
#include "io/report/workflow_csv.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::cli {

namespace {

namespace wf = core::workflow;

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

core::Status add_notes(const Context& ctx, store::Workspace& ws, const RetroRequest& r,
                       const CampaignInfo& info) {
  Person p = TRY(person_of(ctx, ws, r.as));
  TRY(core::authorize(p.actor, core::Action::kRetrospective, {}));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 core::CampaignWrite::kRetrospective, now, *info.zone));
  auto notes = TRY(load_retro(ws, r.campaign));
  std::map<std::string, int64_t> last;  // highest number per kind
  for (const auto& n : notes) last[n.kind] = std::max(last[n.kind], n.number);
  if (last["recommendation"] + static_cast<int64_t>(r.recommend.size()) > 3) {
    return conflict(tr(ctx.lang, "workflow.three_recommendations", last["recommendation"]));
  }
  return ws.transaction([&]() -> core::Status {
    auto add = [&](const std::string& kind, const std::vector<std::string>& texts) -> core::Status {
      for (const auto& text : texts) {
        TRY(put_retro(ws, r.campaign, {kind, ++last[kind], text, p.user.name, now}));
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

std::string template_header(const Context& ctx, const CampaignInfo& in,
                            const std::vector<RetroNote>& notes) {
  std::string out = fmt::format("# {}\n", tr(ctx.lang, "workflow.template_header", in.campaign.id,
                                             core::campaign_state_token(in.state)));
  for (const auto& n : notes) {
    out += fmt::format("# {} {}: {}\n", n.kind, n.number, n.text);
  }
  return out + "\n";
}

}  // namespace

core::Result<io::Json> retrospective(const Context& ctx, store::Workspace& ws,
                                     const RetroRequest& r) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, r.campaign));
  bool writes = !r.went_right.empty() || !r.went_wrong.empty() || !r.recommend.empty();
  if (writes) TRY(add_notes(ctx, ws, r, info));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  core::Table audience = TRY(ws.load_table(core::TableKind::kAudience, r.campaign));
  core::Table store_day = TRY(ws.load_table(core::TableKind::kStoreDay, r.campaign));
  wf::RetrospectiveInputs in{&run->result, &run->orders, &audience, &run->customers, &store_day};
  auto notes = TRY(load_retro(ws, r.campaign));
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
  out.set("went_right", notes_json(run->info, notes, "went_right"));
  out.set("went_wrong", notes_json(run->info, notes, "went_wrong"));
  out.set("recommendations", notes_json(run->info, notes, "recommendation"));
  return out;
}

core::Result<io::Json> write_template(const Context& ctx, store::Workspace& ws,
                                      const std::string& campaign, const std::string& out_dir) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  auto notes = TRY(load_retro(ws, campaign));
  io::Json files = io::Json::array();
  std::string path = out_dir + "/campaign.toml";
  TRY(write_text(path, template_header(ctx, info, notes) + info.record.toml));
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

core::Result<io::Json> closing_plan(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& csv_dir) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const CampaignInfo& in = run->info;
  core::Table audience = TRY(ws.load_table(core::TableKind::kAudience, campaign));
  wf::ClosingInputs ci{&in.campaign,
                       in.zone,
                       &run->result,
                       &run->orders,
                       &audience,
                       &run->customers,
                       closing_texts(in.campaign),
                       ctx.now()};
  wf::ClosingPlan plan = wf::plan_closing(ci);
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

}  // namespace pitwall::cli
