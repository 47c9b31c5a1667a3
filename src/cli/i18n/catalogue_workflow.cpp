// Messages of the workflow desk (see messages.hpp). Keys are "workflow.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    // Errors
    {"workflow.unknown_store", "未知的门店 \"{}\"", "unknown store \"{}\""},
    {"workflow.unknown_region", "未知的战区 \"{}\"（已有：{}）",
     "unknown region \"{}\" (known: {})"},
    {"workflow.bad_claim", "订单 {1} 的 --claim \"{0}\" 无效（应为 mine 或 not-valid）",
     "--claim \"{0}\" for order {1} is not valid (expected mine or not-valid)"},
    {"workflow.unknown_order", "活动 {1} 中没有订单 \"{0}\"", "campaign {1} has no order \"{0}\""},
    {"workflow.frozen_not_stale",
     "活动已冻结：只有被调整变为过期的确认才能重新确认（该门店的确认 {} 仍然有效）",
     "the campaign is frozen: only a confirmation an adjustment made stale is given again (this "
     "store's confirmation {} is still current)"},
    {"workflow.region_waiting",
     "战区 {} 还有 {} 家门店未确认：{}（复核窗口 {} 结束后未确认的门店视同确认）",
     "region {} still waits for {} stores: {} (after the review window ends at {}, silent stores "
     "are deemed confirmed)"},
    {"workflow.blacklist_needs_exclude",
     "--blacklist 只能与 --decision exclude（认定作弊）一起使用",
     "--blacklist goes only with --decision exclude (decided as fraud)"},
    {"workflow.reason_required", "必须用 --reason 写明理由", "a written --reason is required"},
    {"workflow.not_in_queue",
     "订单 {} 不在仲裁队列中（队列：灰色地带订单与门店争议；见 pitwall arbitrate list）",
     "order {} is not in the arbitration queue (gray-zone orders and store disputes; see pitwall "
     "arbitrate list)"},
    {"workflow.seal_missing_signoffs", "不能封版：{} 项签字缺失或已过期：{}",
     "cannot seal: {} sign-offs are missing or stale: {}"},
    {"workflow.chain_broken", "调整日志的哈希链在第 {} 条断裂（{}）",
     "the adjustment log's hash chain breaks at entry {} ({})"},
    {"workflow.three_recommendations", "已有 {} 条建议；复盘只保留三条建议",
     "there are already {} recommendations; a retrospective keeps three"},
    {"workflow.verify_failed", "校验未通过：数据与封版不一致",
     "verification failed: the data differs from the seal"},
    {"workflow.dispute_pairs",
     "每个 --dispute 需要一个 --claim（和可选的一个 --note）：{} 个 --dispute，{} 个 --claim，{} "
     "个 "
     "--note",
     "each --dispute needs one --claim (and optionally one --note): {} --dispute, {} --claim, {} "
     "--note"},
    {"workflow.template_header", "由活动 {}（{}）生成的模板：请修改 id、name、start、end 后使用",
     "template from campaign {} ({}): change id, name, start and end before use"},
    // Closing communications: built-in texts ({name} {store} {end} {campaign} {review_cutoff}
    // {appeal_cutoff}).
    {"workflow.text.reminder", "{name}您好，{campaign}将于{end}结束，您还可以在{store}参与。",
     "Dear {name}, {campaign} ends at {end}; there is still time to join at {store}."},
    {"workflow.text.store_notice",
     "{store}：{campaign}下单截止 {end}，门店审核截止 {review_cutoff}，申诉截止 "
     "{appeal_cutoff}。特殊情况请提交仲裁。",
     "{store}: {campaign} orders close at {end}, store review at {review_cutoff}, appeals at "
     "{appeal_cutoff}. Special cases go to arbitration."},
    {"workflow.text.thanks", "{name}您好，感谢参与{campaign}！下次活动敬请期待。",
     "Dear {name}, thank you for joining {campaign}! Watch out for our next campaign."},
    {"workflow.text.progress",
     "{name}您好，您在{campaign}的订单已支付，{store}将尽快为您安排服务。",
     "Dear {name}, your {campaign} order is paid; {store} will arrange your service soon."},
    // Words
    {"workflow.status.planned", "计划中", "planned"},
    {"workflow.status.running", "进行中", "running"},
    {"workflow.status.review", "复核期", "review"},
    {"workflow.status.frozen", "已冻结", "frozen"},
    {"workflow.status.sealed", "已封版", "sealed"},
    {"workflow.status.pending", "待确认", "pending"},
    {"workflow.status.current", "有效", "current"},
    {"workflow.status.stale", "已过期", "stale"},
    {"workflow.status.deemed", "视同确认", "deemed"},
    {"workflow.status.open", "待裁决", "open"},
    {"workflow.status.decided", "已裁决", "decided"},
    {"workflow.finance", "财务", "finance"},
    {"workflow.counted", "计入", "counted"},
    {"workflow.not_counted", "不计入", "not counted"},
    {"workflow.message.reminder", "结束前提醒", "reminder"},
    {"workflow.message.store_notice", "门店截止通知", "store notice"},
    {"workflow.message.thanks", "感谢信与预告", "thanks and preview"},
    {"workflow.message.progress", "履约进度通报", "fulfilment progress"},
    {"workflow.tier.star", "明星客户", "star"},
    {"workflow.tier.potential", "潜力客户", "potential"},
    {"workflow.tier.maintain", "维持客户", "maintain"},
    {"workflow.tier.basic", "基础客户", "basic"},
    {"workflow.tier.unknown", "未知", "unknown"},
    {"workflow.notes.went_right", "做得好的：", "What went right:"},
    {"workflow.notes.went_wrong", "做得不好的：", "What went wrong:"},
    {"workflow.notes.recommendations", "三条建议：", "Three recommendations:"},
    // Status
    {"workflow.status_title", "活动 {} {}：{}（现在 {}）", "campaign {} {}: {} (now {})"},
    {"workflow.cutoffs_line", "  开始 {} 结束 {}；门店审核截止 {}，申诉截止 {}，复核窗口结束 {}",
     "  start {} end {}; store review cut-off {}, appeal cut-off {}, review window ends {}"},
    {"workflow.freeze_line", "  冻结于 {}，可封版自 {}，封版于 {}",
     "  frozen at {}, seal allowed from {}, sealed at {}"},
    {"workflow.planning_ok", "  收尾时间 {} 天，占活动 {} 天的 {}%（≥ 30%）",
     "  close-out time {0} days, {2}% of the campaign's {1} days (>= 30%)"},
    {"workflow.planning_short", "  警告：收尾时间 {} 天，仅占活动 {} 天的 {}%（应 ≥ 30%）",
     "  warning: close-out time {0} days is only {2}% of the campaign's {1} days (should be >= "
     "30%)"},
    {"workflow.numbers_error", "  数字暂不可用：{}", "  numbers not available: {}"},
    {"workflow.signoffs_title", "  确认与签字 [{}]：", "  confirmations and sign-offs [{}]:"},
    {"workflow.stores_line", "  门店 {} 家：有效 {}，过期 {}，视同确认 {}，待确认 {}",
     "  stores {}: current {}, stale {}, deemed {}, pending {}"},
    {"workflow.queue_line", "  仲裁队列 {} 项：待裁决 {}，已裁决 {}（仲裁员 {}）",
     "  arbitration queue {} items: open {}, decided {} (arbiter {})"},
    {"workflow.carry_line", "  结转 {} 笔，合计 {} 元（计入下一结算期）",
     "  carry-overs {}, total {} yuan (next settlement period)"},
    {"workflow.sealed_line", "  封版摘要 SHA-256 {}", "  sealed snapshot SHA-256 {}"},
    // Writes
    {"workflow.frozen", "活动 {} 已于 {} 冻结；{} 起可封版；结算口径 {}",
     "campaign {} frozen at {}; seal allowed from {}; settlement definition {}"},
    {"workflow.deemed", "视同确认的门店 {} 家：{}", "{} stores deemed confirmed: {}"},
    {"workflow.sealed", "活动 {} 已于 {} 封版：快照 SHA-256 {}；调整日志 {} 条，链头 {}",
     "campaign {} sealed at {}: snapshot SHA-256 {}; adjustment log {} entries, head {}"},
    {"workflow.signed", "{} 已确认（{}，{}）：{} 单 {} 元 [{}]，摘要 {}",
     "{} signed ({}, {}): {} orders {} yuan [{}], digest {}"},
    {"workflow.disputed", "  争议订单 {}：{}（当前归属 {}），已进入仲裁队列",
     "  disputed order {}: {} (now attributed to {}), sent to arbitration"},
    {"workflow.decided", "订单 {}：裁决 {}（{}）；现归属 {}，{}",
     "order {}: decided {} ({}); now attributed to {}, {}"},
    {"workflow.blacklisted", "  已加入黑名单：{} {}", "  added to the blacklist: {} {}"},
    {"workflow.now_stale", "  以下确认因此过期，需重新确认：{}",
     "  these sign-offs are now stale and must be given again: {}"},
    {"workflow.carried_over", "结转 #{}：订单 {} 金额 {} 元（{}），计入活动 {} 之后的下一结算期",
     "carry-over #{}: order {} amount {} yuan ({}), for the settlement period after campaign {}"},
    {"workflow.wrote", "已写入 {}", "wrote {}"},
    // Verify
    {"workflow.chain_ok", "调整日志：{} 条，哈希链完整",
     "adjustment log: {} entries, hash chain intact"},
    {"workflow.chain_bad", "调整日志：第 {1} 条被改动（{2}）",
     "adjustment log: entry {1} was tampered with ({2})"},
    {"workflow.not_sealed", "活动尚未封版：没有快照可比对",
     "the campaign is not sealed: no snapshot to compare"},
    {"workflow.snapshot_ok", "快照：与封版一致（{}）", "snapshot: matches the seal ({})"},
    {"workflow.snapshot_bad", "快照：与封版不一致（封版 {}，现在 {}）",
     "snapshot: differs from the seal (sealed {}, now {})"},
    {"workflow.section_changed", "变动的部分", "changed section"},
    {"workflow.verify_ok", "校验通过", "verified: nothing changed"},
    {"workflow.verify_problems", "校验发现问题：{}", "verification found: {}"},
    // Lists
    {"workflow.store_orders_title", "门店 {} {}（{}）：计入 {} 单 {} 元 [{}]",
     "store {} {} ({}): {} orders counted, {} yuan [{}]"},
    {"workflow.confirmation_line", "  确认状态：{}（{}，{}）", "  confirmation: {} ({}, {})"},
    {"workflow.needs_store", "需要门店补充的订单 {} 条：", "{} fills need the store:"},
    {"workflow.claimed_by", "  订单 {} 被门店 {} 认领：{}", "  order {} claimed by store {}: {}"},
    {"workflow.queue_title", "仲裁队列 {} 项：", "arbitration queue, {} items:"},
    {"workflow.plan_cutoffs", "截止时间：下单 {}，门店审核 {}，申诉 {}",
     "cut-offs: orders {}, store review {}, appeals {}"},
    {"workflow.capacity",
     "容量预警：{} 至 {} 为高峰，预计每小时 {} 单的 37 倍 = {} 单（基于 {} 小时）",
     "capacity warning: peak {} to {}, expected 37 x the median {} orders per hour = {} (from {} "
     "hours)"},
    {"workflow.funnel", "漏斗 [{}]：触达 {} → 到店 {} → 下单 {} → 支付 {} → 核销 {}",
     "funnel [{}]: reached {} → visited {} → ordered {} → paid {} → redeemed {}"},
};
}  // namespace

std::span<const Message> workflow_messages() { return kMessages; }

}  // namespace pitwall::cli
