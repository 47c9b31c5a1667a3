// supervise practice add | adopt | list (see supervise_cmd.hpp, docs/supervision.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_data.hpp"
#include "cli/supervise_json.hpp"
#include "cli/supervise_words.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {

struct PracticeArgs {
  std::string campaign, id, as, store, stores, title, text, date;
  bool json = false;
};

core::Result<std::string> campaign_store(const Context& ctx, const SupervisionData& d,
                                         std::string code) {
  if (d.feeds.find_store(code) >= 0) return code;
  auto e =
      core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "supervision.unknown_store", code));
  e.at_column("--store");
  return e;
}

io::Json effect_json(const sv::PracticeEffect& e) {
  return io::Json::object()
      .set("adopters", e.adopters)
      .set("campaign_stores", e.campaign_stores)
      .set("compared", e.compared)
      .set("non_adopters", e.non_adopters)
      .set("adopters_before", share_json(e.adopters_before))
      .set("adopters_after", share_json(e.adopters_after))
      .set("others_before", share_json(e.others_before))
      .set("others_after", share_json(e.others_after))
      .set("lift_points", number_json(e.lift_points));
}

void print_practice(const Context& ctx, const sv::Practice& p, const sv::PracticeEffect& e) {
  auto share = [](std::optional<double> v) { return v ? percent(*v) : std::string("—"); };
  fmt::print("{} {} — {} ({})\n", p.id, p.title, p.store_code, day_text(p.found_day));
  if (!p.text.empty()) fmt::print("    {}\n", p.text);
  fmt::print(
      "    {}\n",
      tr(ctx.lang, "supervision.practice_effect", e.adopters, e.campaign_stores,
         share(e.adopters_before), share(e.adopters_after), share(e.others_before),
         share(e.others_after),
         e.lift_points ? fmt::format("{:+.1f}", sv::round_half_away(*e.lift_points, 1)) : "—"));
}

enum class PracticeAction { kAdd, kAdopt, kList };

// Adds the stores of a comma-separated list as adopters from `day` (a repeat corrects the day).
core::Status add_adopters(const Context& ctx, const SupervisionData& d, const std::string& stores,
                          int32_t day, const std::string& by, sv::Practice& p) {
  std::string list = stores;
  while (!list.empty()) {
    size_t cut = list.find(',');
    std::string code = list.substr(0, cut);
    list = cut == std::string::npos ? "" : list.substr(cut + 1);
    if (code.empty()) continue;
    TRY(campaign_store(ctx, d, code));
    auto& a = p.adoptions;
    auto it = std::find_if(a.begin(), a.end(), [&](auto& x) { return x.store_code == code; });
    sv::Adoption adoption{code, day, by, ctx.now()};
    if (it == a.end()) {
      a.push_back(std::move(adoption));
    } else {
      *it = std::move(adoption);
    }
  }
  return {};
}

core::Status record_practice(Context& ctx, PracticeArgs& args, PracticeAction action,
                             store::Workspace& ws, const SupervisionData& d,
                             std::vector<sv::Practice>& practices) {
  store::User user = TRY(ctx.require_user(ws, args.as));
  int32_t day = TRY(campaign_day(ctx, d, args.date, "--date"));
  sv::Practice fresh;
  sv::Practice* p = &fresh;
  if (action == PracticeAction::kAdd) {
    std::vector<std::string> ids;
    for (const auto& x : practices) ids.push_back(x.id);
    fresh.id = next_id("BP", 3, ids);
    fresh.store_code = TRY(campaign_store(ctx, d, args.store));
    fresh.title = args.title;
    fresh.text = args.text;
    fresh.found_day = day;
    fresh.found_by = user.name;
    fresh.recorded_at = ctx.now();
  } else {
    auto it =
        std::find_if(practices.begin(), practices.end(), [&](auto& x) { return x.id == args.id; });
    if (it == practices.end()) {
      return core::not_found(tr(ctx.lang, "supervision.unknown_practice", args.id));
    }
    p = &*it;
    TRY(add_adopters(ctx, d, args.stores, day, user.name, *p));
  }
  TRY(save_practice(ws, d.campaign.id, *p, ctx.now()));
  sv::PracticeEffect e = sv::compare_practice(d.feeds, *p, std::min(d.today, d.feeds.last_day));
  if (args.json) {
    print_json(practice_to_json(*p).set("effect", effect_json(e)));
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang,
                        action == PracticeAction::kAdd ? "supervision.practice_added"
                                                       : "supervision.practice_adopted",
                        p->id));
  print_practice(ctx, *p, e);
  return {};
}

