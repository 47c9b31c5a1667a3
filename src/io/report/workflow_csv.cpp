#include "io/report/workflow_csv.hpp"

namespace pitwall::io {

namespace {

void append_field(std::string& out, const std::string& field) {
  bool quote = field.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_row(std::string& out, const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_field(out, row[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string csv_text(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  append_row(out, header);
  for (const auto& row : rows) append_row(out, row);
  return out;
}

}  // namespace pitwall::io
