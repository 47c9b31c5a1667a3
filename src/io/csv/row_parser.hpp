#pragma once
// RowParser: splits one CSV row out of a byte range (internal to io/csv/).
//
// The parser is handed the bytes from the start of a row to the end of what is in memory and
// says whether the row is complete there, needs more bytes, or is an unterminated quoted field
// at end of input. Cells are views into the input, or into the parser's arena for cells that had
// to be rebuilt (doubled quotes, text after a closing quote) or transcoded from GB18030; both
// stay valid until the next call to `parse`. No allocation per cell once the arena has grown.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::io::csv_detail {

// How cells with bytes >= 0x80 are read.
enum class TextMode : uint8_t {
  kAsciiSoFar,  // auto-detection saw only ASCII: the first non-ASCII cell decides
  kUtf8,        // validated, kept as they are
  kGb18030,     // transcoded to UTF-8
};

enum class RowEnd : uint8_t { kComplete, kNeedMore, kUnterminated };

struct RowResult {
  RowEnd end = RowEnd::kComplete;
  size_t next = 0;          // offset just past the row's line break (kComplete)
  int64_t line_breaks = 0;  // line breaks inside the row plus its terminator
  bool blank = false;       // every cell is empty or spaces and tabs
  int bad_column = -1;      // first cell (0-based) whose bytes are not valid in the encoding
  std::string bad_bytes;    // those bytes, as hex ("FF 31")
};

class RowParser {
 public:
  RowParser(char separator, TextMode mode)
      : separator_(separator), mode_(mode), scanner_(separator) {}

  // Parses the row starting at data[begin]; data[end] is one past the bytes in memory, and
  // `at_eof` says no more bytes follow them. Fills `cells` (cleared first).
  RowResult parse(const char* data, size_t begin, size_t end, bool at_eof,
                  std::vector<std::string_view>& cells);

  TextMode mode() const { return mode_; }
  char separator() const { return separator_; }

 private:
  // Finds separators and line breaks 64 bytes at a time (row_parser.cpp).
  class BlockScanner {
   public:
    explicit BlockScanner(char separator) : separator_(separator) {}
    void reset() { loaded_ = false; }
    // First separator, '\n' or '\r' in [p, e), or e; sets `high` when a byte before it is
    // >= 0x80.
    const char* find(const char* p, const char* e, bool& high);

   private:
    void load(const char* p, const char* e);
    char separator_;
    const char* start_ = nullptr;
    bool loaded_ = false;
    uint64_t special_ = 0;
    uint64_t high_ = 0;
  };
  struct Fixup {
    uint32_t cell;
    uint32_t offset;
    uint32_t length;
  };
  // Parses a quoted field starting at `p` (on the opening quote). Returns the position after it
  // (at a delimiter or `e`), or nullptr when the row needs more bytes or is unterminated.
  const char* parse_quoted(const char* p, const char* e, bool at_eof, RowResult& result,
                           std::vector<std::string_view>& cells);
  void add_cell(std::string_view text, bool in_scratch, bool high, RowResult& result,
                std::vector<std::string_view>& cells);
  void add_arena_cell(size_t offset, std::vector<std::string_view>& cells);

  char separator_;
  TextMode mode_;
  std::string arena_;    // rebuilt and transcoded cells of the current row
  std::string scratch_;  // the quoted cell being unescaped
  std::vector<Fixup> fixups_;
  BlockScanner scanner_;
};

}  // namespace pitwall::io::csv_detail
