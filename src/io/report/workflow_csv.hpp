#pragma once
// Recipient lists of the closing communications (closeout.md "Closing gracefully") as CSV for a
// messaging platform: UTF-8 with a byte-order mark (so Excel shows Chinese correctly), CRLF line
// ends, fields quoted when they hold a comma, quote, CR or LF (RFC 4180).

#include <string>
#include <vector>

namespace pitwall::io {

std::string csv_text(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows);

}  // namespace pitwall::io
