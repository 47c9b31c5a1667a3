#include "io/report/column_part.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace pitwall::io {

namespace {
static_assert(std::endian::native == std::endian::little, "column parts are little-endian");

constexpr std::string_view kMagic{"PWCOLS\0\0", 8};
constexpr uint32_t kPartVersion = 1;
constexpr uint8_t kInts = 1, kTexts = 2;
constexpr size_t kPiece = size_t{4} << 20;

// The narrowest width holding [lo, hi]: unsigned when lo >= 0.
int width_for(int64_t lo, int64_t hi) {
  if (lo >= 0) {
    uint64_t h = static_cast<uint64_t>(hi);
    return h <= UINT8_MAX ? 1 : h <= UINT16_MAX ? 2 : h <= UINT32_MAX ? 4 : 8;
  }
  auto fits = [&](int64_t min, int64_t max) { return lo >= min && hi <= max; };
  return fits(INT8_MIN, INT8_MAX)     ? 1
         : fits(INT16_MIN, INT16_MAX) ? 2
         : fits(INT32_MIN, INT32_MAX) ? 4
                                      : 8;
}

uint64_t load(const char* p, int width) {
  uint64_t v = 0;
  std::memcpy(&v, p, static_cast<size_t>(width));
  return v;
}

// The low bytes of each value, little-endian, back to back.
template <typename Stored>
void store_as(const int64_t* values, size_t n, char* out) {
  for (size_t i = 0; i < n; ++i) {
    Stored v = static_cast<Stored>(values[i]);
    std::memcpy(out + i * sizeof(Stored), &v, sizeof(Stored));
  }
}

// Calls f(k, text) for each row of a text column whose lengths are `values` of one width.
// Returns -1, or the row whose text runs past the bytes, or the row count when bytes are left.
template <typename Stored, typename F>
int64_t walk_texts(std::string_view values, std::string_view text, F& f) {
  int64_t rows = static_cast<int64_t>(values.size() / sizeof(Stored));
  uint64_t at = 0;
  for (int64_t k = 0; k < rows; ++k) {
    Stored n;
    std::memcpy(&n, values.data() + k * static_cast<int64_t>(sizeof(Stored)), sizeof(Stored));
    if (n > text.size() - at) return k;
    f(k, std::string_view(text.data() + at, n));
    at += n;
  }
  return at == text.size() ? -1 : rows;
}

template <typename F>
int64_t walk_texts(std::string_view values, int width, std::string_view text, F&& f) {
  switch (width) {  // one loop per width: each length is one load
    case 1:
      return walk_texts<uint8_t>(values, text, f);
    case 2:
      return walk_texts<uint16_t>(values, text, f);
    case 4:
      return walk_texts<uint32_t>(values, text, f);
    default:
      return walk_texts<uint64_t>(values, text, f);
  }
}

}  // namespace

ColumnPartWriter::ColumnPartWriter(Sink sink) : sink_(std::move(sink)) {
  out_.reserve(kPiece + 4096);
  out_.append(kMagic);
  fixed(kPartVersion, 4);
}

void ColumnPartWriter::fixed(uint64_t v, int width) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  out_.append(buf, static_cast<size_t>(width));
}

void ColumnPartWriter::hand_on() {
  if (out_.empty()) return;
  hash_.update(out_);
  written_ += static_cast<int64_t>(out_.size());
  if (status_) status_ = sink_(out_);
  out_.clear();
}

void ColumnPartWriter::header(std::string_view name, uint8_t kind, int64_t lo, int64_t hi,
                              size_t rows) {
  width_ = width_for(lo, hi);
  fixed(name.size(), 2);
  out_.append(name);
  out_.push_back(static_cast<char>(kind));
  out_.push_back(static_cast<char>(width_));
  out_.push_back(lo < 0 ? 1 : 0);
  fixed(rows, 8);
}

void ColumnPartWriter::begin_ints(std::string_view name, size_t rows, int64_t lo, int64_t hi) {
  header(name, kInts, lo, hi, rows);
}

void ColumnPartWriter::begin_texts(std::string_view name, size_t rows, int64_t longest,
                                   int64_t total) {
  header(name, kTexts, 0, longest, rows);
  fixed(static_cast<uint64_t>(total), 8);
}

