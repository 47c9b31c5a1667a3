// winback offer create|approve|reject|release|outcome|list|show (see winback_commands.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_desk.hpp"
#include "cli/winback_print.hpp"
#include "core/winback/plan.hpp"
#include "io/report/winback_json.hpp"

namespace pitwall::cli::winback {

namespace {

core::Status show_offer(const Context& ctx, const wb::Offer& offer, bool json) {
  auto ws = TRY(ctx.open_workspace());
  ProgrammeInfo info = TRY(active_programme(*ws));
  const core::TimeZone* zone = TRY(zone_of(info.programme));
  if (json) {
    print_json(io::offer_view_json(offer, *zone));
  } else {
    print_offer(ctx, offer, *zone);
  }
  return {};
}

core::Result<size_t> parse_stage(const Context& ctx, const std::string& text) {
  for (size_t i = 0; i < 3; ++i) {
    if (text == fmt::format("{}", i + 1) || text == wb::stage_token(i)) return i;
  }
  core::Error e =
      core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.bad_stage", text));
  e.at_column("STAGE");
  return e;
}

core::Result<std::optional<core::Money>> parse_amount(const Context& ctx, const std::string& text) {
  if (text.empty()) return std::optional<core::Money>();
  auto rate = core::Rate::parse(text);
  if (!rate || text.find('%') != std::string::npos || rate->basis() % 100 != 0) {
    core::Error e = core::invalid_input(tr(ctx.lang, "winback.bad_amount", text));
    e.at_column("--amount");
    return e;
  }
  return std::optional<core::Money>(core::Money::from_fen(rate->basis() / 100));
}

struct ActionArgs {
  OfferAction action;
  std::string stage;
  bool won = false;
  bool lost = false;
  bool retained = false;
  bool churned_again = false;
  bool json = false;
};

void add_action(CLI::App& offer, Context& ctx, Action kind, const char* name, const char* help) {
  auto* cmd = offer.add_subcommand(name, help);
  auto a = std::make_shared<ActionArgs>();
  a->action.action = kind;
  cmd->add_option("OFFER", a->action.offer_id, "offer id, e.g. WB-000001")->required();
  cmd->add_option("--as", a->action.as, "your registered user name")->required();
  cmd->add_flag("--json", a->json, "JSON output");
  if (kind == Action::kApprove) {
    cmd->add_flag("--in-person", a->action.in_person,
                  "the store manager reviewed the customer in person / 店长面审");
  }
  if (kind == Action::kReject) cmd->add_option("--reason", a->action.reason, "why")->required();
  if (kind == Action::kRelease) {
    cmd->add_option("STAGE", a->stage, "1|2|3 or return|second_visit|loyal")->required();
  }
  if (kind == Action::kOutcome) {
    cmd->add_flag("--won-back", a->won, "the customer came back / 挽回成功");
    cmd->add_flag("--not-won-back", a->lost, "the customer did not come back");
    cmd->add_flag("--retained", a->retained, "still a customer after 1 year / 一年后仍在店");
    cmd->add_flag("--not-retained", a->churned_again, "churned again within the year");
  }
  cmd->callback([&ctx, a] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      if (a->action.action == Action::kRelease) a->action.stage = TRY(parse_stage(ctx, a->stage));
      if (a->won || a->lost) a->action.won_back = a->won;
      if (a->retained || a->churned_again) a->action.retained = a->retained;
      if ((a->won && a->lost) || (a->retained && a->churned_again)) {
        return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.outcome_both"));
      }
      wb::Offer offer = TRY(act_on_offer(ctx, a->action));
      return show_offer(ctx, offer, a->json);
    }());
  });
}

void add_create(CLI::App& offer, Context& ctx) {
  struct Args {
    CreateOptions options;
    std::string amount;
    bool json = false;
  };
  auto* cmd = offer.add_subcommand("create", "make an offer to a churned customer / 创建方案");
  auto a = std::make_shared<Args>();
  cmd->add_option("CUSTOMER", a->options.customer_id, "customer id of the churned list")
      ->required();
  cmd->add_option("--amount", a->amount, "amount in yuan (default: the plan total)");
  cmd->add_option("--arm", a->options.arm, "experiment arm (default three_step)");
  cmd->add_option("--as", a->options.as, "your registered user name")->required();
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&ctx, a] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      a->options.amount = TRY(parse_amount(ctx, a->amount));
      wb::Offer offer = TRY(create_offer(ctx, a->options));
      return show_offer(ctx, offer, a->json);
    }());
  });
}

void add_list_and_show(CLI::App& offer, Context& ctx) {
  auto* list = offer.add_subcommand("list", "list offers / 方案列表");
  auto status = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  list->add_option("--status", *status, "pending|approved|rejected|closed");
  list->add_flag("--json", *json, "JSON output");
  list->callback([&ctx, status, json] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      ProgrammeInfo info = TRY(active_programme(*ws));
      const core::TimeZone* zone = TRY(zone_of(info.programme));
      std::vector<wb::Offer> shown;
      for (auto& o : TRY(load_offers(*ws))) {
        if (status->empty() || wb::offer_status_token(o.status) == *status) shown.push_back(o);
      }
      if (*json) {
        io::Json arr = io::Json::array();
        for (const auto& o : shown) arr.push(io::offer_view_json(o, *zone));
        print_json(arr);
      } else {
        print_offer_list(ctx, shown);
      }
      return {};
    }());
  });
  auto* show = offer.add_subcommand("show", "one offer / 查看方案");
  auto id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  show->add_option("OFFER", *id, "offer id")->required();
  show->add_flag("--json", *show_json, "JSON output");
  show->callback([&ctx, id, show_json] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      wb::Offer o = TRY(load_offer(ctx, *ws, *id));
      return show_offer(ctx, o, *show_json);
    }());
  });
}

}  // namespace

void add_offer_commands(CLI::App& winback, Context& ctx) {
  auto* offer = winback.add_subcommand("offer", "offers and approvals / 挽回方案与审批");
  offer->require_subcommand(1);
  add_create(*offer, ctx);
  add_action(*offer, ctx, Action::kApprove, "approve", "approve or review in person / 审批");
  add_action(*offer, ctx, Action::kReject, "reject", "reject a pending offer / 驳回");
  add_action(*offer, ctx, Action::kRelease, "release", "release a stage / 分阶段发放");
  add_action(*offer, ctx, Action::kOutcome, "outcome", "record the result / 记录结果");
  add_list_and_show(*offer, ctx);
}

}  // namespace pitwall::cli::winback
