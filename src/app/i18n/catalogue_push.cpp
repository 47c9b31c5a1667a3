// Messages of pushing to group robots (see messages.hpp; docs/push.md). Keys are "push.<what>":
// the targets' refusals, the board, alert and reminder messages the robots carry, the command
// line's words.
#include "app/i18n/messages.hpp"

namespace pitwall::app {

namespace {
constexpr Message kMessages[] = {
    // Targets.
    {"push.bad_name", "--name：请给推送目标起一个名字（最长 100 字节）",
     "--name: give the target a name (at most 100 bytes)"},
    {"push.bad_kind", "--kind 应为 wecom、dingtalk 或 feishu，实际为“{}”",
     "--kind must be wecom, dingtalk or feishu, found \"{}\""},
    {"push.bad_url",
     "--url 应为机器人的 webhook 地址（http:// 或 https:// 开头，不含空格，最长 2000 字节）",
     "--url must be the robot's webhook address (http:// or https://, no spaces, at most 2000 "
     "bytes)"},
    {"push.bad_secret", "--secret 最长 200 字节", "--secret has at most 200 bytes"},
    {"push.unknown_region", "没有战区“{0}”；门店主数据中的战区：{1}",
     "no region \"{0}\"; the regions of the stores file: {1}"},
    {"push.bad_lang", "--lang 应为 zh 或 en，实际为“{}”", "--lang must be zh or en, found \"{}\""},
    {"push.bad_message", "--messages 应为 board、alert、reminder 中的若干项，实际有“{}”",
     "--messages takes board, alert and reminder, found \"{}\""},
    {"push.bad_board_time", "--board-time 应为 HH:MM（如 09:00），实际为“{}”",
     "--board-time must be HH:MM (e.g. 09:00), found \"{}\""},
    {"push.unknown_target", "没有推送目标 {}", "no push target {}"},
    {"push.bad_status", "--status 应为 sending、retry、sent 或 failed，实际为“{}”",
     "--status must be sending, retry, sent or failed, found \"{}\""},
    // Customer notices.
    {"push.bad_template",
     "--template 应为 reminder（结束前 48 小时提醒）、thanks（感谢）或 "
     "progress（履约通知），实际为“{}”",
     "--template must be reminder (48 hours before the end), thanks or progress (fulfilment), "
     "found \"{}\""},
    {"push.bad_format", "--format 应为 csv 或 xlsx，实际为“{}”",
     "--format must be csv or xlsx, found \"{}\""},
    {"push.bad_opt_out", "退订记录应为客户 ID 或手机号（1 到 64 字节，不含 /），实际为“{}”",
     "an opt-out is a customer id or a phone number (1 to 64 bytes, no /), found \"{}\""},
    {"push.cli.notices",
     "{0}：{1} 位收件人（黑名单 {2}、已退订 {3}、无联系方式 {4} 位未列入）→ {5}",
     "{0}: {1} recipients ({2} blacklisted, {3} opted out, {4} without contact left out) → {5}"},
    {"push.cli.opt_outs", "退订名单共 {} 条", "{} opt-outs recorded"},
    // The board.
    {"push.board_title", "{0} 红黑榜 {1} · {2}", "{0} red/black board {1} · {2}"},
    {"push.participation", "当日参与率 {0}（目标 {1}，累计 {2}）",
     "participation {0} against a target of {1} (cumulative {2})"},
    {"push.critical_header", "未关闭问题（{}）", "Open problems ({})"},
    {"push.no_open_problems", "没有未关闭的问题", "no open problems"},
    {"push.problem_line", "{0} {1} {2} — 负责人 {3}，{4} 前处理", "{0} {1} {2} — {3}, due {4}"},
    {"push.problem_overdue", "{0} {1} {2} — 负责人 {3}，已逾期（{4} 到期）",
     "{0} {1} {2} — {3}, overdue (due {4})"},
    {"push.alerts_header", "当日预警（{}）", "The day's alerts ({})"},
    {"push.open_board", "打开督导看板", "open the board"},
    {"push.cut", "（另有 {} 行未显示）", "({} more lines)"},
    // Alerts.
    {"push.alert_title", "【重大预警】{0} · {1}", "[Critical alert] {0} · {1}"},
    {"push.alert_action.network_burst", "请总部立即核查该类投诉的共性原因，并统一口径回复门店。",
     "HQ: find what the complaints have in common now and give every store one answer."},
    {"push.alert_action.complaint_burst", "请战区今天联系门店店长，核实投诉并登记问题。",
     "Region: call the store manager today, check the complaints and open a problem."},
    {"push.alert_action.checklist_failure", "请门店 2 小时内整改并拍照回传，战区复核。",
     "Store: fix it within 2 hours and send a photo; the region checks."},
    {"push.alert_key", "预警编号：{}（可在督导台一键登记问题）",
     "alert key: {} (open a problem from it on the desk)"},
    {"push.open_alerts", "打开今日预警", "open today's alerts"},
    // Reminders.
    {"push.reminder_title", "【收尾提醒】{0} · {1}", "[Close-out reminder] {0} · {1}"},
    {"push.milestone.store_audit", "门店审核截止", "store audit cut-off"},
    {"push.milestone.dispute", "申诉截止", "dispute cut-off"},
    {"push.milestone.freeze", "数据冻结", "freeze"},
    {"push.milestone.seal", "结算封版", "seal"},
    {"push.reminder_when", "时间：{}", "when: {}"},
    {"push.reminder_what.store_audit", "请各门店在截止前完成订单确认，逾期视为无异议。",
     "Stores: confirm your orders before the cut-off; after it, silence counts as agreement."},
    {"push.reminder_what.dispute", "如对订单归属或有效性有异议，请在截止前提交申诉，逾期不再受理。",
     "Disputes about an order's store or validity must be filed before the cut-off; later ones "
     "are not taken."},
    {"push.reminder_what.freeze", "复核期结束后总部将冻结数据，冻结后只能通过结转调整。",
     "HQ freezes the data when the review window ends; after that, only carry-overs change it."},
    {"push.reminder_what.seal", "冻结期满即可封版，请战区与财务在此之前完成签核。",
     "The seal may follow once the freeze has run; regions and finance sign off before then."},
    {"push.open_desk", "打开运营台", "open the desk"},
    // The command line.
    {"push.cli.added", "已添加推送目标 {}", "push target {} added"},
    {"push.cli.removed", "已删除推送目标 {0}（{1}）；其推送记录保留",
     "push target {0} ({1}) removed; its deliveries stay logged"},
    {"push.cli.no_targets", "还没有推送目标", "no push targets yet"},
    {"push.cli.no_deliveries", "没有推送记录", "no deliveries"},
    {"push.cli.secret_set", "签名密钥：已设置", "signing secret: set"},
    {"push.cli.no_secret", "签名密钥：未设置", "signing secret: none"},
    {"push.cli.ran", "本次尝试发送 {} 条", "{} sent or tried"},
    // Test.
    {"push.test_title", "Pitwall 推送测试", "Pitwall push test"},
    {"push.test_text", "推送目标“{}”已连通：此后的红黑榜、预警与收尾提醒将发到本群。",
     "Push target \"{}\" works: boards, alerts and close-out reminders will come to this group."},
};
}  // namespace

std::span<const Message> push_messages() { return kMessages; }

}  // namespace pitwall::app