void ColumnPartWriter::put_values(const int64_t* values, size_t n) {
  size_t at = out_.size();
  out_.resize(at + n * static_cast<size_t>(width_));
  char* p = out_.data() + at;
  switch (width_) {  // a fixed size per loop, so that each copy is one store
    case 1:
      store_as<uint8_t>(values, n, p);
      break;
    case 2:
      store_as<uint16_t>(values, n, p);
      break;
    case 4:
      store_as<uint32_t>(values, n, p);
      break;
    default:
      store_as<uint64_t>(values, n, p);
  }
  if (out_.size() >= kPiece) hand_on();
}

void ColumnPartWriter::put_lengths(const std::vector<uint32_t>& lengths) {
  int64_t batch[kBatch];
  for (size_t k = 0; k < lengths.size(); k += kBatch) {
    size_t n = std::min(lengths.size() - k, kBatch);
    for (size_t i = 0; i < n; ++i) batch[i] = lengths[k + i];
    put_values(batch, n);
  }
}

void ColumnPartWriter::put_bytes(std::string_view bytes) {
  out_.append(bytes);
  if (out_.size() >= kPiece) hand_on();
}

core::Result<PartDigest> ColumnPartWriter::finish() {
  fixed(0, 2);
  hand_on();
  if (!status_) return status_.error();
  return PartDigest{written_, hash_.hex_digest()};
}

core::Error ColumnPart::bad(std::string_view column, std::string_view what) const {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("stored close-out run: part {}{}{}: {}", part_,
                                      column.empty() ? "" : ", column ", column, what));
}

core::Result<ColumnPart> ColumnPart::parse(std::string_view bytes, std::string_view part) {
  ColumnPart out;
  out.part_ = std::string(part);
  if (bytes.size() < kMagic.size() + 4 || bytes.substr(0, kMagic.size()) != kMagic) {
    return out.bad("", "not a column part");
  }
  if (load(bytes.data() + kMagic.size(), 4) != kPartVersion) return out.bad("", "unknown version");
  size_t at = kMagic.size() + 4;
  auto take = [&](size_t n) -> const char* {
    if (bytes.size() - at < n) return nullptr;
    const char* p = bytes.data() + at;
    at += n;
    return p;
  };
  for (;;) {
    const char* p = take(2);
    if (!p) return out.bad("", "truncated");
    size_t name_length = load(p, 2);
    if (name_length == 0) break;
    const char* name = take(name_length);
    const char* head = name ? take(11) : nullptr;
    if (!head) return out.bad("", "truncated");
    std::string key(name, name_length);
    Column c;
    c.kind = static_cast<uint8_t>(head[0]);
    c.width = static_cast<uint8_t>(head[1]);
    c.is_signed = head[2] != 0;
    uint64_t rows = load(head + 3, 8);
    bool width_ok = c.width == 1 || c.width == 2 || c.width == 4 || c.width == 8;
    if ((c.kind != kInts && c.kind != kTexts) || !width_ok || rows > bytes.size()) {
      return out.bad(key, "malformed header");
    }
    c.rows = static_cast<int64_t>(rows);
    uint64_t text_bytes = 0;
    if (c.kind == kTexts) {
      const char* t = take(8);
      if (!t) return out.bad(key, "truncated");
      text_bytes = load(t, 8);
    }
    const char* values = take(rows * c.width);
    const char* text = values && text_bytes <= bytes.size() ? take(text_bytes) : nullptr;
    if (!values || !text) return out.bad(key, "truncated");
    c.values = std::string_view(values, rows * c.width);
    c.text = std::string_view(text, text_bytes);
    out.columns_[key] = c;
  }
  if (at != bytes.size()) return out.bad("", "bytes after the last column");
  return out;
}

int64_t ColumnPart::rows(std::string_view name) const {
  auto it = columns_.find(name);
  return it == columns_.end() ? -1 : it->second.rows;
}

core::Result<const ColumnPart::Column*> ColumnPart::find(std::string_view name, uint8_t kind,
                                                         int64_t rows) const {
  auto it = columns_.find(name);
  if (it == columns_.end()) return bad(name, "missing");
  if (it->second.kind != kind) return bad(name, "of the wrong kind");
  if (rows >= 0 && it->second.rows != rows) {
    return bad(name, fmt::format("{} rows where {} were expected", it->second.rows, rows));
  }
  return &it->second;
}

