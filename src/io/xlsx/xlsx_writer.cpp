// XlsxWriter over libxlsxwriter (io/xlsx/xlsx_writer.hpp).

#include "io/xlsx/xlsx_writer.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>

#include "core/base/display_width.hpp"
#include "io/xlsx/ooxml.hpp"

namespace pitwall::io {

namespace {

constexpr int64_t kEpochSerial = 25569;  // Excel serial of 1970-01-01 (1900 date system)
constexpr size_t kMaxTextBytes = 32767;  // Excel's limit for a cell's text
constexpr int kMinWidth = 6;
constexpr int kMaxWidth = 60;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Length of the valid UTF-8 sequence at text[i], or 0.
size_t utf8_length_at(std::string_view text, size_t i) {
  for (size_t length = 1; length <= 4 && i + length <= text.size(); ++length) {
    if (xlsx::is_valid_utf8(text.substr(i, length))) return length;
  }
  return 0;
}

bool is_escape_like(std::string_view text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') {
    return false;
  }
  return std::all_of(text.begin() + i + 2, text.begin() + i + 6,
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// Text as a cell may hold it (see the header): invalid UTF-8 and NUL become U+FFFD, "_xHHHH_"
// gets its underscore escaped, at most kMaxTextBytes bytes cut at a character boundary.
void clean_text(std::string_view text, std::string& out) {
  out.clear();
  bool plain = text.size() <= kMaxTextBytes && xlsx::is_valid_utf8(text) &&
               text.find('\0') == std::string_view::npos &&
               text.find("_x") == std::string_view::npos;
  if (plain) {
    out.assign(text);
    return;
  }
  size_t i = 0;
  while (i < text.size()) {
    size_t length = utf8_length_at(text, i);
    std::string_view piece = length == 0 || text[i] == '\0' ? kReplacement
                             : is_escape_like(text, i)      ? std::string_view("_x005F_")
                                                            : text.substr(i, length);
    if (out.size() + piece.size() > kMaxTextBytes) break;
    out += piece;
    i += length == 0 ? 1 : length;
  }
}

int digit_count(uint64_t v) {
  int n = 1;
  while (v >= 10) v /= 10, ++n;
  return n;
}

// Width of a number shown with thousands separators and `places` decimals.
int grouped_width(double value, int places) {
  std::string fixed = fmt::format("{:.{}f}", std::fabs(value), places);
  int integer_digits = static_cast<int>(fixed.size()) - (places > 0 ? places + 1 : 0);
  return (value < 0 ? 1 : 0) + integer_digits + (integer_digits - 1) / 3 +
         (places > 0 ? places + 1 : 0);
}

int money_width(int64_t fen) {
  uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  int digits = digit_count(magnitude / 100);
  return (fen < 0 ? 1 : 0) + digits + (digits - 1) / 3 + 3;
}

core::Error io_error(const std::string& path, std::string message) {
  core::Error error = core::make_error(core::ErrorCode::kIo, std::move(message));
  error.at_file(path);
  return error;
}

std::string parent_folder(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Excel's rules for a sheet name, except uniqueness (XlsxWriter::add_sheet).
std::string clean_sheet_name(std::string_view name) {
  std::string out;
  size_t i = 0;
  int characters = 0;
  while (i < name.size() && characters < 31) {
    size_t length = utf8_length_at(name, i);
    std::string_view piece = length == 0 ? std::string_view("_") : name.substr(i, length);
    if (length == 1 && (std::strchr("[]:*?/\\", name[i]) != nullptr ||
                        static_cast<unsigned char>(name[i]) < 0x20)) {
      piece = "_";
    }
    out += piece;
    i += length == 0 ? 1 : length;
    ++characters;
  }
  if (!out.empty() && out.front() == '\'') out.front() = '_';
  if (!out.empty() && out.back() == '\'') out.back() = '_';
  if (out.empty()) out = "Sheet";
  std::string folded = out;
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (folded == "history") out += "_";  // reserved by Excel
  return out;
}

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Drops whole UTF-8 characters from the end until `s` has at most `characters` of them.
std::string cut_characters(const std::string& s, int characters) {
  size_t i = 0;
  for (int n = 0; n < characters && i < s.size(); ++n)
    i += std::max<size_t>(1, utf8_length_at(s, i));
  return s.substr(0, i);
}

// State shared by the writer and its sheets; lives on the heap so moving the writer keeps it.
struct WorkbookState {
  lxw_workbook* workbook = nullptr;
  std::string path;
  lxw_format* bold = nullptr;
  lxw_format* money = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* date_time = nullptr;
  lxw_format* date = nullptr;
  lxw_format* decimals[11] = {};
  std::optional<core::Error> first_error;

  void record(core::Error error) {
    if (!first_error) first_error = std::move(error);
  }
  lxw_format* number_format(const char* code) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_num_format(format, code);
    return format;
  }
  lxw_format* decimal(int places) {
    if (decimals[places] == nullptr) {
      std::string code = places == 0 ? "#,##0" : "#,##0." + std::string(places, '0');
      decimals[places] = number_format(code.c_str());
    }
    return decimals[places];
  }
};

}  // namespace

struct XlsxSheet::Impl {
  WorkbookState* book = nullptr;
  lxw_worksheet* sheet = nullptr;  // null when libxlsxwriter could not add it (error recorded)
  std::string name;
  int64_t rows = 0;
  size_t header_columns = 0;
  std::vector<int> widths;  // display width per column
  std::string text;         // scratch for clean_text

