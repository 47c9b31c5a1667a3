#include "io/json/json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "io/encoding/utf8.hpp"

namespace pitwall::io {

Json Json::rounded(double v, int places) {
  double scale = std::pow(10.0, places);
  double r = std::round(v * scale) / scale;  // std::round: half away from zero
  if (r == 0) r = 0;                         // no "-0"
  Json j(r);
  j.places_ = places;
  return j;
}

Json& Json::set(std::string_view key, Json value) {
  PW_CHECK(type_ == Type::kObject || type_ == Type::kNull, "set on a non-object");
  type_ = Type::kObject;
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(std::string(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  PW_CHECK(type_ == Type::kArray || type_ == Type::kNull, "push on a non-array");
  type_ = Type::kArray;
  items_.push_back(std::move(value));
  return *this;
}

const Json* Json::find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string Json::get_string(std::string_view key, std::string fallback) const {
  const Json* j = find(key);
  return j && j->type_ == Type::kString ? j->string_ : fallback;
}
int64_t Json::get_int(std::string_view key, int64_t fallback) const {
  const Json* j = find(key);
  return j && j->is_number() ? j->as_int() : fallback;
}
double Json::get_double(std::string_view key, double fallback) const {
  const Json* j = find(key);
  return j && j->is_number() ? j->as_double() : fallback;
}
bool Json::get_bool(std::string_view key, bool fallback) const {
  const Json* j = find(key);
  return j && j->type_ == Type::kBool ? j->as_bool() : fallback;
}

namespace {
void append_escaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}
}  // namespace

// Always valid JSON: a byte that is not part of valid UTF-8 (a file name in GB18030, say) is
// written as U+FFFD.
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  while (!s.empty()) {
    size_t valid = utf8_valid_prefix(s);
    append_escaped(out, s.substr(0, valid));
    if (valid == s.size()) break;
    out += "\\ufffd";
    s.remove_prefix(valid + 1);
  }
  out.push_back('"');
}

namespace {
void newline(std::string& out, bool pretty, int indent) {
  if (!pretty) return;
  out.push_back('\n');
  out.append(static_cast<size_t>(indent) * 2, ' ');
}
}  // namespace

void Json::dump_to(std::string& out, bool pretty, int indent) const {
  switch (type_) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += int_ ? "true" : "false";
      break;
    case Type::kInt:
      out += fmt::format("{}", int_);
      break;
    case Type::kDouble:
      if (!std::isfinite(double_)) {
        out += "null";
      } else if (places_ >= 0) {
        std::string s = fmt::format("{:.{}f}", double_, places_);
        if (s.find('.') != std::string::npos) {
          while (s.back() == '0') s.pop_back();
          if (s.back() == '.') s.pop_back();
        }
        if (s == "-0") s = "0";
        out += s;
      } else {
        out += fmt::format("{}", double_);
      }
      break;
    case Type::kString:
      append_json_string(out, string_);
      break;
    case Type::kArray:
      out.push_back('[');
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out.push_back(',');
        newline(out, pretty, indent + 1);
        items_[i].dump_to(out, pretty, indent + 1);
      }
      if (!items_.empty()) newline(out, pretty, indent);
      out.push_back(']');
      break;
    case Type::kObject:
      out.push_back('{');
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i) out.push_back(',');
        newline(out, pretty, indent + 1);
        append_json_string(out, members_[i].first);
        out += pretty ? ": " : ":";
        members_[i].second.dump_to(out, pretty, indent + 1);
      }
      if (!members_.empty()) newline(out, pretty, indent);
      out.push_back('}');
      break;
  }
}

std::string Json::dump(bool pretty) const {
  std::string out;
  dump_to(out, pretty, 0);
  return out;
}

int64_t Json::double_to_int(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775807.0) return INT64_MAX;
  if (v <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(v);
}

namespace {
// Line and column (1-based) of a byte offset.
std::pair<int64_t, int64_t> line_column(std::string_view text, size_t offset) {
  int64_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}
}  // namespace

// Builds a Json straight from nlohmann's SAX events: no intermediate tree, no recursion (deep
// nesting cannot exhaust the stack), and each object's keys checked through a hash set (an
// object of 100,000 keys takes milliseconds, not the minutes a scan per key would).
class JsonBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return value(Json()); }
  bool boolean(bool b) override { return value(Json(b)); }
  bool number_integer(number_integer_t v) override { return value(Json(int64_t{v})); }
  bool number_unsigned(number_unsigned_t v) override {
    if (v > static_cast<number_unsigned_t>(INT64_MAX)) return fail("an integer beyond 2^63-1");
    return value(Json(static_cast<int64_t>(v)));
  }
  // -0 reads as 0: it would print as "-0.0" and read back as the integer 0, and a record must
  // print the same bytes every time it is read (its digest is over them).
  bool number_float(number_float_t v, const string_t&) override {
    return value(Json(v == 0 ? 0.0 : v));
  }
  bool string(string_t& v) override { return value(Json(std::move(v))); }
  bool binary(binary_t&) override { return fail("binary data"); }
  bool start_object(std::size_t) override { return open(Json::object()); }
  bool key(string_t& k) override {
    Frame& top = stack_.back();
    if (!top.keys.insert(k).second) return fail("the key \"" + k + "\" twice in one object");
    top.key = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    position_ = position;
    syntax_ = e.what();
    return false;
  }

  // The parsed document, or the error (a syntax error at `text`'s line and column).
  core::Result<Json> result(std::string_view text) {
    if (!syntax_.empty()) {
      auto [line, column] = line_column(text, position_ > 0 ? position_ - 1 : 0);
      auto err =
          core::invalid_input(fmt::format("column {}: not valid JSON ({})", column, syntax_));
      err.at_line(line);
      return err;
    }
    if (!refusal_.empty()) {
      return core::invalid_input(fmt::format("not accepted in JSON: {}", refusal_));
    }
    return std::move(root_);
  }

 private:
  struct Frame {
    Json container;
    std::string key;
    std::unordered_set<std::string> keys;
  };

  bool fail(std::string why) {
    refusal_ = std::move(why);
    return false;
  }
  bool value(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.container.type_ == Json::Type::kObject) {
      top.container.members_.emplace_back(std::move(top.key), std::move(v));
    } else {
      top.container.items_.push_back(std::move(v));
    }
    return true;
  }
  bool open(Json container) {
    if (stack_.size() >= static_cast<size_t>(Json::kMaxDepth)) {
      return fail(fmt::format("nesting deeper than {} levels", Json::kMaxDepth));
    }
    stack_.push_back({std::move(container), {}, {}});
    return true;
  }
  bool close() {
    Json done = std::move(stack_.back().container);
    stack_.pop_back();
    return value(std::move(done));
  }

  std::vector<Frame> stack_;
  Json root_;
  std::string refusal_;
  std::string syntax_;
  size_t position_ = 0;
};

core::Result<Json> Json::parse(std::string_view text) {
  JsonBuilder builder;
  (void)nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  return builder.result(text);
}

}  // namespace pitwall::io
