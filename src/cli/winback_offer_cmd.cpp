// winback offer create|approve|reject|release|outcome|list|show (see winback_commands.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/winback/offers.hpp"
#include "app/winback/winback_json.hpp"
#include "cli/context.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_print.hpp"
#include "core/winback/plan.hpp"
#include "io/text/fields.hpp"

namespace pitwall::cli::winback {

namespace {

enum class Action : uint8_t { kApprove, kReject, kRelease, kOutcome };

void show(const Context& ctx, const use::OfferResult& r, bool json) {
  if (json) {
    print_json(use::to_json(r));
  } else {
    print_offer(ctx, r);
  }
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
  auto fen = io::parse_amount_fen(text);
  if (!fen) {
    core::Error e = core::invalid_input(tr(ctx.lang, "winback.bad_amount", text));
    e.at_column("--amount");
    return e;
  }
  return std::optional<core::Money>(core::Money::from_fen(*fen));
}

struct ActionArgs {
  Action action = Action::kApprove;
  std::string offer_id;
  std::string as;
  bool in_person = false;
  std::string reason;
  std::string stage;
  bool won = false;
  bool lost = false;
  bool retained = false;
  bool churned_again = false;
  bool json = false;
};

// One request from the parsed arguments, to its use case.
core::Result<use::OfferResult> act(const Context& ctx, const app::Session& s, const ActionArgs& a) {
  switch (a.action) {
    case Action::kApprove:
      return use::approve_offer(s,
                                {a.offer_id, a.in_person ? wb::InPerson::kYes : wb::InPerson::kNo});
    case Action::kReject:
      return use::reject_offer(s, {a.offer_id, a.reason});
    case Action::kRelease:
      return use::release_stage(s, {a.offer_id, TRY(parse_stage(ctx, a.stage))});
    case Action::kOutcome: {
      if ((a.won && a.lost) || (a.retained && a.churned_again)) {
        return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.outcome_both"));
      }
      use::OfferOutcomeRequest r{a.offer_id, std::nullopt, std::nullopt};
      if (a.won || a.lost) r.won_back = a.won;
      if (a.retained || a.churned_again) r.retained = a.retained;
      return use::record_outcome(s, r);
    }
  }
  return core::make_error(core::ErrorCode::kInternal, "unknown offer action");
}

void add_action(CLI::App& offer, Context& ctx, Action kind, const char* name, const char* help) {
  auto* cmd = offer.add_subcommand(name, help);
  auto a = std::make_shared<ActionArgs>();
  a->action = kind;
  cmd->add_option("OFFER", a->offer_id, "offer id, e.g. WB-000001")->required();
  cmd->add_option("--as", a->as, "your registered user name (or PITWALL_AS)");
  cmd->add_flag("--json", a->json, "JSON output");
  if (kind == Action::kApprove) {
    cmd->add_flag("--in-person", a->in_person,
                  "the store manager reviewed the customer in person / 店长面审");
  }
  if (kind == Action::kReject) cmd->add_option("--reason", a->reason, "why")->required();
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
      Opened o = TRY(open_session(ctx, a->as));
      use::OfferResult r = TRY(act(ctx, o.session, *a));
      show(ctx, r, a->json);
      return {};
    }());
  });
}

void add_create(CLI::App& offer, Context& ctx) {
  struct Args {
    use::OfferCreateRequest request;
    std::string amount;
    std::string as;
    bool json = false;
  };
  auto* cmd = offer.add_subcommand("create", "make an offer to a churned customer / 创建方案");
  auto a = std::make_shared<Args>();
  cmd->add_option("CUSTOMER", a->request.customer_id, "customer id of the churned list")
      ->required();
  cmd->add_option("--amount", a->amount, "amount in yuan (default: the plan total)");
  cmd->add_option("--arm", a->request.arm, "experiment arm (default three_step)");
  cmd->add_option("--as", a->as, "your registered user name (or PITWALL_AS)");
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&ctx, a] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      a->request.amount = TRY(parse_amount(ctx, a->amount));
      Opened o = TRY(open_session(ctx, a->as));
      use::OfferResult r = TRY(use::create_offer(o.session, a->request));
      show(ctx, r, a->json);
      return {};
    }());
  });
}

void add_list(CLI::App& offer, Context& ctx) {
  struct ListArgs {
    std::string status, as;
    bool json = false;
  };
  auto* list = offer.add_subcommand("list", "list offers / 方案列表");
  auto l = std::make_shared<ListArgs>();
  list->add_option("--status", l->status, "pending|approved|rejected|closed");
  list->add_option("--as", l->as, "read as this registered user (or PITWALL_AS)");
  list->add_flag("--json", l->json, "JSON output");
  list->callback([&ctx, l] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      use::OfferListRequest r;
      if (!l->status.empty()) {
        r.status = wb::parse_offer_status(l->status);
        if (!r.status) {
          core::Error e = core::make_error(core::ErrorCode::kUsage,
                                           tr(ctx.lang, "winback.bad_status", l->status));
          e.at_column("--status");
          return e;
        }
      }
      Opened o = TRY(open_session(ctx, l->as));
      use::OfferListResult result = TRY(use::list_offers(o.session, r));
      if (l->json) {
        print_json(use::to_json(result));
      } else {
        print_offer_list(ctx, result);
      }
      return {};
    }());
  });
}

void add_show(CLI::App& offer, Context& ctx) {
  struct ShowArgs {
    std::string id, as;
    bool json = false;
  };
  auto* show_cmd = offer.add_subcommand("show", "one offer / 查看方案");
  auto s = std::make_shared<ShowArgs>();
  show_cmd->add_option("OFFER", s->id, "offer id")->required();
  show_cmd->add_option("--as", s->as, "read as this registered user (or PITWALL_AS)");
  show_cmd->add_flag("--json", s->json, "JSON output");
  show_cmd->callback([&ctx, s] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      Opened o = TRY(open_session(ctx, s->as));
      use::OfferResult r = TRY(use::show_offer(o.session, {s->id}));
      show(ctx, r, s->json);
      return {};
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
  add_list(*offer, ctx);
  add_show(*offer, ctx);
}

}  // namespace pitwall::cli::winback