namespace {
// Copies a column's values of one width into `out`, checking [lo, hi].
template <typename Stored, typename T>
int64_t copy_checked(std::string_view values, int64_t lo, int64_t hi, std::vector<T>& out) {
  size_t n = values.size() / sizeof(Stored);
  out.resize(n);
  for (size_t k = 0; k < n; ++k) {
    Stored s;
    std::memcpy(&s, values.data() + k * sizeof(Stored), sizeof(Stored));
    int64_t v = static_cast<int64_t>(s);
    if (v < lo || v > hi) return static_cast<int64_t>(k);
    out[k] = static_cast<T>(v);
  }
  return -1;
}
}  // namespace

template <typename T>
core::Status ColumnPart::decode(std::string_view name, int64_t rows, int64_t lo, int64_t hi,
                                std::vector<T>& out) const {
  const Column& c = *TRY(find(name, kInts, rows));
  int64_t bad_row = -1;
  if (c.is_signed) {
    bad_row = c.width == 1   ? copy_checked<int8_t>(c.values, lo, hi, out)
              : c.width == 2 ? copy_checked<int16_t>(c.values, lo, hi, out)
              : c.width == 4 ? copy_checked<int32_t>(c.values, lo, hi, out)
                             : copy_checked<int64_t>(c.values, lo, hi, out);
  } else {
    // An unsigned 8-byte value above INT64_MAX reads as negative and fails the range check.
    bad_row = c.width == 1   ? copy_checked<uint8_t>(c.values, lo, hi, out)
              : c.width == 2 ? copy_checked<uint16_t>(c.values, lo, hi, out)
              : c.width == 4 ? copy_checked<uint32_t>(c.values, lo, hi, out)
                             : copy_checked<int64_t>(c.values, lo, hi, out);
  }
  if (bad_row >= 0) return bad(name, fmt::format("value out of range in row {}", bad_row));
  return {};
}

core::Status ColumnPart::ints(std::string_view name, int64_t rows, std::vector<int64_t>& out,
                              int64_t lo, int64_t hi) const {
  return decode(name, rows, lo, hi, out);
}

core::Status ColumnPart::ints(std::string_view name, int64_t rows, std::vector<uint32_t>& out,
                              int64_t hi) const {
  return decode(name, rows, 0, hi, out);
}

core::Status ColumnPart::ints(std::string_view name, int64_t rows, std::vector<uint8_t>& out,
                              int64_t hi) const {
  return decode(name, rows, 0, hi, out);
}

core::Status ColumnPart::texts(std::string_view name, int64_t rows,
                               const std::vector<size_t>& wanted,
                               const std::function<void(size_t, std::string_view)>& take) const {
  const Column& c = *TRY(find(name, kTexts, rows));
  size_t next = 0;
  int64_t bad_row = walk_texts(c.values, c.width, c.text, [&](int64_t k, std::string_view v) {
    if (next < wanted.size() && wanted[next] == static_cast<size_t>(k)) take(next++, v);
  });
  return texts_checked(name, c, bad_row);
}

core::Status ColumnPart::texts(std::string_view name, int64_t rows,
                               std::vector<std::string>& out) const {
  const Column& c = *TRY(find(name, kTexts, rows));
  out.resize(static_cast<size_t>(c.rows));
  int64_t bad_row = walk_texts(c.values, c.width, c.text, [&](int64_t k, std::string_view v) {
    out[static_cast<size_t>(k)].assign(v);
  });
  return texts_checked(name, c, bad_row);
}

core::Status ColumnPart::texts_checked(std::string_view name, const Column& c,
                                       int64_t bad_row) const {
  if (bad_row < 0) return {};
  if (bad_row == c.rows) return bad(name, "text bytes left over");
  return bad(name, fmt::format("text of row {} out of bounds", bad_row));
}

core::Status ColumnPart::codes(std::string_view name, int64_t rows,
                               std::vector<std::string>& tokens, std::vector<uint8_t>& out) const {
  TRY(texts(std::string(name) + ".tokens", -1, tokens));
  if (tokens.empty() && (rows > 0 || this->rows(name) > 0)) return bad(name, "no tokens");
  return ints(name, rows, out, tokens.empty() ? 0 : static_cast<int64_t>(tokens.size()) - 1);
}

}  // namespace pitwall::io
