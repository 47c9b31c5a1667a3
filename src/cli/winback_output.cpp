#include "cli/winback_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::cli::winback {

namespace wb = core::winback;

namespace {
std::vector<std::string> headers(const Context& ctx, std::span<const std::string_view> keys) {
  std::vector<std::string> out;
  for (auto k : keys) out.emplace_back(message(ctx.lang, fmt::format("winback.col.{}", k)));
  return out;
}

// A word or yes/no cell as text in the reader's language; other cells as they are.
io::SheetCell worded(const Context& ctx, const io::SheetCell& c) {
  switch (c.kind) {
    case io::SheetCell::Kind::kWord: {
      std::string token = c.text.substr(c.text.rfind('.') + 1);
      return io::SheetCell::of_text(std::string(message_or(ctx.lang, c.text, token)) + c.after);
    }
    case io::SheetCell::Kind::kList: {
      std::string out;
      for (const auto& item : c.items) {
        if (!out.empty()) out += message(ctx.lang, "winback.list_separator");
        out += worded(ctx, item).text;
      }
      return io::SheetCell::of_text(out);
    }
    case io::SheetCell::Kind::kYesNo:
      return io::SheetCell::of_text(
          std::string(message(ctx.lang, c.number != 0 ? "core.yes" : "core.no")));
    default:
      return c;
  }
}

std::vector<io::SheetCell> worded_row(const Context& ctx, std::span<const io::SheetCell> cells) {
  std::vector<io::SheetCell> out;
  out.reserve(cells.size());
  for (const auto& c : cells) out.push_back(worded(ctx, c));
  return out;
}

}  // namespace

namespace {
// The score rows in rank order, each evaluated again by the result, passed to `write`.
template <typename Write>
core::Status for_each_score_row(const app::winback::ScoreResult& r, Write&& write) {
  const wb::Programme& p = r.programme();
  for (size_t i = 0; i < r.size(); ++i) {
    app::winback::ScoreRow row = r.row(i);
    auto cells =
        io::score_row(row.rank, row.customer_id, row.store_code, p, row.input, row.evaluation);
    TRY(write(cells));
  }
  return {};
}
}  // namespace

core::Status write_score_csv(const Context& ctx, const app::winback::ScoreResult& r,
                             const std::string& path) {
  auto header = headers(ctx, io::score_columns());
  auto writer = TRY(io::CsvSheetWriter::create(path, header));
  TRY(for_each_score_row(r,
                         [&](const auto& cells) { return writer->write(worded_row(ctx, cells)); }));
  TRY(writer->close());
  fmt::print("{}\n", tr(ctx.lang, "winback.written", path, r.size()));
  return {};
}

namespace {
io::XlsxCell xlsx_cell(const Context& ctx, const io::SheetCell& c) {
  switch (c.kind) {
    case io::SheetCell::Kind::kEmpty:
      return io::XlsxCell::empty();
    case io::SheetCell::Kind::kText:
      return io::XlsxCell::text(c.text);
    case io::SheetCell::Kind::kWord:
    case io::SheetCell::Kind::kYesNo:
    case io::SheetCell::Kind::kList:
      return io::XlsxCell::text(worded(ctx, c).text);
    case io::SheetCell::Kind::kRate:
      return std::isfinite(c.number) ? io::XlsxCell::percent(c.number) : io::XlsxCell::empty();
    case io::SheetCell::Kind::kNumber:
      if (c.decimals == 0) return io::XlsxCell::integer(std::llround(c.number));
      return io::XlsxCell::decimal(c.number, c.decimals < 0 ? 4 : c.decimals);
  }
  return io::XlsxCell::empty();
}

std::vector<io::XlsxCell> xlsx_row(const Context& ctx, std::span<const io::SheetCell> cells) {
  std::vector<io::XlsxCell> out;
  out.reserve(cells.size());
  for (const auto& c : cells) out.push_back(xlsx_cell(ctx, c));
  return out;
}

std::vector<std::string> header_of(const Context& ctx, const std::vector<std::string>& keys) {
  std::vector<std::string_view> views(keys.begin(), keys.end());
  return headers(ctx, views);
}
}  // namespace

core::Status write_score_xlsx(const Context& ctx, const app::winback::ScoreResult& r,
                              const std::string& path) {
  io::XlsxWriter writer = TRY(io::XlsxWriter::create(path, ctx.now()));
  io::XlsxSheet& sheet = writer.add_sheet(message(ctx.lang, "winback.sheet.score"));
  sheet.header(headers(ctx, io::score_columns()));
  TRY(for_each_score_row(r, [&](const auto& cells) -> core::Status {
    sheet.row(xlsx_row(ctx, cells));
    return {};
  }));
  TRY(writer.close());
  fmt::print("{}\n", tr(ctx.lang, "winback.written", path, r.size()));
  return {};
}

core::Status write_sheets_xlsx(const Context& ctx, std::span<const io::Sheet> sheets,
                               const std::string& path) {
  io::XlsxWriter writer = TRY(io::XlsxWriter::create(path, ctx.now()));
  for (const io::Sheet& s : sheets) {
    io::XlsxSheet& sheet =
        writer.add_sheet(message(ctx.lang, fmt::format("winback.sheet.{}", s.name)));
    sheet.header(header_of(ctx, s.columns));
    for (const auto& row : s.rows) sheet.row(xlsx_row(ctx, row));
  }
  return writer.close();
}

}  // namespace pitwall::cli::winback