core::Status run_practice(Context& ctx, PracticeArgs& args, PracticeAction action) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  auto practices = TRY(load_practices(*ws, d.campaign.id));
  if (action != PracticeAction::kList) {
    return record_practice(ctx, args, action, *ws, d, practices);
  }
  const int32_t up_to = std::min(d.today, d.feeds.last_day);
  io::Json list = io::Json::array();
  for (const auto& p : practices) {
    sv::PracticeEffect e = sv::compare_practice(d.feeds, p, up_to);
    if (args.json) {
      list.push(practice_to_json(p).set("effect", effect_json(e)));
    } else {
      print_practice(ctx, p, e);
    }
  }
  if (args.json) {
    print_json(io::Json::object().set("campaign", d.campaign.id).set("practices", list));
  } else if (practices.empty()) {
    fmt::print("{}\n", tr(ctx.lang, "supervision.no_practices"));
  }
  return {};
}

}  // namespace

void add_supervise_practice_commands(CLI::App& supervise, Context& ctx) {
  auto* group = supervise.add_subcommand("practice", "best practices / 最佳实践");
  group->require_subcommand(1);
  auto add_args = std::make_shared<PracticeArgs>();
  auto* add = group->add_subcommand("add", "record a practice found at a store");
  add->add_option("--campaign", add_args->campaign, "campaign id")->required();
  add->add_option("--store", add_args->store, "store where it was found")->required();
  add->add_option("--title", add_args->title, "short name")->required();
  add->add_option("--text", add_args->text, "what the store does");
  add->add_option("--date", add_args->date, "day it was found (default: today)");
  add->add_option("--as", add_args->as, "who (a registered user)")->required();
  add->add_flag("--json", add_args->json, "JSON output");
  add->callback([&ctx, add_args] {
    ctx.exit_code = finish(ctx, run_practice(ctx, *add_args, PracticeAction::kAdd));
  });

  auto adopt_args = std::make_shared<PracticeArgs>();
  auto* adopt = group->add_subcommand("adopt", "mark stores that adopted a practice");
  adopt->add_option("--campaign", adopt_args->campaign, "campaign id")->required();
  adopt->add_option("ID", adopt_args->id, "practice id, e.g. BP001")->required();
  adopt->add_option("--stores", adopt_args->stores, "store codes, comma-separated")->required();
  adopt->add_option("--date", adopt_args->date, "day they started (default: today)");
  adopt->add_option("--as", adopt_args->as, "who (a registered user)")->required();
  adopt->add_flag("--json", adopt_args->json, "JSON output");
  adopt->callback([&ctx, adopt_args] {
    ctx.exit_code = finish(ctx, run_practice(ctx, *adopt_args, PracticeAction::kAdopt));
  });

  auto list_args = std::make_shared<PracticeArgs>();
  auto* list = group->add_subcommand("list", "practices, adoption and before/after");
  list->add_option("--campaign", list_args->campaign, "campaign id")->required();
  list->add_flag("--json", list_args->json, "JSON output");
  list->callback([&ctx, list_args] {
    ctx.exit_code = finish(ctx, run_practice(ctx, *list_args, PracticeAction::kList));
  });
}

}  // namespace pitwall::cli
