#pragma once
// The "parts" form of an XLSX fuzz input (fuzz_xlsx, fuzz_import): up to five parts separated by
// "\n@@\n" — workbook.xml, its .rels, sheet1.xml, sharedStrings.xml, styles.xml — which the
// target zips itself, so that mutations reach the XML code rather than the zip's bytes.
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::fuzz {

inline constexpr const char* kXlsxPartNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                 "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                                 "xl/styles.xml"};

// The five parts of `input` (missing ones empty), in kXlsxPartNames' order.
inline std::vector<std::string> split_xlsx_parts(std::string_view input) {
  std::vector<std::string> parts;
  constexpr std::string_view kSeparator = "\n@@\n";
  while (parts.size() < 4) {
    size_t at = input.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.emplace_back(input.substr(0, at));
    input.remove_prefix(at + kSeparator.size());
  }
  parts.emplace_back(input);
  parts.resize(std::size(kXlsxPartNames));
  return parts;
}

}  // namespace pitwall::fuzz
