#pragma once
// Binary column parts: the per-order parts of a stored close-out run (docs/closeout.md "Stored
// run", format_version 2) — named columns of integers or texts in one byte string, written in
// one pass per column through a sink and read back by name.
//
// Layout (all integers little-endian):
//   part   := "PWCOLS\0\0" u32 version (1) column* u16 0
//   column := u16 name_length name u8 kind (1 integers, 2 texts) u8 width (1, 2, 4, 8)
//             u8 is_signed u64 rows [texts: u64 text_bytes] values [texts: text]
// Integers are stored in the narrowest width that holds every value of the column (unsigned
// when none is negative). A text column stores the byte length of each text as its values,
// then the texts back to back. Columns of one part may differ in length.
//
// The writer picks widths and lengths in a first pass over the values (`get` is called two or
// three times per row: keep it cheap); it hashes what it writes (SHA-256) and counts the bytes,
// which the stored run's document records so that a reader detects a truncated or altered part.
// The reader checks the frame (magic, bounds of every column) before any column is used;
// errors are kCorrupt and name the part and the column.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"
#include "core/base/sha256.hpp"

namespace pitwall::io {

// What a finished part was: its size and SHA-256 (lower-case hex).
struct PartDigest {
  int64_t bytes = 0;
  std::string sha256;
};

class ColumnPartWriter {
 public:
  using Sink = std::function<core::Status(std::string_view)>;
  // Pieces of a few MB go to `sink` as they fill; nothing is written before the first column.
  explicit ColumnPartWriter(Sink sink);
  ColumnPartWriter(const ColumnPartWriter&) = delete;
  ColumnPartWriter& operator=(const ColumnPartWriter&) = delete;

  // An integer column of `rows` values get(0) .. get(rows - 1).
  template <typename Get>
  void ints(std::string_view name, size_t rows, Get get) {
    int64_t lo = 0, hi = 0;
    for (size_t k = 0; k < rows; ++k) {
      int64_t v = static_cast<int64_t>(get(k));
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    begin_ints(name, rows, lo, hi);
    int64_t batch[kBatch];
    for (size_t k = 0; k < rows; k += kBatch) {
      size_t n = rows - k < kBatch ? rows - k : kBatch;
      for (size_t i = 0; i < n; ++i) batch[i] = static_cast<int64_t>(get(k + i));
      put_values(batch, n);
    }
  }
  // A text column of `rows` texts get(0) .. get(rows - 1) (anything a std::string_view holds).
  // `get` is called twice per row: the lengths (each under 4 GB) are kept between the passes.
  template <typename Get>
  void texts(std::string_view name, size_t rows, Get get) {
    std::vector<uint32_t> lengths(rows);
    int64_t total = 0, longest = 0;
    for (size_t k = 0; k < rows; ++k) {
      size_t n = std::string_view(get(k)).size();
      lengths[k] = static_cast<uint32_t>(n);
      total += static_cast<int64_t>(n);
      longest = static_cast<int64_t>(n) > longest ? static_cast<int64_t>(n) : longest;
    }
    begin_texts(name, rows, longest, total);
    put_lengths(lengths);
    for (size_t k = 0; k < rows; ++k) put_bytes(get(k));
  }
  // Small codes (0..255) with their tokens: the integer column `name` holds, per row, an index
  // into the text column "<name>.tokens", which lists the codes used, ascending, as token(code).
  template <typename Get, typename Token>
  void codes(std::string_view name, size_t rows, Get get, Token token) {
    bool used[256] = {};
    for (size_t k = 0; k < rows; ++k) used[static_cast<uint8_t>(get(k))] = true;
    uint8_t index[256] = {};
    std::vector<std::string_view> tokens;
    for (int c = 0; c < 256; ++c) {
      if (!used[c]) continue;
      index[c] = static_cast<uint8_t>(tokens.size());
      tokens.push_back(token(static_cast<uint8_t>(c)));
    }
    ints(name, rows, [&](size_t k) { return index[static_cast<uint8_t>(get(k))]; });
    texts(std::string(name) + ".tokens", tokens.size(), [&](size_t i) { return tokens[i]; });
  }

  // Ends the part and hands on what is left; its size and digest, or the sink's first error.
  core::Result<PartDigest> finish();

 private:
  static constexpr size_t kBatch = 1024;
  void begin_ints(std::string_view name, size_t rows, int64_t lo, int64_t hi);
  void begin_texts(std::string_view name, size_t rows, int64_t longest, int64_t total);
  void header(std::string_view name, uint8_t kind, int64_t lo, int64_t hi, size_t rows);
  void put_values(const int64_t* values, size_t n);
  void put_lengths(const std::vector<uint32_t>& lengths);
  void put_bytes(std::string_view bytes);
  void fixed(uint64_t v, int width);
  void hand_on();

  Sink sink_;
  std::string out_;
  core::Sha256 hash_;
  int64_t written_ = 0;
  core::Status status_;
  int width_ = 8;
};

// A part read back: the frame checked, columns by name (views into the bytes, which must
// outlive it).
class ColumnPart {
 public:
  // Errors: kCorrupt naming `part` (and the column) when the magic, version or a column's
  // bounds are wrong.
  static core::Result<ColumnPart> parse(std::string_view bytes, std::string_view part);

  // The integer column `name` into `out` (resized to its rows). Errors: kCorrupt when it is
  // missing, not `rows` long (when rows >= 0), or holds a value outside [lo, hi].
  core::Status ints(std::string_view name, int64_t rows, std::vector<int64_t>& out,
                    int64_t lo = INT64_MIN, int64_t hi = INT64_MAX) const;
  core::Status ints(std::string_view name, int64_t rows, std::vector<uint32_t>& out,
                    int64_t hi = UINT32_MAX) const;
  core::Status ints(std::string_view name, int64_t rows, std::vector<uint8_t>& out,
                    int64_t hi = UINT8_MAX) const;
  // The text column `name` into `out`.
  core::Status texts(std::string_view name, int64_t rows, std::vector<std::string>& out) const;
  // The texts of the rows `wanted` (ascending) of column `name`: take(j, text) for the j-th.
  core::Status texts(std::string_view name, int64_t rows, const std::vector<size_t>& wanted,
                     const std::function<void(size_t, std::string_view)>& take) const;
  // A codes column (ColumnPartWriter::codes) as its tokens per row: `tokens` gets the column's
  // token list, `out` the index into it per row.
  core::Status codes(std::string_view name, int64_t rows, std::vector<std::string>& tokens,
                     std::vector<uint8_t>& out) const;
  // Rows of column `name`, or -1 when absent.
  int64_t rows(std::string_view name) const;

 private:
  struct Column {
    uint8_t kind = 0, width = 0;
    bool is_signed = false;
    int64_t rows = 0;
    std::string_view values, text;
  };
  core::Result<const Column*> find(std::string_view name, uint8_t kind, int64_t rows) const;
  core::Error bad(std::string_view column, std::string_view what) const;
  // OK, or the error walk_texts reported (column_part.cpp).
  core::Status texts_checked(std::string_view name, const Column& c, int64_t bad_row) const;
  template <typename T>
  core::Status decode(std::string_view name, int64_t rows, int64_t lo, int64_t hi,
                      std::vector<T>& out) const;

  std::string part_;
  std::map<std::string, Column, std::less<>> columns_;
};

}  // namespace pitwall::io
