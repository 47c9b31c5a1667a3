#pragma once
// Json: a small JSON document type with keys in insertion order, for every command's --json
// result, the workflow records of the workspace, and reading them back.
//
// Output is deterministic: object keys keep the order they were set in (callers set them in a
// fixed order), integers print exactly, doubles in their shortest round-trip form, strings as
// UTF-8 with only the escapes JSON requires. Parsing (nlohmann/json inside json.cpp only) reports
// errors with line and column.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::io {

class Json {
 public:
  enum class Type : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::kBool), int_(b) {}
  Json(int v) : type_(Type::kInt), int_(v) {}
  Json(int64_t v) : type_(Type::kInt), int_(v) {}
  Json(uint32_t v) : type_(Type::kInt), int_(v) {}
  Json(uint64_t v) : type_(Type::kInt), int_(static_cast<int64_t>(v)) {}
  Json(double v) : type_(Type::kDouble), double_(v) {}
  Json(const char* s) : type_(Type::kString), string_(s) {}
  Json(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  Json(std::string_view s) : type_(Type::kString), string_(s) {}

  static Json array() {
    Json j;
    j.type_ = Type::kArray;
    return j;
  }
  static Json object() {
    Json j;
    j.type_ = Type::kObject;
    return j;
  }
  // A double rounded half away from zero to `places` decimals, printed with exactly that many
  // decimals at most (e.g. rates to 4 places, yuan to 2).
  static Json rounded(double v, int places);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_number() const { return type_ == Type::kInt || type_ == Type::kDouble; }

  // Object: sets (or replaces) `key`, keeping first-insertion order. Returns *this for chaining.
  Json& set(std::string_view key, Json value);
  // Array: appends.
  Json& push(Json value);

  // Object lookup; nullptr when absent or not an object.
  const Json* find(std::string_view key) const;
  // Accessors with defaults for absent or mistyped values.
  std::string get_string(std::string_view key, std::string fallback = {}) const;
  int64_t get_int(std::string_view key, int64_t fallback = 0) const;
  double get_double(std::string_view key, double fallback = 0) const;
  bool get_bool(std::string_view key, bool fallback = false) const;

  bool as_bool() const { return int_ != 0; }
  // A double outside int64's range reads as the nearest bound, NaN as 0.
  int64_t as_int() const { return type_ == Type::kDouble ? double_to_int(double_) : int_; }
  double as_double() const { return type_ == Type::kInt ? static_cast<double>(int_) : double_; }
  const std::string& as_string() const { return string_; }
  const std::vector<Json>& items() const { return items_; }  // array elements
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }
  size_t size() const { return type_ == Type::kArray ? items_.size() : members_.size(); }

  // Compact (no whitespace) or pretty (2-space indent) text.
  std::string dump(bool pretty = false) const;

  // Parses JSON text in time and memory linear in its size; errors name the line and column.
  // Refused as invalid input: nesting deeper than kMaxDepth, a key twice in one object (which
  // of two values counts would be a guess), an integer outside int64.
  static constexpr int kMaxDepth = 64;
  static core::Result<Json> parse(std::string_view text);

 private:
  friend class JsonBuilder;
  static int64_t double_to_int(double v);
  void dump_to(std::string& out, bool pretty, int indent) const;

  Type type_ = Type::kNull;
  int64_t int_ = 0;
  double double_ = 0;
  int places_ = -1;  // for rounded doubles
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

// Appends `s` as a JSON string literal (with quotes) to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace pitwall::io
