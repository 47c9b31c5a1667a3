#include "io/csv/row_parser.hpp"

#include <cstring>

#include "io/encoding/encoding.hpp"
#include "io/encoding/gb18030.hpp"
#include "io/encoding/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pitwall::io::csv_detail {

namespace {

// First byte in [p, e) that is `special`, '\n' or '\r' (e when none). Sets `high` when a byte
// before it is >= 0x80. SSE2 compares 16 bytes at a time; high bytes come from the same load's
// sign bits, so cells need no second pass to know whether they must be transcoded.
inline const char* find_special(const char* p, const char* e, char special, bool& high) {
#if defined(__SSE2__)
  const __m128i want_special = _mm_set1_epi8(special);
  const __m128i want_lf = _mm_set1_epi8('\n');
  const __m128i want_cr = _mm_set1_epi8('\r');
  while (e - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, want_special), _mm_cmpeq_epi8(v, want_lf)),
                     _mm_cmpeq_epi8(v, want_cr));
    auto hits = static_cast<unsigned>(_mm_movemask_epi8(hit));
    auto highs = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (hits != 0) {
      unsigned index = static_cast<unsigned>(__builtin_ctz(hits));
      if (highs & ((1u << index) - 1)) high = true;
      return p + index;
    }
    if (highs != 0) high = true;
    p += 16;
  }
#endif
  for (; p < e; ++p) {
    char c = *p;
    if (c == special || c == '\n' || c == '\r') return p;
    if (static_cast<unsigned char>(c) >= 0x80) high = true;
  }
  return e;
}

}  // namespace

// Bit masks of the special and high bytes of the 64 bytes from start_ (fewer at the end of the
// input, where the missing bytes count as neither), so that finding the ends of several short
// cells costs one set of loads instead of one per cell.
const char* RowParser::BlockScanner::find(const char* p, const char* e, bool& high) {
  while (true) {
    if (!loaded_ || p < start_ || p - start_ >= 64) load(p, e);
    auto shift = static_cast<unsigned>(p - start_);
    uint64_t specials = special_ >> shift;
    uint64_t highs = high_ >> shift;
    if (specials != 0) {
      auto index = static_cast<unsigned>(__builtin_ctzll(specials));
      if (highs & ((uint64_t{1} << index) - 1)) high = true;
      return p + index;
    }
    if (highs != 0) high = true;
    if (e - start_ <= 64) return e;
    p = start_ + 64;
  }
}

void RowParser::BlockScanner::load(const char* p, const char* e) {
  start_ = p;
  loaded_ = true;
  char padded[64];
  const char* block = p;
  if (e - p < 64) {
    std::memset(padded, 0, sizeof padded);
    std::memcpy(padded, p, static_cast<size_t>(e - p));
    block = padded;
  }
#if defined(__SSE2__)
  const __m128i want_separator = _mm_set1_epi8(separator_);
  const __m128i want_lf = _mm_set1_epi8('\n');
  const __m128i want_cr = _mm_set1_epi8('\r');
  uint64_t specials = 0;
  uint64_t highs = 0;
  for (int i = 0; i < 4; ++i) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
    __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, want_separator), _mm_cmpeq_epi8(v, want_lf)),
                     _mm_cmpeq_epi8(v, want_cr));
    specials |= static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit))) << (16 * i);
    highs |= static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << (16 * i);
  }
#else
  uint64_t specials = 0;
  uint64_t highs = 0;
  for (int i = 0; i < 64; ++i) {
    char c = block[i];
    if (c == separator_ || c == '\n' || c == '\r') specials |= uint64_t{1} << i;
    if (static_cast<unsigned char>(c) >= 0x80) highs |= uint64_t{1} << i;
  }
#endif
  if (e - p < 64) {
    uint64_t valid = (uint64_t{1} << (e - p)) - 1;
    specials &= valid;
    highs &= valid;
  }
  special_ = specials;
  high_ = highs;
}

