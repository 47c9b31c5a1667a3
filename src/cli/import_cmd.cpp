// The "import" command (see commands.hpp): pitwall import KIND FILE.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/workspace/workspace.hpp"
#include "app/workspace/workspace_json.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/progress.hpp"

namespace pitwall::cli {

namespace {

using app::workspace::ImportOutcome;

struct ImportArgs {
  app::workspace::ImportRequest request;
  std::string encoding = "auto";
  std::string as;
  bool json = false;
  bool quiet = false;  // no progress bar and no row errors on screen
};

core::Result<io::Encoding> encoding_of(const Context& ctx, const std::string& text) {
  if (text == "auto") return io::Encoding::kAuto;
  if (text == "utf-8" || text == "utf8") return io::Encoding::kUtf8;
  if (text == "gb18030" || text == "gbk" || text == "gb2312") return io::Encoding::kGb18030;
  auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "import.bad_encoding", text));
  e.at_column("--encoding");
  return e;
}

void print_outcome(const Context& ctx, const ImportOutcome& o) {
  const auto& b = o.batch;
  fmt::print("{}\n",
             tr(ctx.lang, "import.done", b.file, b.id, b.kind, b.rows_read, b.loaded, b.rejected));
  if (b.kind == "orders" && o.orders_merged > 0) {
    fmt::print("{}\n", tr(ctx.lang, "import.merged", o.orders_merged));
  }
  if (b.rows_read == 0) fmt::print(stderr, "{}\n", tr(ctx.lang, "import.no_rows", b.file, b.id));
  if (b.rejected == 0) return;
  fmt::print(stderr, "{}\n", tr(ctx.lang, "import.errors_head", o.first_errors.size(), b.rejected));
  for (const auto& line : o.first_errors) fmt::print(stderr, "  {}\n", line);
  fmt::print(stderr, "{}\n", tr(ctx.lang, "import.errors_by_kind"));
  for (const auto& [kind, count] : o.errors_by_kind) {
    fmt::print(stderr, "  {:>8}  {}\n", count,
               app::workspace::error_kind_words(ctx.lang, b.kind, kind));
  }
  fmt::print(stderr, "{}\n", tr(ctx.lang, "import.report_at", b.report_path));
}

core::Status run_import(Context& ctx, ImportArgs& args) {
  args.request.encoding = TRY(encoding_of(ctx, args.encoding));
  bool quiet = args.quiet || args.json;
  auto ws = TRY(ctx.open_workspace());
  app::Session session = TRY(ctx.session(*ws, args.as));
  ProgressBar progress(tr(ctx.lang, "import.progress", args.request.path),
                       !quiet && stderr_is_terminal());
  args.request.on_progress = [&](double fraction, int64_t rows) {
    progress.update(fraction, rows);
  };
  auto outcome = TRY(app::workspace::import_file(session, args.request));
  progress.finish();
  if (args.json) {
    print_json(app::workspace::import_json(session, outcome));
  } else {
    print_outcome(ctx, outcome);
  }
  return {};
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("import", "import a CSV or XLSX file / 导入文件");
  auto args = std::make_shared<ImportArgs>();
  cmd->add_option("KIND", args->request.kind,
                  "orders|stores|staff|customers|price-list|blacklist|audience|corrections|"
                  "exceptions|store-day|inspections|complaints|spot-checks|survey|churned|"
                  "winback-history|winback-visits")
      ->required();
  cmd->add_option("FILE", args->request.path, "the file (CSV or XLSX)")->required();
  cmd->add_option("--campaign", args->request.campaign, "campaign id (per-campaign kinds)");
  cmd->add_option("--sheet", args->request.sheet, "XLSX sheet name (default: the first)");
  cmd->add_option("--encoding", args->encoding, "auto|utf-8|gb18030 (default: detected)");
  cmd->add_flag("--force", args->request.force, "import the same bytes again");
  cmd->add_flag("--quiet", args->quiet, "no progress bar, no row errors on screen");
  cmd->add_option("--as", args->as, "who imports (a registered HQ user; or PITWALL_AS)");
  cmd->add_option("--threads", args->request.threads, "CSV: threads that parse (default: 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--chunk-bytes", args->request.chunk_bytes, "CSV: bytes per chunk (testing)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32))
      ->group("");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->callback([&ctx, args] { ctx.exit_code = finish(ctx, run_import(ctx, *args)); });
}

}  // namespace pitwall::cli
