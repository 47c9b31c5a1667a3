#pragma once
// Tabular forms of the win-back results for CSV and XLSX: each report is a list of sheets with
// column keys (the caller supplies the header text for each key, in the user's language) and
// rows of typed cells. `winback score --csv FILE` streams rows through CsvSheetWriter.

#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/evaluation.hpp"

namespace pitwall::io {

struct SheetCell {
  // kWord: `text` is a catalogue key ("winback.tier.star") the writer words in the reader's
  // language, followed by `after` as it is (" 262.00"); kYesNo: `number` is 1 or 0, shown 是/否
  // (Yes/No); kRate: `number` is a rate shown as a percentage (0.8489 -> 84.89%); kList: `items`
  // shown one after the other, "; " between.
  enum class Kind : uint8_t {
    kText,
    kNumber,
    kEmpty,
    kWord,
    kYesNo,
    kRate,
    kList
  } kind = Kind::kEmpty;
  std::string text;
  double number = 0;
  int decimals = -1;  // shown decimals of a number; -1: shortest
  std::string after;
  std::vector<SheetCell> items;

  static SheetCell of_text(std::string t) { return made(Kind::kText, std::move(t), 0, -1); }
  static SheetCell of_number(double v, int decimals) {
    return made(Kind::kNumber, {}, v, decimals);
  }
  static SheetCell of_word(std::string_view group, std::string_view token, std::string after = {}) {
    SheetCell c = made(Kind::kWord, std::string(group) + "." + std::string(token), 0, -1);
    c.after = std::move(after);
    return c;
  }
  static SheetCell of_yes_no(bool v) { return made(Kind::kYesNo, {}, v ? 1.0 : 0.0, -1); }
  static SheetCell of_rate(double v) { return made(Kind::kRate, {}, v, 2); }
  static SheetCell of_list(std::vector<SheetCell> items) {
    SheetCell c = made(Kind::kList, {}, 0, -1);
    c.items = std::move(items);
    return c;
  }
  static SheetCell empty() { return {}; }
  // As text with no reader: numbers with `decimals` places (rounded half away from zero), a word
  // as its token, yes/no as 1/0, a rate as "84.89%", empty as "".
  std::string to_text() const;

 private:
  static SheetCell made(Kind kind, std::string text, double number, int decimals) {
    SheetCell c;
    c.kind = kind;
    c.text = std::move(text);
    c.number = number;
    c.decimals = decimals;
    return c;
  }
};

struct Sheet {
  std::string name;                  // sheet key: "score", "summary", ...
  std::vector<std::string> columns;  // column keys; headers are looked up by key
  std::vector<std::vector<SheetCell>> rows;
};

// Column keys of the score sheet, in order.
std::span<const std::string_view> score_columns();
// One row of the score sheet.
std::vector<SheetCell> score_row(int64_t rank, std::string_view customer_id,
                                 std::string_view store_code,
                                 const core::winback::Programme& programme,
                                 const core::winback::CustomerInput& in,
                                 const core::winback::Evaluation& evaluation);

// Writes a CSV file (UTF-8 with BOM, so Excel reads the Chinese headers), row by row; the file
// appears complete on close (written to FILE.tmp and renamed). Errors: kIo naming the path.
class CsvSheetWriter {
 public:
  static core::Result<std::unique_ptr<CsvSheetWriter>> create(const std::string& path,
                                                              std::span<const std::string> header);
  ~CsvSheetWriter();
  core::Status write(std::span<const SheetCell> row);
  core::Status close();

 private:
  CsvSheetWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  void put_field(std::string_view text, bool first);
  std::string path_;
  std::FILE* file_;
  std::string buffer_;
};

}  // namespace pitwall::io