namespace {

bool is_blank(std::string_view cell) {
  for (char c : cell) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

}  // namespace

void RowParser::add_arena_cell(size_t offset, std::vector<std::string_view>& cells) {
  fixups_.push_back({static_cast<uint32_t>(cells.size()), static_cast<uint32_t>(offset),
                     static_cast<uint32_t>(arena_.size() - offset)});
  cells.emplace_back();
}

void RowParser::add_cell(std::string_view text, bool in_scratch, bool high, RowResult& result,
                         std::vector<std::string_view>& cells) {
  if (!high && !in_scratch) {
    cells.push_back(text);
    return;
  }
  auto keep = [&] {
    if (!in_scratch) {
      cells.push_back(text);
      return;
    }
    size_t offset = arena_.size();
    arena_.append(text);
    add_arena_cell(offset, cells);
  };
  auto note_bad = [&](size_t at) {
    if (result.bad_column >= 0) return;
    result.bad_column = static_cast<int>(cells.size());
    result.bad_bytes = describe_bytes(text.substr(at, 4));
  };
  if (!high) return keep();
  if (mode_ == TextMode::kGb18030) {
    size_t offset = arena_.size();
    size_t bad = gb18030_decode_append(text, arena_);
    if (bad != kNoBadByte) note_bad(bad);
    return add_arena_cell(offset, cells);
  }
  size_t valid = utf8_valid_prefix(text);
  if (valid == text.size()) {
    mode_ = TextMode::kUtf8;
    return keep();
  }
  if (mode_ == TextMode::kAsciiSoFar) {
    // The first non-ASCII cell of an all-ASCII sample decides: GB18030 if it reads as such.
    std::string decoded;
    if (gb18030_decode_append(text, decoded) == kNoBadByte) {
      mode_ = TextMode::kGb18030;
      size_t offset = arena_.size();
      arena_.append(decoded);
      return add_arena_cell(offset, cells);
    }
  }
  note_bad(valid);
  keep();
}

const char* RowParser::parse_quoted(const char* p, const char* e, bool at_eof, RowResult& result,
                                    std::vector<std::string_view>& cells) {
  auto stop = [&] {
    result.end = at_eof ? RowEnd::kUnterminated : RowEnd::kNeedMore;
    return nullptr;
  };
  const char* segment = p + 1;  // start of the text not yet copied to scratch_
  const char* q = segment;
  const char* content_end = nullptr;
  bool high = false;
  bool in_scratch = false;
  while (content_end == nullptr) {
    const char* s = find_special(q, e, '"', high);
    if (s == e) return stop();
    if (*s == '\n') {
      ++result.line_breaks;
      q = s + 1;
    } else if (*s == '\r') {
      if (s + 1 == e) return stop();
      if (s[1] != '\n') ++result.line_breaks;
      q = s + 1;
    } else if (s + 1 == e && !at_eof) {
      return stop();  // a doubled quote may follow
    } else if (s + 1 < e && s[1] == '"') {
      if (!in_scratch) scratch_.clear();
      scratch_.append(segment, s + 1);
      in_scratch = true;
      q = segment = s + 2;
    } else {
      content_end = s;
    }
  }
  if (in_scratch) scratch_.append(segment, content_end);
  p = content_end + 1;
  if (p < e && *p != separator_ && *p != '\n' && *p != '\r') {
    // Text after the closing quote: kept literally (`"abc"def` reads as abcdef).
    const char* t = find_special(p, e, separator_, high);
    if (t == e && !at_eof) return stop();
    if (!in_scratch) scratch_.assign(segment, content_end);
    scratch_.append(p, t);
    in_scratch = true;
    p = t;
  }
  std::string_view text =
      in_scratch ? std::string_view(scratch_) : std::string_view(segment, content_end - segment);
  add_cell(text, in_scratch, high, result, cells);
  return p;
}

RowResult RowParser::parse(const char* data, size_t begin, size_t end, bool at_eof,
                           std::vector<std::string_view>& cells) {
  cells.clear();
  arena_.clear();
  fixups_.clear();
  scanner_.reset();
  RowResult result;
  const char* p = data + begin;
  const char* e = data + end;
  while (true) {
    if (p < e && *p == '"') {
      p = parse_quoted(p, e, at_eof, result, cells);
      if (p == nullptr) return result;
    } else {
      bool high = false;
      const char* q = scanner_.find(p, e, high);
      if (q == e && !at_eof) {
        result.end = RowEnd::kNeedMore;
        return result;
      }
      if (high) {
        add_cell(std::string_view(p, q - p), false, high, result, cells);
      } else {
        cells.emplace_back(p, static_cast<size_t>(q - p));
      }
      p = q;
    }
    if (p == e) {
      result.next = end;
      break;
    }
    if (*p == separator_) {
      ++p;
      continue;
    }
    if (*p == '\r' && p + 1 == e && !at_eof) {
      result.end = RowEnd::kNeedMore;  // a '\n' may follow
      return result;
    }
    bool crlf = *p == '\r' && p + 1 < e && p[1] == '\n';
    result.next = static_cast<size_t>(p - data) + (crlf ? 2 : 1);
    ++result.line_breaks;
    break;
  }
  for (const Fixup& f : fixups_)
    cells[f.cell] = std::string_view(arena_.data() + f.offset, f.length);
  result.blank = true;
  for (std::string_view cell : cells) {
    if (!is_blank(cell)) {
      result.blank = false;
      break;
    }
  }
  return result;
}

}  // namespace pitwall::io::csv_detail
