// Messages of the import command (see messages.hpp). Keys are "import.<what>".
#include "app/i18n/messages.hpp"

namespace pitwall::app {

namespace {
constexpr Message kMessages[] = {
    {"import.campaign_required", "导入 {} 需要 --campaign 活动编号",
     "importing {} needs --campaign ID"},
    {"import.unknown_kind", "未知的导入类型 \"{}\"（可用：{}）",
     "unknown import kind \"{}\" (known: {})"},
    {"import.already_imported",
     "同样内容的文件已于批次 {} 导入（{}，{}，{}）；如确需再次导入请加 --force",
     "these exact bytes were already imported as batch {} ({}, {}, by {}); use --force to import "
     "them again"},
    {"import.progress", "导入 {}", "importing {}"},
    {"import.cancelled", "导入已取消，工作区未改变",
     "the import was cancelled; the workspace is as it was"},
    {"import.nothing_loaded", "没有一行可以导入（{} 行有错误）：",
     "no row could be loaded ({} rows have errors):"},
    {"import.bad_encoding", "未知的编码 \"{}\"（可用：auto、utf-8、gb18030）",
     "unknown encoding \"{}\" (expected auto, utf-8 or gb18030)"},
    {"import.done", "已导入 {}（批次 {}，类型 {}）：读取 {} 行，导入 {} 行，拒绝 {} 行",
     "imported {} as batch {} ({}): {} rows read, {} loaded, {} rejected"},
    {"import.merged", "其中 {} 个订单号在之前的批次中已存在，按更新时间合并为同一订单",
     "{} order ids were already in earlier batches; each is one order (latest update wins)"},
    {"import.errors_head", "前 {} 条错误（共 {} 行被拒绝）：",
     "first {} errors ({} rows rejected):"},
    {"import.errors_by_kind", "按类型统计：", "errors by kind:"},
    {"import.kind.cell", "{0}：应为{1}", "{0}: expected {1}"},
    {"import.kind.missing", "{0}：必填但为空", "{0}: required but empty"},
    {"import.kind.unreadable_row", "无法读取的行", "unreadable row"},
    {"import.expect.text", "文本", "text"},
    {"import.expect.date_time", "日期时间", "a date-time"},
    {"import.expect.amount", "金额", "an amount"},
    {"import.expect.whole_number", "整数", "a whole number"},
    {"import.expect.date", "日期", "a date"},
    {"import.expect.rate", "比率", "a rate"},
    {"import.expect.yes_no", "是/否", "yes or no"},
    {"import.expect.status_word", "订单状态词", "an order status word"},
    {"import.expect.word", "列表中的取值", "one of the listed words"},
    {"import.expect.number", "数字", "a number"},
    {"import.expect.value", "有效值", "a valid value"},
    {"import.report_at", "全部错误见工作区内的 {}", "all errors are in {} in the workspace"},
    {"import.no_rows",
     "注意：{0} 只有表头，没有数据行：批次 {1} 有 0 行（如果导出时漏了数据，请重新导出后再导入）",
     "warning: {0} has a header and no rows: batch {1} holds 0 rows (if the export left the data "
     "out, export again and import that)"},
    {"import.none_yet", "尚无导入批次", "no imports yet"},
    {"import.list_header",
     "批次  类型             活动                   文件                              读取      "
     "导入     拒绝  导入时间              SHA-256",
     "  id  kind             campaign               file                         rows read    "
     "loaded rejected  imported at           sha256"},
};
}  // namespace

std::span<const Message> import_messages() { return kMessages; }

}  // namespace pitwall::app
