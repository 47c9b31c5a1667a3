// The XLSX half of io/table/table_source.hpp: a TableSource over one worksheet.
//
// The sheet part is streamed row by row (ElementStream cuts out each <row>, pugixml parses it in
// place), so memory is the shared strings plus one row, whatever the sheet's length. Cell
// positions come from their references (r="C7"); a cell or row without one follows the previous.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <pugixml.hpp>

#include "io/encoding/utf8.hpp"
#include "io/table/table_source.hpp"
#include "io/xlsx/element_stream.hpp"
#include "io/xlsx/ooxml.hpp"
#include "io/xlsx/workbook_parts.hpp"
#include "io/xlsx/zip_archive.hpp"

namespace pitwall::io {

namespace {

using xlsx::ZipArchive;

constexpr size_t kMaxRowBytes = 256u << 20;
constexpr uint32_t kMaxColumns = 16384;        // Excel's last column, XFD
constexpr int64_t kMaxRow = int64_t{1} << 31;  // far beyond Excel's 1,048,576 rows
constexpr double kDays1904To1900 = 1462;       // serial of 1904-01-01 in the 1900 system

std::string column_letters(uint32_t column) {
  std::string letters;
  for (uint32_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

// Column index (0-based) of a reference like "C7" or "c7"; nullopt when it has no letters or
// goes beyond column XFD.
std::optional<uint32_t> parse_column(std::string_view ref) {
  uint32_t column = 0;
  size_t i = 0;
  for (; i < ref.size(); ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<uint32_t>(c - 'A' + 1);
    if (column > kMaxColumns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  return column - 1;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t start = s.find_first_not_of(kSpace);
  if (start == std::string_view::npos) return {};
  return s.substr(start, s.find_last_not_of(kSpace) - start + 1);
}

// Header cells are trimmed of ASCII whitespace and of the full-width and no-break spaces that
// Chinese spreadsheets carry.
std::string trim_header(std::string_view s) {
  constexpr std::string_view kWide[] = {"\u3000", "\u00a0", "\ufeff"};
  bool changed = true;
  while (changed) {
    s = trim(s);
    changed = false;
    for (std::string_view w : kWide) {
      if (s.starts_with(w)) s.remove_prefix(w.size()), changed = true;
      if (s.ends_with(w)) s.remove_suffix(w.size()), changed = true;
    }
  }
  return std::string(s);
}

bool parse_number(std::string_view text, double& value) {
  if (text.empty() || !(text[0] == '-' || text[0] == '.' || (text[0] >= '0' && text[0] <= '9'))) {
    return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

class XlsxSource final : public TableSource {
 public:
  static core::Result<std::unique_ptr<TableSource>> open(ZipArchive zip, std::string_view sheet);

  const std::vector<std::string>& header() const override { return header_; }
  int64_t header_line() const override { return header_line_; }
  core::Result<bool> next(SourceRow& row) override;
  bool stopped() const override { return stopped_; }
  double progress() const override { return rows_ ? rows_->progress() : 1.0; }
  std::string_view encoding_name() const override { return "xlsx"; }

 private:
  // A cell's text lives in the shared strings (`direct`) or in the row's arena.
  struct Cell {
    uint32_t column = 0;
    CellKind kind = CellKind::kText;
    std::string_view direct;
    size_t offset = 0;
    size_t size = 0;
  };

  explicit XlsxSource(ZipArchive zip) : zip_(std::move(zip)) {}
  core::Status load(std::string_view sheet);
  core::Result<const xlsx::SheetInfo*> choose_sheet(const xlsx::WorkbookInfo& info,
                                                    std::string_view sheet) const;
  core::Status parse_row(std::span<char> element, SourceRow& row);
  core::Status parse_cell(const pugi::xml_node& c, uint32_t column, int64_t line);
  void classify(Cell& cell, std::string_view type, uint32_t style);
  core::Status finish_text(Cell& cell, int64_t line);
  core::Error row_error(int64_t line, uint32_t column, std::string message) const;

  ZipArchive zip_;
  xlsx::SharedStrings strings_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;
  std::optional<xlsx::ElementStream> rows_;
  pugi::xml_document doc_;
  std::vector<std::string> header_;
  int64_t header_line_ = 0;
  int64_t last_line_ = 0;
  bool stopped_ = false;  // the rows' stream failed: nothing more can be read
  std::vector<Cell> cells_;
  std::string arena_;
};

core::Result<std::unique_ptr<TableSource>> XlsxSource::open(ZipArchive zip,
                                                            std::string_view sheet) {
  std::unique_ptr<XlsxSource> source(new XlsxSource(std::move(zip)));
  TRY(source->load(sheet));
  return std::unique_ptr<TableSource>(std::move(source));
}

core::Result<const xlsx::SheetInfo*> XlsxSource::choose_sheet(const xlsx::WorkbookInfo& info,
                                                              std::string_view sheet) const {
  const xlsx::SheetInfo* chosen = nullptr;
  for (const auto& s : info.sheets) {
    bool wanted = sheet.empty() ? s.is_worksheet : s.name == sheet;
    if (wanted) {
      chosen = &s;
      break;
    }
  }
  std::string problem;
  if (chosen == nullptr) {
    std::string names;
    for (const auto& s : info.sheets)
      names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.name);
    problem = sheet.empty() ? fmt::format("the workbook has no worksheet (sheets: {})", names)
                            : fmt::format("no sheet named \"{}\" (the workbook has {})", sheet,
                                          names.empty() ? "no sheets" : names);
  } else if (!chosen->is_worksheet) {
    problem = fmt::format("sheet \"{}\" is a chart or dialog sheet, not a worksheet", chosen->name);
  } else if (!zip_.contains(chosen->part)) {
    problem = fmt::format("sheet \"{}\": the workbook has no part {}", printable_text(chosen->name),
                          printable_text(chosen->part));
  }
  if (problem.empty()) return chosen;
  core::Error error = core::invalid_input(std::move(problem));
  error.at_file(zip_.display_name());
  return error;
}

core::Status XlsxSource::load(std::string_view sheet) {
  xlsx::WorkbookInfo info = TRY(xlsx::read_workbook_info(zip_));
  const xlsx::SheetInfo* chosen = TRY(choose_sheet(info, sheet));
  date1904_ = info.date1904;
  if (!info.styles_part.empty()) date_styles_ = TRY(xlsx::read_date_styles(zip_, info.styles_part));
  if (!info.shared_strings_part.empty()) {
    strings_ = TRY(xlsx::read_shared_strings(zip_, info.shared_strings_part));
  }
  rows_.emplace(TRY(xlsx::ElementStream::open(zip_, chosen->part, "row", kMaxRowBytes)));
  SourceRow first;
  if (!TRY(next(first))) {
    core::Error error = core::invalid_input(
        fmt::format("sheet \"{}\" is empty (expected a header row)", chosen->name));
    error.at_file(zip_.display_name());
    return error;
  }
  for (std::string_view cell : first.cells) header_.push_back(trim_header(cell));
  header_line_ = first.line;
  return {};
}

core::Result<bool> XlsxSource::next(SourceRow& row) {
  std::span<char> element;
  while (true) {
    // The stream's errors (damaged or cut-short part, an element over its cap) end the sheet;
    // a row's malformed XML is that row's.
    auto more = rows_->next(element);
    if (!more) {
      stopped_ = true;
      return more.release_error();
    }
    if (!*more) return false;
    TRY(parse_row(element, row));
    if (!row.cells.empty()) return true;
  }
}

core::Error XlsxSource::row_error(int64_t line, uint32_t column, std::string message) const {
  core::Error error = core::invalid_input(std::move(message));
  error.at_file(zip_.display_name()).at_line(line);
  if (column < kMaxColumns) error.at_column(column_letters(column));
  return error;
}

// Fills `row` with the cells of one <row>; no cells when all are empty. Trailing empty cells
// (formatted but blank) are dropped.
core::Status XlsxSource::parse_row(std::span<char> element, SourceRow& row) {
  int64_t line = last_line_ + 1;
  pugi::xml_parse_result parsed = doc_.load_buffer_inplace(
      element.data(), element.size(), xlsx::kXmlParseFlags, pugi::encoding_utf8);
  if (!parsed) {
    return row_error(
        line, kMaxColumns,
        fmt::format("malformed XML in the row after row {}: {}", last_line_, parsed.description()));
  }
  pugi::xml_node xml_row = doc_.document_element();
  if (pugi::xml_attribute r = xml_row.attribute("r")) {
    int64_t number = r.as_llong(0);
    if (number < 1 || number > kMaxRow) {
      return row_error(line, kMaxColumns,
                       fmt::format("row number \"{}\" is not a number from 1", r.value()));
    }
    line = number;
  }
  last_line_ = line;
  cells_.clear();
  arena_.clear();
  uint32_t column = 0;
  for (pugi::xml_node c = xml_row.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || xlsx::local_name(c.name()) != "c") continue;
    if (pugi::xml_attribute r = c.attribute("r")) {
      auto parsed_column = parse_column(r.value());
      if (!parsed_column) {
        return row_error(
            line, kMaxColumns,
            fmt::format("cell reference \"{}\" is not a column A..XFD with a row", r.value()));
      }
      column = *parsed_column;
    } else if (column >= kMaxColumns) {
      return row_error(line, kMaxColumns, "more than 16384 cells in a row");
    }
    TRY(parse_cell(c, column, line));
    ++column;
  }
  row.line = line;
  row.cells.clear();
  row.kinds.clear();
  uint32_t width = 0;
  for (const Cell& cell : cells_) width = std::max(width, cell.column + 1);
  row.cells.resize(width);
  row.kinds.resize(width, CellKind::kText);
  for (const Cell& cell : cells_) {
    row.cells[cell.column] = cell.direct.data() != nullptr
                                 ? cell.direct
                                 : std::string_view(arena_).substr(cell.offset, cell.size);
    row.kinds[cell.column] = cell.kind;
  }
  return {};
}

// Adds the cell at `column` to cells_ unless it is empty.
core::Status XlsxSource::parse_cell(const pugi::xml_node& c, uint32_t column, int64_t line) {
  std::string_view type = c.attribute("t").value();
  pugi::xml_node value = xlsx::child_named(c, "v");
  Cell cell;
  cell.column = column;
  cell.offset = arena_.size();
  if (type == "s") {
    std::string_view text = trim(value.child_value());
    size_t index = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (ec != std::errc() || end != text.data() + text.size() || index >= strings_.size()) {
      return row_error(line, column,
                       fmt::format("shared string index \"{}\" is not one of the {} strings", text,
                                   strings_.size()));
    }
    cell.direct = strings_.at(index);
    if (!cell.direct.empty()) cells_.push_back(cell);
    return {};
  }
  if (type == "inlineStr") {
    pugi::xml_node is = xlsx::child_named(c, "is");
    is ? xlsx::append_string_item(is, arena_) : xlsx::append_text(value, arena_);
  } else {
    xlsx::append_text(value, arena_);
    if (type == "str" && arena_.find("_x", cell.offset) != std::string::npos) {
      xlsx::decode_xstring_escapes(arena_, cell.offset);
    }
  }
  classify(cell, type, c.attribute("s").as_uint(0));
  return finish_text(cell, line);
}

// Sets the kind of a cell whose text is in the arena from cell.offset: booleans become "1" or
// "0", numbers are trimmed, date serials of the 1904 system move to the 1900 system.
void XlsxSource::classify(Cell& cell, std::string_view type, uint32_t style) {
  std::string_view raw = std::string_view(arena_).substr(cell.offset);
  std::string_view text = trim(raw);
  double number = 0;
  if (type == "b" && (text == "1" || text == "true" || text == "0" || text == "false")) {
    char flag = text == "1" || text == "true" ? '1' : '0';
    cell.kind = CellKind::kBool;
    arena_.resize(cell.offset);
    arena_.push_back(flag);
  } else if (type == "e") {
    cell.kind = CellKind::kError;
  } else if ((type.empty() || type == "n") && parse_number(text, number)) {
    bool is_date = style < date_styles_.size() && date_styles_[style];
    cell.kind = is_date ? CellKind::kDate : CellKind::kNumber;
    size_t length = text.size();
    arena_.erase(cell.offset, static_cast<size_t>(text.data() - raw.data()));
    arena_.resize(cell.offset + length);
    if (is_date && date1904_) {  // callers see one date system: 1900
      char buffer[64];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number + kDays1904To1900);
      arena_.resize(cell.offset);
      arena_.append(buffer, end);
    }
  }
}

core::Status XlsxSource::finish_text(Cell& cell, int64_t line) {
  cell.size = arena_.size() - cell.offset;
  std::string_view text = std::string_view(arena_).substr(cell.offset);
  if (!xlsx::is_valid_utf8(text)) {
    return row_error(line, cell.column, "cell text is not UTF-8");
  }
  if (cell.size > 0) cells_.push_back(cell);
  return {};
}

}  // namespace

core::Result<std::unique_ptr<TableSource>> open_xlsx_file(const std::string& path,
                                                          std::string_view sheet,
                                                          std::string display_name) {
  ZipArchive zip = TRY(ZipArchive::open_file(path, std::move(display_name)));
  return XlsxSource::open(std::move(zip), sheet);
}

core::Result<std::unique_ptr<TableSource>> open_xlsx_bytes(std::string_view bytes,
                                                           std::string_view sheet,
                                                           std::string display_name) {
  ZipArchive zip = TRY(ZipArchive::open_bytes(bytes, std::move(display_name)));
  return XlsxSource::open(std::move(zip), sheet);
}

}  // namespace pitwall::io
