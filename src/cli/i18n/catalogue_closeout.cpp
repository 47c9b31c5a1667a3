// Messages of the closeout desk (see messages.hpp). Keys are "closeout.<what>"; bridge reasons
// are "closeout.reason.<token>" (closeout.md §6: a fixed token with its words in zh and en).
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"closeout.no_settlement_definition", "结算口径 \"{}\" 尚未添加（pitwall definition add 文件）",
     "the settlement definition \"{}\" has not been added (pitwall definition add FILE)"},
    {"closeout.summary_title", "活动 {} 各口径数字：", "campaign {}, numbers by definition:"},
    {"closeout.orders", "单", "orders"},
    {"closeout.yuan", "元", "yuan"},
    {"closeout.gross_net_title", "毛数据 → 净数据（订单数）：", "raw → cleaned (orders):"},
    {"closeout.findings_line", "清洗与反作弊记录 {} 条，灰色地带 {} 单，疑似团伙 {} 个",
     "{} findings, {} gray-zone orders, {} fraud rings"},
    {"closeout.run_stored", "已保存第 {} 次收尾运行（活动 {}）", "stored close-out run {} of {}"},
    {"closeout.unknown_region", "未知的战区 \"{}\"", "unknown region \"{}\""},
    {"closeout.unknown_store", "未知的门店 \"{}\"", "unknown store \"{}\""},
    {"closeout.bridge_title", "对账桥 {} → {}（范围：{}）：", "bridge {} → {} (scope: {}):"},
    {"closeout.findings_written", "已写出 {}", "wrote {}"},
    {"closeout.settlement_title", "结算 [{}]：", "settlement [{}]:"},
    {"closeout.settlement_totals",
     "{} 单，实收 {} 元，返利 {} 元（按毛数据 {} 元，避免多付 {} 元），追回 {} 元，应付 {} 元",
     "{} orders, received {} yuan, rebate {} yuan (on raw data {}, overpayment avoided {}), "
     "clawback {}, payable {}"},
    {"closeout.reason.status", "订单状态不计入", "status not counted"},
    {"closeout.reason.basis_time_missing", "口径时间为空", "basis time missing"},
    {"closeout.reason.outside_window", "口径时间不在活动期内", "basis time outside the campaign"},
    {"closeout.reason.arbitration", "仲裁决定", "arbitration decision"},
    {"closeout.reason.amount_basis", "金额口径不同", "amount basis differs"},
    {"closeout.reason.attributed_elsewhere", "归属其他门店", "attributed to another store"},
    {"closeout.reason.logic.amount_range", "金额超出合理范围", "amount out of range"},
    {"closeout.reason.test.order", "测试/内部订单", "test or internal order"},
    {"closeout.reason.cs.exception", "客服异常记录", "customer-service exception"},
    {"closeout.reason.dup.double_submit", "重复提交", "double submit"},
    {"closeout.reason.dup.per_customer_limit", "超出每人限购", "over the per-customer limit"},
    {"closeout.reason.dup.per_vehicle_limit", "超出每车限购", "over the per-vehicle limit"},
    {"closeout.reason.fraud.blacklist", "黑名单", "blacklisted"},
    {"closeout.reason.fraud.mass_cancel", "大量下单后取消", "mass cancelling"},
    {"closeout.reason.fraud.ring", "亲友账号团伙", "fraud ring"},
    {"closeout.reason.fraud.stack_return", "凑单后退货", "stack and return"},
};
}  // namespace

std::span<const Message> closeout_messages() { return kMessages; }

}  // namespace pitwall::cli