  void widen(size_t column, int width) {
    if (widths.size() <= column) widths.resize(column + 1, 0);
    widths[column] = std::max(widths[column], width);
  }
  void check(lxw_error status) {
    if (status == LXW_NO_ERROR) return;
    book->record(io_error(
        book->path, fmt::format("sheet \"{}\" row {}: {}", name, rows + 1, lxw_strerror(status))));
  }
  void write(uint16_t column, const XlsxCell& cell);
};

void XlsxSheet::Impl::write(uint16_t column, const XlsxCell& cell) {
  auto row = static_cast<lxw_row_t>(rows);
  using Kind = XlsxCell::Kind;
  switch (cell.kind()) {
    case Kind::kEmpty:
      return;
    case Kind::kText:
      if (cell.text_value().empty()) return;
      clean_text(cell.text_value(), text);
      check(worksheet_write_string(sheet, row, column, text.c_str(), nullptr));
      return widen(column, core::display_width(text));
    case Kind::kInteger:
      check(worksheet_write_number(sheet, row, column, static_cast<double>(cell.integer_value()),
                                   nullptr));
      return widen(column, grouped_width(static_cast<double>(cell.integer_value()), 0));
    case Kind::kMoney:
      // fen / 100 in IEEE division is the double nearest to the decimal amount.
      check(worksheet_write_number(sheet, row, column,
                                   static_cast<double>(cell.integer_value()) / 100.0, book->money));
      return widen(column, money_width(cell.integer_value()));
    case Kind::kPercent:
      check(worksheet_write_number(sheet, row, column, cell.double_value(), book->percent));
      return widen(column, grouped_width(cell.double_value() * 100, 2) + 1);
    case Kind::kDecimal:
      check(worksheet_write_number(sheet, row, column, cell.double_value(),
                                   book->decimal(cell.places())));
      return widen(column, grouped_width(cell.double_value(), cell.places()));
    case Kind::kDateTime: {
      int64_t local = cell.integer_value();
      int64_t day = floor_div(local, 86400);
      double serial = static_cast<double>(day + kEpochSerial) +
                      static_cast<double>(local - day * 86400) / 86400.0;
      check(worksheet_write_number(sheet, row, column, serial, book->date_time));
      return widen(column, 19);
    }
    case Kind::kDate:
      check(worksheet_write_number(sheet, row, column,
                                   static_cast<double>(cell.integer_value() + kEpochSerial),
                                   book->date));
      return widen(column, 10);
    case Kind::kBool:
      check(worksheet_write_boolean(sheet, row, column, static_cast<int>(cell.integer_value()),
                                    nullptr));
      return widen(column, 5);
  }
}

XlsxSheet::XlsxSheet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxSheet::~XlsxSheet() = default;
const std::string& XlsxSheet::name() const { return impl_->name; }
int64_t XlsxSheet::row_count() const { return impl_->rows; }

void XlsxSheet::header(const std::vector<std::string>& names) {
  PW_CHECK(impl_->rows == 0, "XlsxSheet::header after rows");
  if (impl_->sheet == nullptr) return;
  size_t columns = std::min<size_t>(names.size(), LXW_COL_MAX);
  for (size_t c = 0; c < columns; ++c) {
    clean_text(names[c], impl_->text);
    impl_->check(worksheet_write_string(impl_->sheet, 0, static_cast<lxw_col_t>(c),
                                        impl_->text.c_str(), impl_->book->bold));
    impl_->widen(c, core::display_width(impl_->text) + 2);  // bold, and room for the filter button
  }
  worksheet_freeze_panes(impl_->sheet, 1, 0);
  impl_->header_columns = columns;
  impl_->rows = 1;
}

void XlsxSheet::row(const std::vector<XlsxCell>& cells) {
  if (impl_->sheet == nullptr) return;
  if (impl_->rows >= LXW_ROW_MAX) {
    if (impl_->rows == LXW_ROW_MAX) {
      core::Error error = core::invalid_input(
          fmt::format("sheet \"{}\" has more than {} rows, Excel's limit; the rest are not written",
                      impl_->name, LXW_ROW_MAX));
      error.at_file(impl_->book->path);
      impl_->book->record(std::move(error));
    }
    ++impl_->rows;
    return;
  }
  size_t columns = std::min<size_t>(cells.size(), LXW_COL_MAX);
  for (size_t c = 0; c < columns; ++c) impl_->write(static_cast<uint16_t>(c), cells[c]);
  ++impl_->rows;
}

struct XlsxWriter::Impl {
  WorkbookState book;
  std::vector<std::unique_ptr<XlsxSheet>> sheets;
  std::vector<std::string> folded_names;
  std::string title;
  int64_t created_utc_seconds = 0;
  bool closed = false;

