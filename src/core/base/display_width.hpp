#pragma once
// Display width of text on a terminal or in a spreadsheet column: East Asian Wide and Fullwidth
// characters (Unicode UAX #11: 门店, ＡＢ) count two columns, others one. Used to align --help's
// option column and to size workbook columns.

#include <string_view>

namespace pitwall::core {

// The width of the longest line of `text` (UTF-8; lines end at '\n').
int display_width(std::string_view text);

}  // namespace pitwall::core
