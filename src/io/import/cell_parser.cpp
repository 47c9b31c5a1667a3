#include "io/import/cell_parser.hpp"

#include "core/base/check.hpp"
#include "io/text/fields.hpp"

namespace pitwall::io {

namespace {

// Short names of what a column expects, for the per-kind error counts.
std::string_view expectation(core::ValueType type) {
  switch (type) {
    case core::ValueType::kText:
      return "text";
    case core::ValueType::kTime:
      return "date-time";
    case core::ValueType::kMoney:
      return "amount";
    case core::ValueType::kInt:
      return "whole number";
    case core::ValueType::kDate:
      return "date";
    case core::ValueType::kRate:
      return "rate";
    case core::ValueType::kBool:
      return "yes/no";
    case core::ValueType::kStatus:
      return "status word";
    case core::ValueType::kWord:
      return "word";
    case core::ValueType::kReal:
      return "number";
  }
  return "value";
}

void push_value(const core::ColumnDef& def, const CellValue& v, core::Column& column) {
  if (v.is_null) {
    column.push_null();
    return;
  }
  switch (def.type) {
    case core::ValueType::kText:
      PW_CHECK(false, "text cells are interned by the caller");
      break;
    case core::ValueType::kTime:
    case core::ValueType::kMoney:
    case core::ValueType::kInt:
      column.push_i64(v.i64);
      break;
    case core::ValueType::kReal:
      column.push_f64(v.f64);
      break;
    default:
      column.push_i32(v.i32);
      break;
  }
}

}  // namespace

bool parse_cell_into(const core::ColumnDef& def, std::string_view text, CellKind kind,
                     const core::TimeZone& zone, core::Column& column, CellFailure& failure) {
  auto value = parse_cell(def, text, kind, zone);
  if (!value) {
    column.push_null();
    failure.error = value.release_error();
    failure.kind = std::string(expectation(def.type));
    return false;
  }
  push_value(def, *value, column);
  return true;
}

}  // namespace pitwall::io
