#pragma once
// Helpers shared by the field parsers' .cpp files (internal to io/text/).

#include <string>
#include <string_view>

#include "core/base/result.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io::fields_detail {

// Trimmed, width-folded text of a cell: a view of the input when nothing needed folding, else of
// an inline buffer (a heap string only for cells of 192 bytes or more).
class FoldedText {
 public:
  explicit FoldedText(std::string_view text);
  FoldedText(const FoldedText&) = delete;
  FoldedText& operator=(const FoldedText&) = delete;
  std::string_view view() const { return view_; }

 private:
  char buffer_[192];
  std::string heap_;
  std::string_view view_;
};

// The matching key of a cell (normalize_header_key) in an inline buffer; empty when the cell is
// longer than the buffer (no word is that long).
class WordKey {
 public:
  explicit WordKey(std::string_view text);
  WordKey(const WordKey&) = delete;
  WordKey& operator=(const WordKey&) = delete;
  std::string_view view() const { return view_; }

 private:
  char buffer_[96];
  std::string_view view_;  // the trimmed input when it is already a key, else buffer_
};

// Width folding of `in` into `out` (room for in.size() bytes); returns the folded length.
size_t fold_width_into(std::string_view in, char* out);

// kInvalidInput: cannot read "<text>" as <what> (expected <expected>).
core::Error cannot_read(std::string_view text, std::string_view what, std::string_view expected);

// The error for an XLSX cell whose kind cannot stand for <what> (an error or boolean cell).
core::Error wrong_cell_kind(std::string_view text, CellKind kind, std::string_view what,
                            std::string_view expected);

// A double from the whole of `text` (fast_float); false when it is not a finite number.
bool read_double(std::string_view text, double& value);

}  // namespace pitwall::io::fields_detail
