#pragma once
// TomlSection: typed, located reading of a TOML table for Pitwall's configuration files
// (campaign, metric definition, win-back programme). toml++ stays inside toml_reader.cpp.
//
// Every getter records the key as known; finish() then reports the first unknown key of the
// section. Every error names the file, the line and the dotted key, and says what was expected:
//   campaign.toml:12: rebate.rate: expected a rate like 0.05 or "5%", found a string "five"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/base/rate.hpp"
#include "core/base/result.hpp"

namespace pitwall::io {

class TomlSection;

// The refusal of text toml++ cannot parse (catalogue key "toml.syntax"): file and line as the
// location, the column and the parser's own (English) description as the message's arguments.
core::Error toml_syntax_error(std::string_view file, int64_t line, int64_t column,
                              std::string_view detail);

class TomlDocument {
 public:
  // Parses TOML text; syntax errors name the file, line and column.
  static core::Result<TomlDocument> parse(std::string_view text, std::string_view file);
  TomlSection root() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Yuan in a TOML file -> Money through the one amount parser (io/text/fields.hpp: digit by
// digit, never through double, at most two decimals): `text` is a string value as written
// ("1234.50", "1,234.50", "¥1234.5") or a number's text (an integer's digits, a float's shortest
// round-trip form, "1234.5"). From 0 to TomlSection::kMaxYuan yuan. Errors are keyed, without a
// location (the caller adds the file, line and key).
core::Result<core::Money> toml_yuan(std::string_view text);

class TomlSection {
 public:
  core::Result<std::string> required_string(std::string_view key);
  core::Result<std::string> string(std::string_view key, std::string fallback);
  core::Result<std::string> choice(std::string_view key, const std::vector<std::string>& allowed,
                                   std::string fallback);
  core::Result<std::string> required_choice(std::string_view key,
                                            const std::vector<std::string>& allowed);
  // Arrays of strings; with `allowed` non-empty every element must be one of them.
  core::Result<std::vector<std::string>> strings(std::string_view key,
                                                 std::vector<std::string> fallback,
                                                 const std::vector<std::string>& allowed = {});
  core::Result<std::vector<std::string>> required_strings(
      std::string_view key, const std::vector<std::string>& allowed = {});
  // A whole number from `min` to `max` (by default a billion: counts, days and minutes of a
  // campaign never come near it, and a multiple of it in seconds stays far from overflow).
  core::Result<int64_t> integer(std::string_view key, int64_t fallback, int64_t min,
                                int64_t max = kMaxInteger);
  core::Result<double> real(std::string_view key, double fallback, double min, double max);
  core::Result<bool> boolean(std::string_view key, bool fallback);
  // A rate from `min` to `max` (by default 0 to 1): 0.05, 0 or 1, or a string "5%"; at most 4
  // decimal places, exactly (a number that is not finite, or too small to be a rate of 4
  // places, is refused, never rounded to 0).
  core::Result<core::Rate> rate(std::string_view key, core::Rate fallback,
                                core::Rate min = core::Rate::from_basis(0),
                                core::Rate max = core::Rate::from_basis(core::Rate::kScale));
  // Yuan: 1234.5, 1234, or a string "1234.50"; at most 2 decimal places, at most kMaxYuan in
  // size, finite; negative amounts refused.
  core::Result<core::Money> money(std::string_view key, core::Money fallback);

  static constexpr int64_t kMaxInteger = 1'000'000'000;
  static constexpr int64_t kMaxYuan = 10'000'000'000;  // ten billion yuan
  // A local time ("2023-03-01 00:00:00", a TOML local date-time, or a date) in `zone`, or an
  // offset date-time; UTC seconds.
  core::Result<int64_t> required_local_time(std::string_view key, const core::TimeZone& zone);
  core::Result<int64_t> local_time(std::string_view key, const core::TimeZone& zone,
                                   int64_t fallback);
  // A sub-table; nullopt when absent; an error when the key is not a table.
  core::Result<std::optional<TomlSection>> section(std::string_view key);
  bool has(std::string_view key) const;

  // Error for the first key of this section that no getter asked for.
  core::Status finish() const;
  // An error located at `key` of this section (its line, or the section's when absent).
  core::Error error_at(std::string_view key, std::string message) const;
  // The same for a keyed message (core::Error::key): `msg_key` with `args`, `english` beside.
  core::Error error_at(std::string_view key, std::string msg_key,
                       std::vector<core::MessageArg> args, std::string english) const;

 private:
  friend class TomlDocument;
  struct Node;
  TomlSection(std::shared_ptr<const void> doc, const void* table, std::string prefix,
              std::string file);
  const void* find(std::string_view key);
  std::string dotted(std::string_view key) const;
  core::Error type_error(std::string_view key, const void* node, std::string_view expected) const;
  // The refusal of a missing required key: the unknown key of this section that looks like a
  // typo of it when there is one (named with its line), else "required key is missing".
  core::Error missing(std::string_view key, std::string msg_key, std::vector<core::MessageArg> args,
                      std::string english) const;
  core::Result<int64_t> time_of(std::string_view key, const void* node,
                                const core::TimeZone& zone) const;

  std::shared_ptr<const void> doc_;
  const void* table_;
  std::string prefix_;
  std::string file_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace pitwall::io
