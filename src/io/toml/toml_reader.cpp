#include "io/toml/toml_reader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>

#include "core/base/nearest.hpp"
#include "io/text/fields.hpp"

namespace pitwall::io {

struct TomlDocument::Impl {
  toml::table table;
  std::string file;
};

namespace {
const toml::table& as_table(const void* p) { return *static_cast<const toml::table*>(p); }
const toml::node& as_node(const void* p) { return *static_cast<const toml::node*>(p); }

// What a key holds, for "expected X, found Y": a TOML literal, or the key of a kind's word.
core::MessageArg describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return {fmt::format("\"{}\"", *n.value<std::string>())};
    case toml::node_type::integer:
      return {fmt::format("{}", *n.value<int64_t>())};
    case toml::node_type::floating_point:
      return {fmt::format("{}", *n.value<double>())};
    case toml::node_type::boolean:
      return {*n.value<bool>() ? "true" : "false"};
    case toml::node_type::array:
      return core::key_arg("toml.found.array");
    case toml::node_type::table:
      return core::key_arg("toml.found.table");
    default:
      return core::key_arg("toml.found.time");
  }
}

std::string describe_english(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return fmt::format("the string \"{}\"", *n.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("the integer {}", *n.value<int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("the number {}", *n.value<double>());
    case toml::node_type::boolean:
      return *n.value<bool>() ? "true" : "false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

// The catalogue key of an expected kind named in English ("a string" -> "toml.expected.string").
core::MessageArg expected_arg(std::string_view expected) {
  struct Phrase {
    std::string_view english;
    std::string_view key;
  };
  static constexpr Phrase kPhrases[] = {
      {"a string", "toml.expected.string"},
      {"an array of strings", "toml.expected.strings"},
      {"an integer", "toml.expected.integer"},
      {"a number", "toml.expected.number"},
      {"true or false", "toml.expected.boolean"},
      {"a rate like 0.05 or \"5%\"", "toml.expected.rate"},
      {"an amount of yuan like 1234.50", "toml.expected.yuan"},
      {"a local time like \"2023-03-01 00:00:00\"", "toml.expected.local_time"},
      {"a table", "toml.expected.table"},
  };
  for (const Phrase& p : kPhrases) {
    if (p.english == expected) return core::key_arg(std::string(p.key));
  }
  return {std::string(expected)};
}

std::string joined(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

bool read_digits(std::string_view& s, size_t max, int32_t& out) {
  size_t n = 0;
  out = 0;
  while (n < max && n < s.size() && s[n] >= '0' && s[n] <= '9') out = out * 10 + (s[n++] - '0');
  if (n == 0) return false;
  s.remove_prefix(n);
  return true;
}

// "2023-03-01 00:00:00", "2023-03-01T00:00", "2023-03-01".
std::optional<core::CivilTime> parse_local(std::string_view s) {
  core::CivilTime t;
  if (!read_digits(s, 4, t.year) || s.empty() || (s[0] != '-' && s[0] != '/')) return {};
  s.remove_prefix(1);
  if (!read_digits(s, 2, t.month) || s.empty() || (s[0] != '-' && s[0] != '/')) return {};
  s.remove_prefix(1);
  if (!read_digits(s, 2, t.day)) return {};
  if (!s.empty()) {
    if (s[0] != ' ' && s[0] != 'T') return {};
    s.remove_prefix(1);
    if (!read_digits(s, 2, t.hour) || s.empty() || s[0] != ':') return {};
    s.remove_prefix(1);
    if (!read_digits(s, 2, t.minute)) return {};
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!read_digits(s, 2, t.second)) return {};
    }
  }
  if (!s.empty() || !core::is_valid_civil(t)) return {};
  return t;
}
}  // namespace

core::Error toml_syntax_error(std::string_view file, int64_t line, int64_t column,
                              std::string_view detail) {
  auto err = core::keyed_error(
      core::ErrorCode::kInvalidInput, "toml.syntax",
      {{fmt::format("{}", column)}, {std::string(detail)}},
      fmt::format("column {}: not valid TOML (the parser says: {})", column, detail));
  err.at_file(std::string(file)).at_line(line);
  return err;
}

core::Result<core::Money> toml_yuan(std::string_view text) {
  constexpr int64_t kMaxYuan = TomlSection::kMaxYuan;
  auto out_of_range = [&] {
    return core::keyed_error(core::ErrorCode::kInvalidInput, "toml.yuan_range",
                             {{fmt::format("{}", kMaxYuan)}, {std::string(text)}},
                             fmt::format("expected yuan from 0 to {}, found {}", kMaxYuan, text));
  };
  // A float's shortest form has an exponent only far from yuan: 1e+16 is too large, 1e-05 has
  // more than two decimals (and 0 is written "0").
  if (auto e = text.find("e");
      e != std::string_view::npos && text.find_first_of("0123456789") == 0) {
    if (text.substr(e + 1).starts_with("+")) return out_of_range();
    return core::keyed_error(
        core::ErrorCode::kInvalidInput, "toml.yuan_places", {{std::string(text)}},
        fmt::format("{} is not an amount in yuan with at most 2 decimals, 0 or more", text));
  }
  int64_t fen = TRY(parse_amount_fen(text));
  if (fen < 0 || fen > kMaxYuan * 100) return out_of_range();
  return core::Money::from_fen(fen);
}

core::Result<TomlDocument> TomlDocument::parse(std::string_view text, std::string_view file) {
  TomlDocument doc;
  doc.impl_ = std::make_shared<Impl>();
  doc.impl_->file = std::string(file);
  try {
    doc.impl_->table = toml::parse(text, std::string(file));
  } catch (const toml::parse_error& e) {
    return toml_syntax_error(file, e.source().begin.line, e.source().begin.column, e.description());
  }
  return doc;
}

TomlSection TomlDocument::root() const {
  return TomlSection(impl_, &impl_->table, "", impl_->file);
}

TomlSection::TomlSection(std::shared_ptr<const void> doc, const void* table, std::string prefix,
                         std::string file)
    : doc_(std::move(doc)), table_(table), prefix_(std::move(prefix)), file_(std::move(file)) {}

std::string TomlSection::dotted(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : fmt::format("{}.{}", prefix_, key);
}

const void* TomlSection::find(std::string_view key) {
  known_.insert(std::string(key));
  return as_table(table_).get(key);
}

bool TomlSection::has(std::string_view key) const { return as_table(table_).contains(key); }

core::Error TomlSection::error_at(std::string_view key, std::string message) const {
  return error_at(key, "", {}, std::move(message));
}

core::Error TomlSection::error_at(std::string_view key, std::string msg_key,
                                  std::vector<core::MessageArg> args, std::string english) const {
  auto e = core::invalid_input(std::move(english));
  e.key = std::move(msg_key);
  e.args = std::move(args);
  e.at_file(file_);
  const toml::node* n = as_table(table_).get(key);
  const auto& source = n ? n->source() : as_table(table_).source();
  if (source.begin.line > 0) e.at_line(source.begin.line);
  e.at_column(dotted(key));
  return e;
}

core::Error TomlSection::type_error(std::string_view key, const void* node,
                                    std::string_view expected) const {
  const toml::node& n = as_node(node);
  return error_at(key, "toml.type", {expected_arg(expected), describe(n)},
                  fmt::format("expected {}, found {}", expected, describe_english(n)));
}

core::Error TomlSection::missing(std::string_view key, std::string msg_key,
                                 std::vector<core::MessageArg> args, std::string english) const {
  const std::string wanted(key);
  for (const auto& [k, v] : as_table(table_)) {
    std::string name(k.str());
    if (known_.count(name)) continue;
    if (core::nearest_word(name, std::span<const std::string>(&wanted, 1)) != wanted) continue;
    return error_at(name, "toml.unknown_key_near", {{wanted}},
                    fmt::format("unknown key (did you mean {}?)", wanted));
  }
  return error_at(key, std::move(msg_key), std::move(args), std::move(english));
}

core::Status TomlSection::finish() const {
  const toml::node* first = nullptr;
  std::string first_key;
  for (const auto& [k, v] : as_table(table_)) {
    if (known_.count(k.str())) continue;
    if (!first || v.source().begin.line < first->source().begin.line) {
      first = &v;
      first_key = std::string(k.str());
    }
  }
  if (!first) return {};
  std::vector<std::string> names(known_.begin(), known_.end());
  std::string known = joined(names);
  std::string near = core::nearest_word(first_key, names);
  if (!near.empty()) {
    return error_at(first_key, "toml.unknown_key_near", {{near}},
                    fmt::format("unknown key (did you mean {}?)", near));
  }
  return error_at(first_key, "toml.unknown_key", {{known}},
                  fmt::format("unknown key (expected one of: {})", known));
}

core::Result<std::string> TomlSection::string(std::string_view key, std::string fallback) {
  const void* n = find(key);
  if (!n) return fallback;
  auto v = as_node(n).value<std::string>();
  if (!as_node(n).is_string() || !v) return type_error(key, n, "a string");
  return *v;
}

core::Result<std::string> TomlSection::required_string(std::string_view key) {
  if (!has(key)) {
    return missing(key, "toml.missing", {core::key_arg("toml.expected.string")},
                   "required key is missing (expected a string)");
  }
  return string(key, "");
}

core::Result<std::string> TomlSection::choice(std::string_view key,
                                              const std::vector<std::string>& allowed,
                                              std::string fallback) {
  std::string v = TRY(string(key, fallback));
  for (const auto& a : allowed) {
    if (a == v) return v;
  }
  std::string near = core::nearest_word(v, allowed);
  if (!near.empty()) {
    return error_at(key, "toml.not_allowed_near", {{v}, {near}, {joined(allowed)}},
                    fmt::format("\"{}\" is not allowed (did you mean {}? expected one of: {})", v,
                                near, joined(allowed)));
  }
  return error_at(key, "toml.not_allowed", {{v}, {joined(allowed)}},
                  fmt::format("\"{}\" is not allowed (expected one of: {})", v, joined(allowed)));
}

core::Result<std::string> TomlSection::required_choice(std::string_view key,
                                                       const std::vector<std::string>& allowed) {
  if (!has(key)) {
    return missing(key, "toml.missing_one_of", {{joined(allowed)}},
                   fmt::format("required key is missing (expected one of: {})", joined(allowed)));
  }
  return choice(key, allowed, "");
}

core::Result<std::vector<std::string>> TomlSection::strings(
    std::string_view key, std::vector<std::string> fallback,
    const std::vector<std::string>& allowed) {
  const void* n = find(key);
  if (!n) return fallback;
  const toml::array* arr = as_node(n).as_array();
  if (!arr) return type_error(key, n, "an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *arr) {
    auto v = e.value<std::string>();
    if (!e.is_string() || !v) return type_error(key, &e, "an array of strings");
    if (!allowed.empty()) {
      bool ok = false;
      for (const auto& a : allowed) ok = ok || a == *v;
      if (!ok) {
        return error_at(
            key, "toml.not_allowed_any", {{*v}, {joined(allowed)}},
            fmt::format("\"{}\" is not allowed (expected any of: {})", *v, joined(allowed)));
      }
    }
    out.push_back(*v);
  }
  return out;
}

core::Result<std::vector<std::string>> TomlSection::required_strings(
    std::string_view key, const std::vector<std::string>& allowed) {
  if (!has(key)) {
    return missing(key, "toml.missing", {core::key_arg("toml.expected.strings")},
                   "required key is missing (expected an array of strings)");
  }
  auto v = TRY(strings(key, {}, allowed));
  if (v.empty()) return error_at(key, "toml.at_least_one", {}, "expected at least one value");
  return v;
}

core::Result<int64_t> TomlSection::integer(std::string_view key, int64_t fallback, int64_t min,
                                           int64_t max) {
  const void* n = find(key);
  if (!n) return fallback;
  if (!as_node(n).is_integer()) return type_error(key, n, "an integer");
  int64_t v = *as_node(n).value<int64_t>();
  if (v < min || v > max) {
    return error_at(key, "toml.integer_range",
                    {{fmt::format("{}", min)}, {fmt::format("{}", max)}, {fmt::format("{}", v)}},
                    fmt::format("expected an integer from {} to {}, found {}", min, max, v));
  }
  return v;
}

core::Result<double> TomlSection::real(std::string_view key, double fallback, double min,
                                       double max) {
  const void* n = find(key);
  if (!n) return fallback;
  if (!as_node(n).is_number()) return type_error(key, n, "a number");
  double v = *as_node(n).value<double>();
  if (!(v >= min && v <= max)) {
    return error_at(key, "toml.number_range",
                    {{fmt::format("{}", min)}, {fmt::format("{}", max)}, {fmt::format("{}", v)}},
                    fmt::format("expected a number from {} to {}, found {}", min, max, v));
  }
  return v;
}

core::Result<bool> TomlSection::boolean(std::string_view key, bool fallback) {
  const void* n = find(key);
  if (!n) return fallback;
  if (!as_node(n).is_boolean()) return type_error(key, n, "true or false");
  return *as_node(n).value<bool>();
}

core::Result<core::Rate> TomlSection::rate(std::string_view key, core::Rate fallback,
                                           core::Rate min, core::Rate max) {
  const void* n = find(key);
  if (!n) return fallback;
  const toml::node& node = as_node(n);
  core::Rate r;
  if (node.is_string()) {
    auto parsed = core::Rate::parse(*node.value<std::string>());
    if (!parsed) {
      core::Error e = error_at(key, parsed.error().message);
      e.key = parsed.error().key;
      e.args = parsed.error().args;
      return e;
    }
    r = *parsed;
  } else {
    if (!node.is_number()) return type_error(key, n, "a rate like 0.05 or \"5%\"");
    double v = *node.value<double>();
    if (!std::isfinite(v)) {
      return error_at(key, "toml.not_rate", {{fmt::format("{}", v)}},
                      fmt::format("{} is not a rate (expected a number like 0.0525)", v));
    }
    double scaled = v * core::Rate::kScale;
    double rounded = std::round(scaled);
    // A value too large to count (beyond any range) or not a whole number of ten-thousandths:
    // 1e-30 is not 0, and 0.00005 is not 0.0001.
    if (std::fabs(rounded) > 1e12 || std::fabs(scaled - rounded) > 1e-6 ||
        (v != 0 && rounded == 0)) {
      return error_at(key, "toml.rate_places", {{fmt::format("{}", v)}},
                      fmt::format("{} is not an exact rate of at most 4 decimal places "
                                  "(expected a rate like 0.0525)",
                                  v));
    }
    r = core::Rate::from_basis(static_cast<int64_t>(rounded));
  }
  if (r.basis() < min.basis() || r.basis() > max.basis()) {
    return error_at(key, "toml.rate_range", {{min.to_string()}, {max.to_string()}, {r.to_string()}},
                    fmt::format("expected a rate from {} to {}, found {}", min.to_string(),
                                max.to_string(), r.to_string()));
  }
  return r;
}

core::Result<core::Money> TomlSection::money(std::string_view key, core::Money fallback) {
  const void* n = find(key);
  if (!n) return fallback;
  const toml::node& node = as_node(n);
  std::string text;
  if (node.is_string()) {
    text = *node.value<std::string>();
  } else if (node.is_integer()) {
    text = fmt::format("{}", *node.value<int64_t>());
  } else if (node.is_floating_point()) {
    text = fmt::format("{}", *node.value<double>());  // shortest round-trip: 0.1 is "0.1"
  } else {
    return type_error(key, n, "an amount of yuan like 1234.50");
  }
  auto yuan = toml_yuan(text);
  if (!yuan) {
    const core::Error& e = yuan.error();
    return error_at(key, e.key, e.args, e.message);
  }
  return *yuan;
}

core::Result<int64_t> TomlSection::time_of(std::string_view key, const void* n,
                                           const core::TimeZone& zone) const {
  const toml::node& node = as_node(n);
  constexpr std::string_view kExpected = "a local time like \"2023-03-01 00:00:00\"";
  if (node.is_string()) {
    auto local = parse_local(*node.value<std::string>());
    if (!local) return type_error(key, n, kExpected);
    return zone.to_utc(*local);
  }
  if (node.is_date()) {
    auto d = *node.value<toml::date>();
    return zone.to_utc(core::CivilTime{d.year, d.month, d.day, 0, 0, 0});
  }
  if (node.is_date_time()) {
    auto dt = *node.value<toml::date_time>();
    core::CivilTime t{dt.date.year, dt.date.month,  dt.date.day,
                      dt.time.hour, dt.time.minute, dt.time.second};
    if (!core::is_valid_civil(t)) return type_error(key, n, kExpected);
    if (dt.offset) return core::seconds_from_civil(t) - int64_t{dt.offset->minutes} * 60;
    return zone.to_utc(t);
  }
  return type_error(key, n, kExpected);
}

core::Result<int64_t> TomlSection::required_local_time(std::string_view key,
                                                       const core::TimeZone& zone) {
  const void* n = find(key);
  if (!n) {
    return missing(key, "toml.missing", {core::key_arg("toml.expected.local_time")},
                   "required key is missing (expected a local time like "
                   "\"2023-03-01 00:00:00\")");
  }
  return time_of(key, n, zone);
}

core::Result<int64_t> TomlSection::local_time(std::string_view key, const core::TimeZone& zone,
                                              int64_t fallback) {
  const void* n = find(key);
  if (!n) return fallback;
  return time_of(key, n, zone);
}

core::Result<std::optional<TomlSection>> TomlSection::section(std::string_view key) {
  const void* n = find(key);
  if (!n) return std::optional<TomlSection>();
  const toml::table* t = as_node(n).as_table();
  if (!t) return type_error(key, n, "a table");
  return std::optional<TomlSection>(TomlSection(doc_, t, dotted(key), file_));
}

}  // namespace pitwall::io
