#include "cli/winback_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/winback/customer.hpp"
#include "core/winback/evaluation.hpp"
#include "io/report/winback_json.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::cli::winback {

namespace {
std::vector<std::string> headers(const Context& ctx, std::span<const std::string_view> keys) {
  std::vector<std::string> out;
  for (auto k : keys) out.emplace_back(message(ctx.lang, fmt::format("winback.col.{}", k)));
  return out;
}
}  // namespace

void merge_members(io::Json& into, const io::Json& from) {
  for (const auto& [k, v] : from.members()) into.set(k, v);
}

io::Json score_json(const DeskData& d, const wb::Ranking& ranking, const wb::ScoreOptions& options,
                    size_t limit) {
  const wb::Programme& p = d.programme();
  io::Json j = io::Json::object();
  j.set("programme", p.tag());
  j.set("models", io::calibration_json(reported_models(d.calibration, d.model)));
  j.set("review_above", options.review_above);
  j.set("summary", io::score_summary_json(ranking.summary));
  io::Json customers = io::Json::array();
  size_t n = limit == 0 ? ranking.rows.size() : std::min(limit, ranking.rows.size());
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = ranking.rows[i];
    wb::CustomerInput in = wb::read_customer(d.churned, row, p);
    wb::Evaluation e = wb::evaluate(p, in, wb::row_options(d.churned, row, options));
    io::Json c = io::Json::object();
    c.set("rank", int64_t(i + 1));
    c.set("customer_id", d.churned.text(core::churned::kCustomerId, row));
    c.set("store_code", d.churned.text(core::churned::kStoreCode, row));
    c.set("annual_value_fen", in.annual_value.fen());
    merge_members(c, io::customer_json(p, in, e, io::Detail::kRow));
    customers.push(std::move(c));
  }
  j.set("customers", std::move(customers));
  return j;
}

namespace {
// The score rows in rank order, each evaluated again from the churned table (the ranking keeps
// only row numbers), passed to `write`.
template <typename Write>
core::Status for_each_score_row(const DeskData& d, const wb::Ranking& ranking,
                                const wb::ScoreOptions& options, Write&& write) {
  const wb::Programme& p = d.programme();
  for (size_t i = 0; i < ranking.rows.size(); ++i) {
    uint32_t row = ranking.rows[i];
    wb::CustomerInput in = wb::read_customer(d.churned, row, p);
    wb::Evaluation e = wb::evaluate(p, in, wb::row_options(d.churned, row, options));
    auto cells = io::score_row(int64_t(i + 1), d.churned.text(core::churned::kCustomerId, row),
                               d.churned.text(core::churned::kStoreCode, row), p, in, e);
    TRY(write(cells));
  }
  return {};
}
}  // namespace

core::Status write_score_csv(const Context& ctx, const DeskData& d, const wb::Ranking& ranking,
                             const wb::ScoreOptions& options, const std::string& path) {
  auto header = headers(ctx, io::score_columns());
  auto writer = TRY(io::CsvSheetWriter::create(path, header));
  TRY(for_each_score_row(d, ranking, options,
                         [&](const auto& cells) { return writer->write(cells); }));
  TRY(writer->close());
  fmt::print("{}\n", tr(ctx.lang, "winback.written", path, ranking.rows.size()));
  return {};
}

namespace {
io::XlsxCell xlsx_cell(const io::SheetCell& c) {
  switch (c.kind) {
    case io::SheetCell::Kind::kEmpty:
      return io::XlsxCell::empty();
    case io::SheetCell::Kind::kText:
      return io::XlsxCell::text(c.text);
    case io::SheetCell::Kind::kNumber:
      if (c.decimals == 0) return io::XlsxCell::integer(std::llround(c.number));
      return io::XlsxCell::decimal(c.number, c.decimals < 0 ? 4 : c.decimals);
  }
  return io::XlsxCell::empty();
}

std::vector<io::XlsxCell> xlsx_row(std::span<const io::SheetCell> cells) {
  std::vector<io::XlsxCell> out;
  out.reserve(cells.size());
  for (const auto& c : cells) out.push_back(xlsx_cell(c));
  return out;
}

std::vector<std::string> header_of(const Context& ctx, const std::vector<std::string>& keys) {
  std::vector<std::string_view> views(keys.begin(), keys.end());
  return headers(ctx, views);
}
}  // namespace

core::Status write_score_xlsx(const Context& ctx, const DeskData& d, const wb::Ranking& ranking,
                              const wb::ScoreOptions& options, const std::string& path) {
  io::XlsxWriter writer = TRY(io::XlsxWriter::create(path, ctx.now()));
  io::XlsxSheet& sheet = writer.add_sheet(message(ctx.lang, "winback.sheet.score"));
  sheet.header(headers(ctx, io::score_columns()));
  TRY(for_each_score_row(d, ranking, options, [&](const auto& cells) -> core::Status {
    sheet.row(xlsx_row(cells));
    return {};
  }));
  TRY(writer.close());
  fmt::print("{}\n", tr(ctx.lang, "winback.written", path, ranking.rows.size()));
  return {};
}

core::Status write_sheets_xlsx(const Context& ctx, std::span<const io::Sheet> sheets,
                               const std::string& path) {
  io::XlsxWriter writer = TRY(io::XlsxWriter::create(path, ctx.now()));
  for (const io::Sheet& s : sheets) {
    io::XlsxSheet& sheet =
        writer.add_sheet(message(ctx.lang, fmt::format("winback.sheet.{}", s.name)));
    sheet.header(header_of(ctx, s.columns));
    for (const auto& row : s.rows) sheet.row(xlsx_row(row));
  }
  return writer.close();
}

}  // namespace pitwall::cli::winback
