// The "demo" command (see commands.hpp): `pitwall demo DIR [--seed N] [--orders N]
// [--stores N] [--no-import]` writes the demo network's files (demo/demo.hpp), creates a
// workspace in DIR (or in the database named by --database), imports every file, registers the
// demo's users and prints a summary.
#include <fcntl.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>

#include "app/auth/identity.hpp"
#include "app/auth/password.hpp"
#include "app/workspace/workspace.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/progress.hpp"
#include "demo/demo.hpp"

namespace pitwall::cli {

namespace {

struct DemoArgs {
  std::string dir;
  uint64_t seed = demo::kDefaultSeed;
  int64_t orders = demo::kDefaultOrders;
  int stores = demo::kDefaultStores;
  bool no_import = false;
};

// Import order: master data first, then the campaign's files, then win-back data.
int import_rank(const std::string& kind) {
  static const std::map<std::string, int> kRank = {
      {"campaign", 0},     {"definition", 1},       {"stores", 2},         {"staff", 3},
      {"customers", 4},    {"price-list", 5},       {"blacklist", 6},      {"audience", 7},
      {"orders", 8},       {"corrections", 9},      {"exceptions", 10},    {"store-day", 11},
      {"inspections", 12}, {"complaints", 13},      {"spot-checks", 14},   {"survey", 15},
      {"churned", 16},     {"winback-history", 17}, {"winback-visits", 18}};
  auto it = kRank.find(kind);
  return it == kRank.end() ? 99 : it->second;
}

struct ImportTotals {
  int64_t files = 0, rows = 0, rejected = 0;
  std::vector<std::pair<std::string, std::string>> passwords;  // user, password (shown once)
};

// Every demo user gets a random password for the server (pitwall serve), hashed on two threads;
// the list goes to DIR/demo-passwords.txt (readable by its owner only) and, but for the store
// managers, on screen.
core::Status give_passwords(const Context& ctx, const app::Session& hq, const std::string& dir,
                            ImportTotals& totals, const demo::DemoSummary& s) {
  for (const demo::DemoUser& u : s.users) {
    totals.passwords.emplace_back(u.name, app::auth::random_password(16));
  }
  TRY(app::auth::set_passwords(hq, totals.passwords, 2));
  std::string path = dir + "/demo-passwords.txt";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  std::FILE* f = fd < 0 ? nullptr : ::fdopen(fd, "w");
  if (f == nullptr) return core::make_error(core::ErrorCode::kIo, path);
  fmt::print(f, "{}\n", tr(ctx.lang, "demo.passwords_file_head"));
  for (const auto& [name, password] : totals.passwords) fmt::print(f, "{}\t{}\n", name, password);
  std::fclose(f);
  return {};
}

// Builds the workspace as its people would: the first HQ user registers the others, then imports
// every file under their own name.
core::Result<ImportTotals> build_workspace(const Context& ctx, const demo::DemoSummary& s,
                                           const std::string& dir, const std::string& location) {
  namespace ws_ops = app::workspace;
  TRY(ws_ops::init_workspace_at(location, ctx.now()));
  auto ws = TRY(app::open_workspace(location));
  app::Session local = app::local_session(*ws, ctx.lang, ctx.now());
  std::string hq;
  for (const demo::DemoUser& u : s.users) {
    if (hq.empty() && u.role == "hq") {
      hq = u.name;
      TRY(ws_ops::add_user(local, app::User{u.name, u.role, u.scope, ctx.now()}));
    }
  }
  app::Session session = TRY(app::user_session(*ws, hq, ctx.lang, ctx.now()));
  for (const demo::DemoUser& u : s.users) {
    if (u.name != hq) TRY(ws_ops::add_user(session, app::User{u.name, u.role, u.scope, 0}));
  }
  ImportTotals totals;
  TRY(give_passwords(ctx, session, dir, totals, s));
  std::vector<demo::DemoFile> files = s.files;
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return import_rank(a.kind) < import_rank(b.kind);
  });
  for (const demo::DemoFile& f : files) {
    std::string path = dir + "/" + f.name;
    if (f.kind == "campaign") {
      TRY(ws_ops::add_campaign_file(session, path));
    } else if (f.kind == "definition") {
      TRY(ws_ops::add_definition_file(session, path));
    } else if (f.kind != "ground-truth") {
      ws_ops::ImportRequest request;
      request.kind = f.kind;
      request.path = path;
      request.campaign = f.per_campaign ? s.campaign_id : "";
      // A progress bar per file on a terminal; row errors are counted.
      ProgressBar progress(tr(ctx.lang, "import.progress", f.name), stderr_is_terminal());
      request.on_progress = [&](double fraction, int64_t rows) { progress.update(fraction, rows); };
      ws_ops::ImportOutcome outcome = TRY(ws_ops::import_file(session, request));
      progress.finish();
      totals.rows += outcome.batch.loaded;
      totals.rejected += outcome.batch.rejected;
    }
    ++totals.files;
  }
  return totals;
}

