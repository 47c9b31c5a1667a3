// The "workflow" command group (see commands.hpp): campaign status / freeze / seal / verify /
// carry-over / template / closing-plan / retrospective, confirm store / list / region / finance,
// arbitrate list / decide. Parses arguments, calls one use case (app/workflow/workflow.hpp),
// prints its document as JSON (--json) or as text (workflow_print.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "app/workflow/workflow.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/workflow_print.hpp"

namespace pitwall::cli {

namespace {

struct Args {
  std::string campaign;
  std::string as;
  bool json = false;
  std::string store, region, order, decision, reason, amount, out, csv;
  std::vector<std::string> disputes, claims, notes;
  std::string blacklist;  // "" = not given
  bool open_only = false;
  std::vector<std::string> went_right, went_wrong, recommend;
};

namespace wfa = app::workflow;

using Operation = std::function<core::Result<io::Json>(const app::Session&, const Args&)>;

// Adds --campaign (required), --as and --json; the callback runs `op` in the session of --as (or
// PITWALL_AS, else the local operator) and prints.
CLI::App* command(CLI::App& parent, Context& ctx, const std::string& name, const std::string& help,
                  bool write, Operation op, Printer print, std::shared_ptr<Args>& args) {
  args = std::make_shared<Args>();
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("--campaign", args->campaign, "campaign id")->required();
  cmd->add_option("--as", args->as,
                  write ? "the person acting (a registered user; or PITWALL_AS)"
                        : "read as this registered user, within their scope (or PITWALL_AS)");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->callback([&ctx, args, op, print] {
    core::Status status = [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      app::Session session = TRY(ctx.session(*ws, args->as));
      io::Json doc = TRY(op(session, *args));
      if (args->json) {
        print_json(doc);
      } else {
        print(ctx, doc);
      }
      if (const io::Json* ok = doc.find("ok"); ok && !ok->as_bool()) {
        return core::make_error(core::ErrorCode::kCorrupt, tr(ctx.lang, "workflow.verify_failed"));
      }
      return {};
    }();
    ctx.exit_code = finish(ctx, status);
  });
  return cmd;
}

core::Result<std::vector<wfa::DisputeRequest>> disputes_of(const app::Session& s, const Args& a) {
  bool notes_match = a.notes.empty() || a.notes.size() == a.disputes.size();
  if (a.claims.size() != a.disputes.size() || !notes_match) {
    auto e = core::make_error(
        core::ErrorCode::kUsage,
        s.tr("workflow.dispute_pairs", a.disputes.size(), a.claims.size(), a.notes.size()));
    e.at_column("--dispute");
    return e;
  }
  std::vector<wfa::DisputeRequest> out;
  for (size_t i = 0; i < a.disputes.size(); ++i) {
    out.push_back({a.disputes[i], a.claims[i], a.notes.empty() ? "" : a.notes[i]});
  }
  return out;
}

// The JSON of a typed result (app/workflow/workflow_json.cpp).
template <typename T>
core::Result<io::Json> json_of(core::Result<T> result) {
  if (!result) return result.error();
  return wfa::to_json(*result);
}

std::vector<std::string> split_kinds(const std::vector<std::string>& values) {
  std::vector<std::string> kinds;
  for (const auto& v : values) {
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string kind = v.substr(start, comma - start);
      if (!kind.empty() && kind != "all") kinds.push_back(kind);
      start = comma + 1;
    }
  }
  return kinds;
}

void add_campaign_workflow(CLI::App& app, Context& ctx) {
  CLI::App& campaign = campaign_command(app);
  std::shared_ptr<Args> a;
  command(
      campaign, ctx, "status", "lifecycle, cut-offs, sign-offs, queue / 活动状态", false,
      [](auto& s, const Args& x) { return json_of(wfa::campaign_status(s, x.campaign)); },
      print_status, a);
  command(
      campaign, ctx, "freeze", "freeze after the review window (HQ) / 冻结数据", true,
      [](auto& s, const Args& x) { return json_of(wfa::freeze_campaign(s, x.campaign)); },
      print_freeze, a);
  command(
      campaign, ctx, "seal", "seal after freeze_days with current sign-offs (HQ) / 封版", true,
      [](auto& s, const Args& x) { return json_of(wfa::seal_campaign(s, x.campaign)); }, print_seal,
      a);
  command(
      campaign, ctx, "verify", "recompute the seal and the adjustment chain / 校验封版", false,
      [](auto& s, const Args& x) { return wfa::verify_campaign(s, x.campaign); }, print_verify, a);
  auto* carry = command(
      campaign, ctx, "carry-over", "record a late refund or correction after the seal / 结转", true,
      [](auto& s, const Args& x) {
        return json_of(wfa::carry_over(s, {x.campaign, x.order, x.amount, x.reason}));
      },
      print_carry_over, a);
  carry->add_option("ORDER", a->order, "order id")->required();
  carry->add_option("--amount", a->amount, "yuan, negative for a refund")->required();
  carry->add_option("--reason", a->reason, "why")->required();
  auto* tmpl = command(
      campaign, ctx, "template", "write rules and definitions for the next campaign / 活动模板",
      false, [](auto& s, const Args& x) { return wfa::write_template(s, x.campaign, x.out); },
      print_files, a);
  tmpl->add_option("--out", a->out, "folder to write")->required();
  auto* plan = command(
      campaign, ctx, "closing-plan", "closing messages and recipient lists / 收尾沟通计划", false,
      [](auto& s, const Args& x) { return wfa::closing_plan(s, x.campaign, x.csv); },
      print_closing_plan, a);
  plan->add_option("--csv", a->csv, "folder for one recipient CSV per message");
  auto* retro = command(
      campaign, ctx, "retrospective", "funnel, tiers, lessons, recommendations / 复盘", true,
      [](auto& s, const Args& x) {
        return wfa::retrospective(s, {x.campaign, x.went_right, x.went_wrong, x.recommend});
      },
      print_retrospective, a);
  retro->add_option("--went-right", a->went_right, "a lesson: what went right (repeatable)");
  retro->add_option("--went-wrong", a->went_wrong, "a lesson: what went wrong (repeatable)");
  retro->add_option("--recommend", a->recommend, "a recommendation (three in all)");
}

void add_confirm(CLI::App& app, Context& ctx) {
  auto* confirm = app.add_subcommand("confirm", "confirmations and sign-offs / 数据确认");
  confirm->require_subcommand(1);
  std::shared_ptr<Args> a;
  auto* store = command(
      *confirm, ctx, "store", "a store confirms its orders, disputes some / 门店确认", true,
      [](auto& s, const Args& x) -> core::Result<io::Json> {
        auto disputes = TRY(disputes_of(s, x));
        return json_of(wfa::confirm_store(s, {x.campaign, x.store, disputes}));
      },
      print_signoff, a);
  store->add_option("--store", a->store, "store code")->required();
  store->add_option("--dispute", a->disputes, "an order to dispute (repeatable)");
  store->add_option("--claim", a->claims, "mine | not-valid, one per --dispute");
  store->add_option("--note", a->notes, "a note, one per --dispute");
  auto* list = command(
      *confirm, ctx, "list", "a store's orders to confirm / 门店待确认订单", false,
      [](auto& s, const Args& x) {
        return json_of(wfa::store_orders(s, {x.campaign, x.store}));
      },
      print_store_orders, a);
  list->add_option("--store", a->store, "store code")->required();
  auto* region = command(
      *confirm, ctx, "region", "a region manager signs the region / 战区确认", true,
      [](auto& s, const Args& x) { return json_of(wfa::sign_region(s, x.campaign, x.region)); },
      print_signoff, a);
  region->add_option("--region", a->region, "region name")->required();
  command(
      *confirm, ctx, "finance", "finance signs amounts and rebates / 财务确认", true,
      [](auto& s, const Args& x) { return json_of(wfa::sign_finance(s, x.campaign)); },
      print_signoff, a);
}

void add_arbitrate(CLI::App& app, Context& ctx) {
  auto* arbitrate = app.add_subcommand("arbitrate", "the arbitration queue / 仲裁");
  arbitrate->require_subcommand(1);
  std::shared_ptr<Args> a;
  auto* list = command(
      *arbitrate, ctx, "list", "gray-zone orders and disputes with evidence / 仲裁队列", false,
      [](auto& s, const Args& x) {
        return json_of(wfa::arbitration_queue(s, x.campaign, x.open_only));
      },
      print_queue, a);
  list->add_flag("--open", a->open_only, "only items not yet decided");
  auto* decide_cmd = command(
      *arbitrate, ctx, "decide", "decide one order / 仲裁决定", true,
      [](auto& s, const Args& x) {
        wfa::DecideRequest r{x.campaign,           x.order,
                             x.decision,           x.reason,
                             !x.blacklist.empty(), split_kinds({x.blacklist})};
        return json_of(wfa::decide(s, r));
      },
      print_decision, a);
  decide_cmd->add_option("ORDER", a->order, "order id")->required();
  decide_cmd->add_option("--decision", a->decision, "count | exclude | store:CODE")->required();
  decide_cmd->add_option("--reason", a->reason, "the written reason")->required();
  decide_cmd->add_flag("--blacklist{all}", a->blacklist,
                       "with exclude (fraud): add the order's customer id, phone and VIN to the "
                       "workspace blacklist (--blacklist=phone,vin for some)");
}

}  // namespace

void add_workflow_commands(CLI::App& app, Context& ctx) {
  add_campaign_workflow(app, ctx);
  add_confirm(app, ctx);
  add_arbitrate(app, ctx);
}

}  // namespace pitwall::cli
