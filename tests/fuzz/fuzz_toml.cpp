// libFuzzer target for the TOML files users write (issue 22): campaign files, metric definition
// files and win-back programme files. The first byte picks the kind; the rest is the file.
//
// Checks, beyond "no crash, no hang (-timeout), no sanitizer report": a file is read or refused
// with an invalid-input error whose text is valid UTF-8; a campaign that is read has every number
// that decides money within its stated range (formats.md "Campaign file", issue 22 Deliver 3):
// rates 0..1, yuan 0..10^10, review and freeze days 0..3650, a start before its end; a definition
// that is read prints a normalised form that is valid UTF-8.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/encoding/utf8.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/toml/winback_file.hpp"

namespace pitwall::fuzz {

namespace {
constexpr int64_t kMaxFen = int64_t{1'000'000'000'000};  // 10^10 yuan

bool rate_ok(core::Rate r) { return r.basis() >= 0 && r.basis() <= 10'000; }
bool fen_ok(core::Money m) { return m.fen() >= 0 && m.fen() <= kMaxFen; }

std::string check_campaign(const core::Campaign& c) {
  if (!rate_ok(c.default_tax_rate) || !rate_ok(c.rebate.rate) || !rate_ok(c.split.inviter) ||
      !rate_ok(c.split.receiver) || !rate_ok(c.split.closer)) {
    return "a rate outside 0..1";
  }
  if (!fen_ok(c.cost) || !fen_ok(c.rebate.per_order) || !fen_ok(c.validation.min_paid) ||
      !fen_ok(c.validation.max_paid)) {
    return "an amount outside 0..10^10 yuan";
  }
  if (c.review_days < 0 || c.review_days > 3650 || c.freeze_days < 0 || c.freeze_days > 3650) {
    return "review or freeze days outside 0..3650";
  }
  if (c.start > c.end) return "the campaign starts after it ends";
  if (c.limits.per_vin < 0 || c.limits.per_customer < 0) return "a negative limit";
  return "";
}

template <typename T>
std::string refused_well(const core::Result<T>& r) {
  if (r) return "";
  if (r.error().code != core::ErrorCode::kInvalidInput) return "not an invalid-input error";
  if (!io::is_valid_utf8(r.error().to_string())) return "an error that is not UTF-8";
  return "";
}
}  // namespace

// Runs one input; returns "" or what went wrong.
std::string fuzz_toml_one(const uint8_t* data, size_t size) {
  if (size < 1) return "";
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto c = io::parse_campaign_file(text, "fuzz.toml");
      if (!c) return refused_well(c);
      return check_campaign(*c);
    }
    case 1: {
      auto d = io::parse_definition_file(text, "fuzz.toml");
      if (!d) return refused_well(d);
      if (!io::is_valid_utf8(d->normalised_json())) return "normalised form is not UTF-8";
      return "";
    }
    default: {
      auto p = io::parse_programme_file(text, "fuzz.toml");
      return refused_well(p);
    }
  }
}

}  // namespace pitwall::fuzz

#ifndef PITWALL_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string failure = pitwall::fuzz::fuzz_toml_one(data, size);
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_toml: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
#endif