void print_summary(const Context& ctx, const DemoArgs& args, const demo::DemoSummary& s) {
  Lang l = ctx.lang;
  double rate = s.eligible > 0 ? static_cast<double>(s.participants) / s.eligible : 0;
  fmt::print("{}\n", tr(l, "demo.written", args.dir));
  fmt::print("  {}\n", tr(l, "demo.network", s.regions, s.stores, s.executing_stores, s.staff,
                          s.customers, s.packages));
  fmt::print("  {}\n", tr(l, "demo.campaign", s.campaign_id, s.audience, s.participants,
                          fmt::format("{:.1f}%", rate * 100)));
  fmt::print("  {}\n", tr(l, "demo.orders", s.orders, s.it, s.ops, s.finance));
  fmt::print("  {}\n",
             tr(l, "demo.cleaned", s.ops_cleaned, s.ops_excluded,
                fmt::format("{:.2f}%", s.ops > 0 ? -100.0 * s.ops_excluded / s.ops : 0.0)));
  fmt::print("  {}\n", tr(l, "demo.winback", s.churned, s.winback_history, s.winback_visits));
  fmt::print("  {}\n", tr(l, "demo.truth", s.planted_cases, s.import_errors, "ground-truth.json"));
}

int run_demo(Context& ctx, const DemoArgs& args) {
  demo::DemoOptions options;
  options.dir = args.dir;
  options.seed = args.seed;
  options.orders = args.orders;
  options.stores = args.stores;
  ProgressBar bar(tr(ctx.lang, "demo.progress"), stderr_is_terminal());
  options.progress = [&bar](double fraction, int64_t rows) { bar.update(fraction, rows); };
  auto summary = demo::generate_demo(options);
  bar.finish();
  if (!summary) return report_error(ctx, summary.error());
  print_summary(ctx, args, *summary);
  if (args.no_import) return 0;
  std::string location = ctx.database.empty() ? args.dir : ctx.database;
  auto totals = build_workspace(ctx, *summary, args.dir, location);
  if (!totals) return report_error(ctx, totals.error());
  fmt::print("  {}\n", tr(ctx.lang, "demo.imported", totals->files, totals->rows, totals->rejected,
                          summary->users.size()));
  if (totals->rejected != summary->import_errors) {
    fmt::print("  {}\n",
               tr(ctx.lang, "demo.unexpected_errors", totals->rejected, summary->import_errors));
    return 1;
  }
  fmt::print("  {}\n", tr(ctx.lang, "demo.passwords_head", args.dir + "/demo-passwords.txt"));
  bool store_shown = false;  // one store manager stands for the 218
  for (const auto& [name, password] : totals->passwords) {
    bool store = name.starts_with("store-");
    if (store && store_shown) continue;
    store_shown = store_shown || store;
    fmt::print("    {:<18} {}\n", name, password);
  }
  fmt::print("{}\n", tr(ctx.lang, "demo.next", location, summary->campaign_id));
  fmt::print("{}\n", tr(ctx.lang, "demo.serve", location));
  return 0;
}

}  // namespace

void add_demo_commands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "Write a demo service network and import it");
  cmd->add_option("dir", args->dir, "Folder for the files and the workspace")->required();
  cmd->add_option("--seed", args->seed, "Random seed (same seed, same bytes)");
  cmd->add_option("--orders", args->orders, "About this many orders (IT's count; default 8521)");
  cmd->add_option("--stores", args->stores, "Stores (default 218)");
  cmd->add_flag("--no-import", args->no_import, "Only write the files");
  cmd->callback([&ctx, args] { ctx.exit_code = run_demo(ctx, *args); });
}

}  // namespace pitwall::cli
