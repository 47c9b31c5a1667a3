#pragma once
// Hand-built feeds for the supervision tests: tables are written row by row as text cells the
// way a user's file reads ("2023-03-01", "2023-03-01 09:00", "rules_unclear", "1"), converted
// by column type. Times are local Asia/Shanghai (UTC+8, no daylight saving).

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "core/model/campaign.hpp"
#include "core/model/table.hpp"
#include "core/supervision/feeds.hpp"

namespace pitwall::core::supervision::testing {

inline const FixedOffsetZone& shanghai() {
  static const FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  return zone;
}

// "2023-03-01" -> local day number.
inline int32_t day_of(std::string_view date) {
  int y = std::atoi(std::string(date.substr(0, 4)).c_str());
  int m = std::atoi(std::string(date.substr(5, 2)).c_str());
  int d = std::atoi(std::string(date.substr(8, 2)).c_str());
  return static_cast<int32_t>(days_from_civil(y, m, d));
}

// "2023-03-01 09:30" (local) -> UTC seconds.
inline int64_t at(std::string_view local) {
  CivilTime t = civil_from_days(day_of(local));
  t.hour = std::atoi(std::string(local.substr(11, 2)).c_str());
  t.minute = std::atoi(std::string(local.substr(14, 2)).c_str());
  return shanghai().to_utc(t);
}

// Appends one row; cells in schema order, "" = empty.
inline void add_row(Table& t, std::initializer_list<std::string_view> cells) {
  const auto& cols = t.schema().columns;
  PW_CHECK(cells.size() <= cols.size(), "too many cells");
  size_t c = 0;
  for (std::string_view cell : cells) {
    Column& col = t.columns[c];
    const ColumnDef& def = cols[c++];
    if (cell.empty()) {
      col.push_null();
      continue;
    }
    switch (def.type) {
      case ValueType::kText:
        col.push_text(t.pool.intern(cell));
        break;
      case ValueType::kTime:
        col.push_i64(at(cell));
        break;
      case ValueType::kInt:
        col.push_i64(std::atoll(std::string(cell).c_str()));
        break;
      case ValueType::kDate:
        col.push_i32(day_of(cell));
        break;
      case ValueType::kBool:
        col.push_i32(cell == "1" || cell == "true" ? 1 : 0);
        break;
      case ValueType::kReal:
        col.push_f64(std::atof(std::string(cell).c_str()));
        break;
      case ValueType::kWord: {
        int32_t index = -1;
        for (size_t w = 0; w < def.words.size(); ++w) {
          if (def.words[w] == cell) index = static_cast<int32_t>(w);
        }
        PW_CHECK(index >= 0, "unknown word in a test fixture");
        col.push_i32(index);
        break;
      }
      case ValueType::kStatus:
        col.push_i32(std::atoi(std::string(cell).c_str()));
        break;
      default:
        PW_CHECK(false, "type not used by the supervision fixtures");
    }
  }
  for (; c < cols.size(); ++c) t.columns[c].push_null();
  t.lines.push_back(static_cast<int64_t>(t.rows()) + 2);  // line 1 is the header
  t.batches.push_back(1);
}

// A campaign from `first` to `last` (local dates, whole days) with the default [supervision].
inline Campaign campaign_of(std::string_view first, std::string_view last) {
  Campaign c;
  c.id = "test";
  c.name = "test";
  c.start = shanghai().to_utc(civil_from_days(day_of(first)));
  CivilTime end = civil_from_days(day_of(last));
  end.hour = 23;
  end.minute = 59;
  end.second = 59;
  c.end = shanghai().to_utc(end);
  return c;
}

struct Tables {
  Table stores = Table::empty(TableKind::kStores);
  Table store_day = Table::empty(TableKind::kStoreDay);
  Table inspections = Table::empty(TableKind::kInspections);
  Table complaints = Table::empty(TableKind::kComplaints);
  Table spot_checks = Table::empty(TableKind::kSpotChecks);
  Table orders = Table::empty(TableKind::kOrders);
  Table staff = Table::empty(TableKind::kStaff);

  FeedTables feeds() const {
    return {&stores, &store_day, &inspections, &complaints, &spot_checks, &orders, &staff};
  }
};

}  // namespace pitwall::core::supervision::testing
