#pragma once
// XlsxWriter: the report workbooks every desk writes (the close-out export with its Summary,
// Bridge, Stores, Regions, Staff, Findings and Errors sheets; win-back and supervision reports),
// over libxlsxwriter (included in xlsx_writer.cpp only).
//
//   const core::TimeZone& zone = *TRY(find_time_zone("Asia/Shanghai"));
//   XlsxWriter writer = TRY(XlsxWriter::create("closeout.xlsx", sealed_at));
//   XlsxSheet& stores = writer.add_sheet("门店");
//   stores.header({"门店编码", "门店名称", "实付金额", "完成率", "支付时间"});
//   stores.row({XlsxCell::text("S001"), XlsxCell::text("北京朝阳店"),
//               XlsxCell::money(core::Money::from_fen(123450)), XlsxCell::percent(0.8125),
//               XlsxCell::date_time(paid_at, zone)});
//   TRY(writer.close());
//
// What it does: one header row per sheet (bold, frozen, with an autofilter over the columns),
// then rows in order; typed cells with fixed number formats (money `#,##0.00` in yuan, percent
// `0.00%`, date-time `yyyy-mm-dd hh:mm:ss`, date `yyyy-mm-dd`); column widths from the content
// (a CJK character counts as two). What it does not: formulas, merged cells, charts, styling per
// cell, random access; rows are streamed to a temporary file (libxlsxwriter's constant-memory
// mode), so a sheet of a million rows costs little memory.
//
// Same inputs give the same bytes: the document's creation time is the caller's
// (`created_utc_seconds` of create), zip entries carry a fixed date, and nothing else varies.
// Text is written as given when it is valid UTF-8; invalid bytes become U+FFFD, text longer than
// Excel's 32,767 bytes is cut at a character boundary, and a literal "_x0041_" is escaped so
// Excel does not read it as an escape. Not thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/base/result.hpp"

namespace pitwall::io {

// One cell of a report row. Make one with the named constructors; all of them copy their input.
class XlsxCell {
 public:
  enum class Kind : uint8_t {
    kEmpty,
    kText,
    kInteger,   // exact up to 2^53, as Excel's numbers are doubles
    kMoney,     // fen, written as yuan with format #,##0.00
    kPercent,   // a fraction: 0.8125 shows as 81.25%
    kDecimal,   // a double with a fixed number of decimals
    kDateTime,  // local civil seconds, written as an Excel serial
    kDate,      // local day
    kBool,
  };

  XlsxCell() = default;  // empty
  static XlsxCell empty() { return XlsxCell(); }
  static XlsxCell text(std::string_view value);
  static XlsxCell integer(int64_t value);
  // Yuan with two decimals: the number written is the double nearest to fen / 100, so Excel
  // shows and sums exactly the decimal amount. core::kNoFen gives an empty cell.
  static XlsxCell money(core::Money amount);
  static XlsxCell money_fen(int64_t fen);
  // A fraction shown as a percentage with two decimals. NaN and infinities give an empty cell.
  static XlsxCell percent(double fraction);
  // A double shown with `places` decimals (0..10, clamped) and thousands separators. NaN and
  // infinities give an empty cell.
  static XlsxCell decimal(double value, int places);
  // The local time of a UTC instant in `zone`, shown as yyyy-mm-dd hh:mm:ss. core::kNoTime gives
  // an empty cell. Excel cannot show times before 1900-03-01.
  static XlsxCell date_time(int64_t utc_seconds, const core::TimeZone& zone);
  // The local calendar day of a UTC instant in `zone`, shown as yyyy-mm-dd.
  static XlsxCell date(int64_t utc_seconds, const core::TimeZone& zone);
  static XlsxCell boolean(bool value);

  Kind kind() const { return kind_; }
  const std::string& text_value() const { return text_; }
  int64_t integer_value() const { return integer_; }  // integer, fen, local seconds or local day
  double double_value() const { return double_; }     // percent, decimal
  int places() const { return places_; }

 private:
  Kind kind_ = Kind::kEmpty;
  int8_t places_ = 0;
  int64_t integer_ = 0;
  double double_ = 0;
  std::string text_;
};

// One sheet of a workbook; owned by its XlsxWriter, valid until close().
class XlsxSheet {
 public:
  ~XlsxSheet();
  XlsxSheet(const XlsxSheet&) = delete;
  XlsxSheet& operator=(const XlsxSheet&) = delete;

  // The sheet name as written (after replacing invalid characters, cutting and de-duplicating).
  const std::string& name() const;
  // Writes the header row: bold, frozen when scrolling, with an autofilter over its columns.
  // Must come before any row (a bug otherwise).
  void header(const std::vector<std::string>& names);
  // Writes the next row. Rows beyond Excel's 1,048,576 are not written; close() reports them.
  void row(const std::vector<XlsxCell>& cells);
  // Rows written so far, the header included.
  int64_t row_count() const;

 private:
  friend class XlsxWriter;
  struct Impl;
  explicit XlsxSheet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class XlsxWriter {
 public:
  // Starts a workbook to be written to `path` on close(). `created_utc_seconds` is the
  // document's creation time, fixed by the caller so that the same content gives the same bytes
  // (values before 1970-01-01T00:00:01Z are written as that second: libxlsxwriter reads 0 as
  // "now"). Errors: kIo when the folder of `path` does not exist or is not writable.
  static core::Result<XlsxWriter> create(const std::string& path, int64_t created_utc_seconds = 0);

  XlsxWriter(XlsxWriter&&) noexcept;
  XlsxWriter& operator=(XlsxWriter&&) noexcept;
  // Without close(), nothing is written.
  ~XlsxWriter();

  // Adds a sheet after the others. Excel's rules are applied to the name: []:*?/\ become '_',
  // at most 31 characters (Chinese is fine), not empty, unique ignoring ASCII case (a repeat
  // gets "~2", "~3"). The reference stays valid until close().
  XlsxSheet& add_sheet(std::string_view name);

  // The document title shown in File > Properties (none by default).
  void set_title(std::string_view title);

  // Writes the file. Errors: kIo naming the path when it cannot be written; kInvalidInput when a
  // sheet had more rows than Excel allows. A workbook is closed once (a second call is a bug).
  core::Status close();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pitwall::io
