#include "io/encoding/encoding.hpp"

#include <fmt/format.h>

#include "io/encoding/utf8.hpp"

namespace pitwall::io {

namespace {
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
}  // namespace

size_t bom_size(std::string_view bytes, Encoding encoding) {
  if (encoding != Encoding::kGb18030 && bytes.starts_with(kUtf8Bom)) return kUtf8Bom.size();
  if (encoding != Encoding::kUtf8 && bytes.starts_with(kGb18030Bom)) return kGb18030Bom.size();
  return 0;
}

DetectedEncoding detect_encoding(std::string_view sample, bool whole_file) {
  if (sample.starts_with(kUtf8Bom)) return {Encoding::kUtf8, kUtf8Bom.size(), false};
  if (sample.starts_with(kGb18030Bom)) return {Encoding::kGb18030, kGb18030Bom.size(), false};
  if (is_ascii(sample)) return {Encoding::kUtf8, 0, true};
  size_t valid = utf8_valid_prefix(sample);
  if (valid == sample.size()) return {Encoding::kUtf8, 0, false};
  if (!whole_file && sample.size() - valid <= 3 && is_utf8_sequence_start(sample.substr(valid))) {
    return {Encoding::kUtf8, 0, false};
  }
  return {Encoding::kGb18030, 0, false};
}

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::kAuto:
      return "auto";
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "auto";
}

core::Result<Encoding> parse_encoding_name(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != '-' && c != '_' && c != ' ') key.push_back(ascii_lower(c));
  }
  if (key == "auto" || key.empty()) return Encoding::kAuto;
  if (key == "utf8") return Encoding::kUtf8;
  if (key == "gb18030" || key == "gbk" || key == "gb2312" || key == "cp936") {
    return Encoding::kGb18030;
  }
  return core::invalid_input(
      fmt::format("unknown encoding \"{}\" (expected auto, utf-8, gb18030 or gbk)", name));
}

std::string describe_bytes(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < 4; ++i) {
    if (i > 0) out.push_back(' ');
    out += fmt::format("{:02X}", static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

core::Status check_text(std::string_view head) {
  size_t nul = head.find('\0');
  if (nul == std::string_view::npos) return {};
  return core::keyed_error(
      core::ErrorCode::kInvalidInput, "io.not_text", {{std::to_string(nul)}},
      fmt::format(
          "not a text file (byte {} is 00): a program, picture or archive, or text saved as "
          "UTF-16 (expected CSV saved as UTF-8 or GBK)",
          nul));
}

}  // namespace pitwall::io
