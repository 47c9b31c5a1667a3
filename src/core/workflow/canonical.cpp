#include "core/workflow/canonical.hpp"

#include <fmt/format.h>

namespace pitwall::core::workflow {

CanonicalLine& CanonicalLine::text(std::string_view value) {
  if (!first_) out_.push_back('\t');
  first_ = false;
  for (char c : value) {
    switch (c) {
      case '\t':
        out_ += "\\t";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      default:
        out_.push_back(c);
    }
  }
  return *this;
}

CanonicalLine& CanonicalLine::number(int64_t value) {
  if (!first_) out_.push_back('\t');
  first_ = false;
  fmt::format_to(std::back_inserter(out_), "{}", value);
  return *this;
}

}  // namespace pitwall::core::workflow
