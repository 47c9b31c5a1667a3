// supervise practice add | adopt | list (see supervise_cmd.hpp, docs/supervision.md): parse,
// call one use case of app/supervision/practices.hpp, render.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/supervision/practices.hpp"
#include "app/supervision/supervision_json.hpp"
#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_text.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;
namespace sup = app::supervision;

namespace {

struct PracticeArgs : SuperviseArgs {
  std::string id, store, stores, title, text, date;
};

void print_practice(Lang lang, const sup::PracticeEntry& entry) {
  const sv::Practice& p = entry.practice;
  const sv::PracticeEffect& e = entry.effect;
  fmt::print("{} {} — {} ({})\n", p.id, p.title, p.store_code.empty() ? "-" : p.store_code,
             sup::day_text(p.found_day));
  if (!p.text.empty()) fmt::print("    {}\n", p.text);
  std::string lift =
      e.lift_points ? fmt::format("{:+.1f}", sv::round_half_away(*e.lift_points, 1)) : "—";
  fmt::print("    {}\n", tr(lang, "supervision.practice_effect", e.adopters, e.campaign_stores,
                            share_text(e.adopters_before), share_text(e.adopters_after),
                            share_text(e.others_before), share_text(e.others_after), lift));
}

// "S006,S010" -> {"S006", "S010"} (empty parts left out).
std::vector<std::string> codes_of(const std::string& list) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= list.size()) {
    size_t cut = list.find(',', from);
    if (cut == std::string::npos) cut = list.size();
    if (cut > from) out.push_back(list.substr(from, cut - from));
    from = cut + 1;
  }
  return out;
}

void print_recorded(Lang lang, const PracticeArgs& a, const sup::PracticeResult& r,
                    std::string_view done_key) {
  if (a.json) {
    print_json(sup::to_json(r));
    return;
  }
  fmt::print("{}\n", tr(lang, done_key, r.entry.practice.id));
  print_practice(lang, r.entry);
}

core::Status run_add(Context& ctx, const PracticeArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::add_practice(s, {a.campaign, a.store, a.title, a.text, a.date}));
  print_recorded(ctx.lang, a, r, "supervision.practice_added");
  return {};
}

core::Status run_adopt(Context& ctx, const PracticeArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::adopt_practice(s, {a.campaign, a.id, codes_of(a.stores), a.date}));
  print_recorded(ctx.lang, a, r, "supervision.practice_adopted");
  return {};
}

core::Status run_list(Context& ctx, const PracticeArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::list_practices(s, {a.campaign}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  for (const auto& e : r.practices) print_practice(ctx.lang, e);
  if (r.practices.empty()) fmt::print("{}\n", tr(ctx.lang, "supervision.no_practices"));
  return {};
}

}  // namespace

void add_supervise_practice_commands(CLI::App& supervise, Context& ctx) {
  auto* group = supervise.add_subcommand("practice", "best practices / 最佳实践");
  group->require_subcommand(1);
  auto add_args = std::make_shared<PracticeArgs>();
  auto* add = supervise_command(*group, ctx, "add", "record a practice found at a store", *add_args,
                                [&ctx, add_args] { return run_add(ctx, *add_args); });
  add->add_option("--store", add_args->store, "store where it was found")->required();
  add->add_option("--title", add_args->title, "short name")->required();
  add->add_option("--text", add_args->text, "what the store does");
  add->add_option("--date", add_args->date, "day it was found (default: today)");

  auto adopt_args = std::make_shared<PracticeArgs>();
  auto* adopt =
      supervise_command(*group, ctx, "adopt", "mark stores that adopted a practice", *adopt_args,
                        [&ctx, adopt_args] { return run_adopt(ctx, *adopt_args); });
  adopt->add_option("ID", adopt_args->id, "practice id, e.g. BP001")->required();
  adopt->add_option("--stores", adopt_args->stores, "store codes, comma-separated")->required();
  adopt->add_option("--date", adopt_args->date, "day they started (default: today)");

  auto list_args = std::make_shared<PracticeArgs>();
  supervise_command(*group, ctx, "list", "practices, adoption and before/after", *list_args,
                    [&ctx, list_args] { return run_list(ctx, *list_args); });
}

}  // namespace pitwall::cli
