#include "io/report/winback_sheet.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "core/winback/plan.hpp"
#include "io/report/winback_json.hpp"

namespace pitwall::io {

namespace {
namespace wb = core::winback;

constexpr std::string_view kScoreColumns[] = {
    "rank",
    "customer_id",
    "store_code",
    "tier",
    "annual_value_yuan",
    "success",
    "retention",
    "effective_rate",
    "clv_yuan",
    "cap_per_year_yuan",
    "koc_cap_per_year_yuan",
    "hard_cap_yuan",
    "score",
    "band",
    "roi",
    "roi_band",
    "risk",
    "suspected",
    "plan_total_yuan",
    "service_yuan",
    "cash_yuan",
    "stage_return_yuan",
    "stage_second_visit_yuan",
    "stage_loyal_yuan",
    "components",
    "approver",
    "review",
    "gate",
};

SheetCell yuan(double v) { return SheetCell::of_number(v, 2); }
SheetCell money(core::Money m) { return SheetCell::of_number(double(m.fen()) / 100.0, 2); }
SheetCell rate(double v) { return SheetCell::of_rate(v); }
SheetCell score(double v) { return SheetCell::of_number(v, 4); }
SheetCell text(std::string_view t) { return SheetCell::of_text(std::string(t)); }
SheetCell word(std::string_view group, std::string_view token) {
  return SheetCell::of_word(group, token);
}
}  // namespace

std::string SheetCell::to_text() const {
  switch (kind) {
    case Kind::kEmpty:
      return {};
    case Kind::kText:
      return text;
    case Kind::kWord:
      return text.substr(text.rfind('.') + 1) + after;
    case Kind::kList: {
      std::string out;
      for (const SheetCell& item : items) out += (out.empty() ? "" : "; ") + item.to_text();
      return out;
    }
    case Kind::kYesNo:
      return number != 0 ? "1" : "0";
    case Kind::kRate:
      if (!std::isfinite(number)) return {};
      return fmt::format("{:.2f}%", number * 100);
    case Kind::kNumber: {
      if (!std::isfinite(number)) return {};
      if (decimals < 0) return fmt::format("{}", number);
      double scale = std::pow(10.0, decimals);
      double r = std::round(number * scale) / scale;
      if (r == 0) r = 0;
      return fmt::format("{:.{}f}", r, decimals);
    }
  }
  return {};
}

std::span<const std::string_view> score_columns() { return kScoreColumns; }

std::vector<SheetCell> score_row(int64_t rank, std::string_view customer_id,
                                 std::string_view store_code, const wb::Programme& p,
                                 const wb::CustomerInput& in, const wb::Evaluation& e) {
  wb::Plan plan = wb::make_plan(p, e.tier, core::Money::from_yuan(e.plan_total_yuan));
  // Component names are the programme's (the defaults have words: winback.component.<name>).
  std::vector<SheetCell> components;
  for (const auto& c : plan.components) {
    if (c.amount.fen() == 0) continue;
    components.push_back(
        SheetCell::of_word("winback.component", c.name, " " + c.amount.to_yuan_string()));
  }
  std::vector<SheetCell> review;
  Json reasons = review_reasons_json(e.review);
  for (const auto& r : reasons.items()) {
    review.push_back(SheetCell::of_word("winback.review", r.as_string()));
  }
  bool koc = in.influence == wb::Influence::kKoc;
  bool has_plan = e.plan_total_yuan > 0;
  return {
      SheetCell::of_number(double(rank), 0),
      text(customer_id),
      text(store_code),
      word("winback.tier", wb::tier_token(e.tier)),
      money(in.annual_value),
      rate(e.success.value),
      rate(e.retention.value),
      rate(e.effective_rate),
      yuan(e.clv),
      yuan(e.caps.cap_per_year),
      koc ? yuan(e.caps.koc_cap_per_year) : SheetCell::empty(),
      money(e.caps.hard_cap),
      score(e.score.total),
      word("winback.band", wb::decision_band_token(e.band)),
      rate(e.roi),
      word("winback.roi_band", wb::roi_band_token(e.roi_band)),
      score(e.abuse.score),
      SheetCell::of_yes_no(e.abuse.suspected),
      yuan(double(e.plan_total_yuan)),
      money(plan.service),
      money(plan.cash),
      money(plan.stages[0]),
      money(plan.stages[1]),
      money(plan.stages[2]),
      SheetCell::of_list(std::move(components)),
      has_plan ? word("winback.approver", wb::approver_token(e.approver)) : SheetCell::empty(),
      SheetCell::of_list(std::move(review)),
      word("winback.gate", wb::plan_gate_token(e.gate)),
  };
}

core::Result<std::unique_ptr<CsvSheetWriter>> CsvSheetWriter::create(
    const std::string& path, std::span<const std::string> header) {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    return core::make_error(core::ErrorCode::kIo, fmt::format("cannot write {}", path));
  }
  std::unique_ptr<CsvSheetWriter> w(new CsvSheetWriter(path, f));
  w->buffer_ = "\xEF\xBB\xBF";
  for (size_t i = 0; i < header.size(); ++i) w->put_field(header[i], i == 0);
  w->buffer_ += "\r\n";
  return w;
}

CsvSheetWriter::~CsvSheetWriter() {
  if (file_) {
    std::fclose(file_);
    std::remove((path_ + ".tmp").c_str());
  }
}

void CsvSheetWriter::put_field(std::string_view text, bool first) {
  if (!first) buffer_.push_back(',');
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_ += text;
    return;
  }
  buffer_.push_back('"');
  for (char c : text) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
}

core::Status CsvSheetWriter::write(std::span<const SheetCell> row) {
  for (size_t i = 0; i < row.size(); ++i) put_field(row[i].to_text(), i == 0);
  buffer_ += "\r\n";
  if (buffer_.size() > (1 << 20)) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return core::make_error(core::ErrorCode::kIo, fmt::format("cannot write {}", path_));
    }
    buffer_.clear();
  }
  return {};
}

core::Status CsvSheetWriter::close() {
  bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  std::string tmp = path_ + ".tmp";
  if (!ok || std::rename(tmp.c_str(), path_.c_str()) != 0) {
    std::remove(tmp.c_str());
    return core::make_error(core::ErrorCode::kIo, fmt::format("cannot write {}", path_));
  }
  return {};
}

}  // namespace pitwall::io
