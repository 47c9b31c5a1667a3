#pragma once
// Field parsers: one cell of text (a CSV field, or an XLSX cell with its kind) -> the value a
// column stores (core/model/table.hpp "Value encoding by type"). formats.md "Reading tables"
// gives the forms users write; each parser accepts those forms, after trimming and width folding
// (full-width １２３４.５ reads as 1234.5).
//
// Errors are kInvalidInput with a message that quotes what was found and says what was expected,
//   cannot read "2023-13-01 10:00" as a date-time (expected a date-time like 2023-03-31 23:59:59)
// and no location: the importer adds file, line and column. Parsers do not allocate on success
// for cells shorter than 192 bytes (parse_word on a list not known here excepted), and are safe
// to call from several threads (CachedZone is not).
//
// The importer calls `parse_cell` once per cell with the column's definition (dispatching on the
// column type), or one of the typed parsers directly when it loops over one column.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/base/instant.hpp"
#include "core/base/rate.hpp"
#include "core/base/result.hpp"
#include "core/model/table.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

// ---- Text normalisation ----

// `text` without leading and trailing ASCII whitespace, U+3000 (ideographic space), U+00A0 and
// U+FEFF.
std::string_view trim_text(std::string_view text);

// Width folding: full-width ASCII U+FF01–FF5E -> ASCII, U+3000 -> space, ￥ (U+FFE5) -> ¥
// (U+00A5). Other text is unchanged.
std::string fold_width(std::string_view text);

// The key header aliases are matched on: width folded, ASCII lower-cased, trimmed, with spaces,
// underscores and hyphens dropped. "Paid_At", "paid at", "ＰＡＩＤ－ＡＴ" -> "paidat"; "客户 ID" ->
// "客户id".
std::string normalize_header_key(std::string_view text);

// ---- Values (text is the cell as read; kind is what an XLSX cell held, kText for CSV) ----

// Yuan -> integer fen, digit by digit (never through double): 1234.5, 1,234.50, ¥1234.50,
// ￥1234.50, 1234.50元, １２３４.５, -12.30, ¥-12.30. More than two decimals is an error unless the
// extra digits are zeros. kNumber cells are snapped to the fen when within 1e-6 yuan of it.
core::Result<int64_t> parse_amount_fen(std::string_view text, CellKind kind = CellKind::kText);

// A date-time -> UTC seconds. Forms: 2023-03-31 23:59:59, 2023-03-31 23:59, 2023/3/31 23:59:59,
// 2023/3/6 9:30, 2023-03-31T23:59:59+08:00 (an explicit offset or Z wins over `zone`),
// 2023-03-31 (00:00:00), 2023年3月31日 9:30; fractions of a second are dropped. Without an offset
// the time is local to `zone`. kNumber and kDate cells are Excel serial day numbers (1900 date
// system), rounded to the nearest second and read as local time.
core::Result<int64_t> parse_date_time(std::string_view text, const core::TimeZone& zone,
                                      CellKind kind = CellKind::kText);

// A time zone in front of another that remembers, per local calendar day, the day's UTC offset
// when it is the same all day (no transition that day), so reading millions of local times costs
// a table probe instead of a tz-database search each. Days with a transition go to the wrapped
// zone. Not thread-safe: one per thread; `zone` must outlive it.
class CachedZone final : public core::TimeZone {
 public:
  explicit CachedZone(const core::TimeZone& zone) : zone_(zone) {}
  const std::string& name() const override { return zone_.name(); }
  int64_t offset_at(int64_t utc_seconds) const override { return zone_.offset_at(utc_seconds); }
  int64_t to_utc(const core::CivilTime& local) const override;

 private:
  struct Day {
    int64_t day = INT64_MIN;
    int64_t offset = 0;
    bool uniform = false;
  };
  const core::TimeZone& zone_;
  mutable Day days_[1024];
};

// A calendar date -> days since 1970-01-01 (no zone: the date as written). The date-time forms
// above are accepted and their time ignored; Excel serials for kNumber and kDate cells.
core::Result<int32_t> parse_local_date(std::string_view text, CellKind kind = CellKind::kText);

// 是|否, true|false, 1|0, Y|N, yes|no, 通过|未通过, pass|fail, T|F, √|× (case-insensitive).
core::Result<bool> parse_bool(std::string_view text, CellKind kind = CellKind::kText);

// 0.5 or 50% (exact, at most 4 decimal places: core::Rate::parse after width folding); kNumber
// cells are snapped to the nearest 0.0001 when within 1e-6 of it.
core::Result<core::Rate> parse_rate(std::string_view text, CellKind kind = CellKind::kText);

// Whole numbers: 42, -7, 1,234, 12.00 (zeros after the point only). Errors on overflow.
core::Result<int64_t> parse_integer(std::string_view text, CellKind kind = CellKind::kText);

// Finite decimal numbers (3.5, -0.25, 1e3), through fast_float.
core::Result<double> parse_real(std::string_view text, CellKind kind = CellKind::kText);

// formats.md status words: 已下单|待支付|created, 已支付|paid, 已核销|已完成|redeemed,
// 已取消|cancelled, 退款中|refunding, 已退款|refunded. Errors list the accepted words.
core::Result<core::OrderStatus> parse_order_status(std::string_view text);

// Index of `text` in a word list of core::words (a kWord column's ColumnDef::words), accepting
// the canonical tokens and the Chinese and English words of formats.md ("名额已满" and
// "quota full" -> 0 in kComplaintCategories). A list not known here accepts its canonical tokens
// only. Errors list the accepted words.
core::Result<int32_t> parse_word(std::string_view text, std::span<const std::string_view> words);

// The words parse_word accepts for a list, in order (for messages and documentation).
std::string accepted_words(std::span<const std::string_view> words);

// ---- One call per cell, by column type ----

// A cell's value in the storage form of its column's type (table.hpp). An empty cell (after
// trimming) gives the type's null: kNoTime, kNoFen, kNoInt, kNoSmall, NaN, or empty text.
struct CellValue {
  int64_t i64 = 0;        // kTime, kMoney, kInt
  int32_t i32 = 0;        // kDate, kRate (basis), kBool, kStatus, kWord
  double f64 = 0;         // kReal
  std::string_view text;  // kText: the trimmed cell (a view of `text`)
  bool is_null = false;
};

// Parses `text` for `column` (its type, and its word list for kWord). `zone` is the campaign's,
// for kTime. XLSX error cells (#N/A) are errors for every type but kText.
core::Result<CellValue> parse_cell(const core::ColumnDef& column, std::string_view text,
                                   CellKind kind, const core::TimeZone& zone);

}  // namespace pitwall::io