  ~Impl() {
    if (book.workbook != nullptr && !closed) lxw_workbook_free(book.workbook);
    if (!renamed && !temp_path.empty()) (void)::unlink(temp_path.c_str());
  }
  std::string temp_path;
  bool renamed = false;
  void finish_sheet(XlsxSheet::Impl& sheet);
  core::Status set_properties();
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::XlsxWriter(XlsxWriter&&) noexcept = default;
XlsxWriter& XlsxWriter::operator=(XlsxWriter&&) noexcept = default;
XlsxWriter::~XlsxWriter() = default;

core::Result<XlsxWriter> XlsxWriter::create(const std::string& path, int64_t created_utc_seconds) {
  std::string folder = parent_folder(path);
  if (::access(folder.c_str(), W_OK) != 0) {
    return io_error(path,
                    fmt::format("cannot write to the folder {}: {}", folder, std::strerror(errno)));
  }
  auto impl = std::make_unique<Impl>();
  impl->book.path = path;
  // Written beside the target and renamed over it on close: a reader never sees half a
  // workbook, and a symbolic link at `path` is replaced, never written through.
  static std::atomic<uint64_t> counter{0};
  impl->temp_path = fmt::format("{}.tmp-{}-{}", path, ::getpid(), ++counter);
  impl->created_utc_seconds = created_utc_seconds;
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  impl->book.workbook = workbook_new_opt(impl->temp_path.c_str(), &options);
  if (impl->book.workbook == nullptr) return io_error(path, "cannot start the workbook");
  WorkbookState& book = impl->book;
  book.bold = workbook_add_format(book.workbook);
  format_set_bold(book.bold);
  book.money = book.number_format("#,##0.00");
  book.percent = book.number_format("0.00%");
  book.date_time = book.number_format("yyyy-mm-dd hh:mm:ss");
  book.date = book.number_format("yyyy-mm-dd");
  return XlsxWriter(std::move(impl));
}

core::Status XlsxWriter::Impl::set_properties() {
  lxw_doc_properties doc = {};
  doc.title = title.empty() ? nullptr : title.data();
  doc.created = static_cast<time_t>(std::max<int64_t>(created_utc_seconds, 1));
  if (workbook_set_properties(book.workbook, &doc) != LXW_NO_ERROR) {
    return io_error(book.path, "cannot set the document properties");
  }
  return {};
}

XlsxSheet& XlsxWriter::add_sheet(std::string_view name) {
  PW_CHECK(!impl_->closed, "add_sheet after close");
  std::string base = clean_sheet_name(name);
  std::string unique = base;
  for (int n = 2; std::find(impl_->folded_names.begin(), impl_->folded_names.end(),
                            fold_ascii(unique)) != impl_->folded_names.end();
       ++n) {
    std::string suffix = fmt::format("~{}", n);
    unique = cut_characters(base, 31 - static_cast<int>(suffix.size())) + suffix;
  }
  impl_->folded_names.push_back(fold_ascii(unique));
  auto sheet_impl = std::make_unique<XlsxSheet::Impl>();
  sheet_impl->book = &impl_->book;
  sheet_impl->name = unique;
  sheet_impl->sheet = workbook_add_worksheet(impl_->book.workbook, unique.c_str());
  if (sheet_impl->sheet == nullptr) {
    impl_->book.record(io_error(impl_->book.path,
                                fmt::format("cannot add sheet \"{}\" (temporary file?)", unique)));
  }
  impl_->sheets.push_back(std::unique_ptr<XlsxSheet>(new XlsxSheet(std::move(sheet_impl))));
  return *impl_->sheets.back();
}

void XlsxWriter::Impl::finish_sheet(XlsxSheet::Impl& sheet) {
  if (sheet.sheet == nullptr) return;
  for (size_t c = 0; c < sheet.widths.size(); ++c) {
    double width = std::clamp(sheet.widths[c], kMinWidth, kMaxWidth) + 2;
    auto column = static_cast<lxw_col_t>(c);
    sheet.check(worksheet_set_column(sheet.sheet, column, column, width, nullptr));
  }
  if (sheet.header_columns > 0) {
    auto last_row = static_cast<lxw_row_t>(std::min<int64_t>(sheet.rows, LXW_ROW_MAX) - 1);
    auto last_column = static_cast<lxw_col_t>(sheet.header_columns - 1);
    sheet.check(worksheet_autofilter(sheet.sheet, 0, 0, last_row, last_column));
  }
}

void XlsxWriter::set_title(std::string_view title) { impl_->title = std::string(title); }

core::Status XlsxWriter::close() {
  PW_CHECK(!impl_->closed, "XlsxWriter::close called twice");
  for (auto& sheet : impl_->sheets) impl_->finish_sheet(*sheet->impl_);
  TRY(impl_->set_properties());
  impl_->closed = true;
  errno = 0;
  lxw_error status = workbook_close(impl_->book.workbook);
  impl_->book.workbook = nullptr;
  if (status != LXW_NO_ERROR) {
    std::string reason = lxw_strerror(status);
    if (status == LXW_ERROR_CREATING_XLSX_FILE && errno != 0) {
      reason += fmt::format(" ({})", std::strerror(errno));
    }
    return io_error(impl_->book.path, fmt::format("cannot write the workbook: {}", reason));
  }
  if (impl_->book.first_error) return *impl_->book.first_error;
  (void)::chmod(impl_->temp_path.c_str(), 0644);  // a report to share, unlike workspace files
  if (::rename(impl_->temp_path.c_str(), impl_->book.path.c_str()) != 0) {
    return io_error(impl_->book.path,
                    fmt::format("cannot put the workbook in place: {}", std::strerror(errno)));
  }
  impl_->renamed = true;
  return {};
}

}  // namespace pitwall::io
