#pragma once
// Canonical text lines for digests (sign-offs, the seal snapshot, the adjustment chain): fields
// separated by a tab, lines ended by a newline, and tab, newline, carriage return and backslash
// inside a field escaped, so that different contents can never give the same text.

#include <cstdint>
#include <string>
#include <string_view>

namespace pitwall::core::workflow {

class CanonicalLine {
 public:
  explicit CanonicalLine(std::string& out, std::string_view tag) : out_(out) { text(tag); }
  ~CanonicalLine() { out_.push_back('\n'); }
  CanonicalLine(const CanonicalLine&) = delete;
  CanonicalLine& operator=(const CanonicalLine&) = delete;

  CanonicalLine& text(std::string_view value);
  CanonicalLine& number(int64_t value);

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace pitwall::core::workflow
