#pragma once
// CustomerInput: one churned customer's inputs to the win-back models (winback.md "Inputs per
// customer"), read from a row of the churned table or of the win-back history (the history has
// the churned columns at the same indices). Unknown optional inputs are NaN or -1.

#include <cmath>
#include <cstdint>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"
#include "core/model/table.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/types.hpp"

namespace pitwall::core::winback {

struct CustomerInput {
  Money annual_value;                         // 年均消费, per year
  Rate margin = Rate::from_basis(5000);       // 毛利率
  double months_churned = 0;                  // 流失时长
  Reason reason = Reason::kOther;             // 流失原因
  double satisfaction = kNaN;                 // 历史满意度 0–10
  Influence influence = Influence::kRegular;  // 影响力
  double visits_per_year = kNaN;              // 年消费次数
  double cheapest_only_share = kNaN;          // 仅最低价项目占比, 0–1
  double booking_lead_days = kNaN;            // 预约提前天数
  int8_t offer_only_contact = -1;             // 只关心优惠: 1, 0, -1 unknown
  int8_t info_complete = -1;                  // 信息完整: 1, 0, -1 unknown
  bool vehicle_anomaly = false;               // 车辆数据异常
};

// The inputs of row `row` of a churned or win-back-history table. Empty cells: annual value and
// months 0, margin the programme's default, reason `other`, influence `regular`, the rest unknown.
CustomerInput read_customer(const Table& table, size_t row, const Programme& programme);

}  // namespace pitwall::core::winback
