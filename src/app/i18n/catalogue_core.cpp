// Messages shared by every command (see messages.hpp). Keys are "core.<what>".
#include "app/i18n/messages.hpp"

namespace pitwall::app {

namespace {
constexpr Message kMessages[] = {
    {"core.none", "无", "none"},
    {"core.at_line", "第 {} 行：", "line {}: "},
    {"core.yes", "是", "Yes"},
    {"core.no", "否", "No"},
    {"core.unknown_campaign", "未知的活动 \"{}\"（已有：{}）",
     "unknown campaign \"{}\" (known: {})"},
    {"core.unknown_definition", "未知的统计口径 \"{}\"（已有：{}）",
     "unknown metric definition \"{}\" (known: {})"},
    {"core.unknown_user", "未登记的用户 \"{}\"（先运行 pitwall user add）",
     "unknown user \"{}\" (register with pitwall user add)"},
    {"core.bad_role", "未知的角色 \"{}\"（可用：{}）", "unknown role \"{}\" (expected {})"},
    {"core.scope_required", "角色 {} 需要 --scope（战区名称或门店编码）",
     "role {} needs --scope (a region name or a store code)"},
    {"core.name_required", "姓名不能为空", "the name must not be empty"},
    {"core.cannot_read", "无法读取该文件（不存在或无权读取）",
     "cannot read the file (it does not exist or may not be read)"},
    {"core.scope_not_taken", "角色 {} 不带 --scope（只有战区、门店和客服有范围）",
     "role {} takes no --scope (only region, store and service have one)"},
    {"core.first_user_hq",
     "工作区还没有用户：第一个用户必须是总部运营（--role hq），由他登记其他人",
     "the workspace has no users yet: the first must be HQ operations (--role hq), who then "
     "registers the others"},
    {"core.no_workspace",
     "这里没有 Pitwall 工作区（用 pitwall init 目录 新建一个，或用 -w 目录 或 PITWALL_WORKSPACE "
     "指定）",
     "no Pitwall workspace here (create one with `pitwall init DIR`, or name one with -w DIR or "
     "PITWALL_WORKSPACE)"},
    {"core.no_workspace_database",
     "这个数据库里没有 Pitwall 工作区（用 pitwall init 地址 新建一个，或用 -w 地址 或 "
     "PITWALL_WORKSPACE 指定另一个）",
     "no Pitwall workspace in this database (create one with `pitwall init URL`, or name another "
     "with -w URL or PITWALL_WORKSPACE)"},
    {"core.workspace_created", "已创建工作区 {}", "created workspace {}"},
    {"core.workspace_copied",
     "已复制工作区 {} → {}：{} 个用户、{} 个活动、{} 个口径版本、{} 个导入批次、{} 条记录、{} "
     "条日志、"
     "{} 个结果文件、{} 个已封版活动",
     "copied workspace {} to {}: {} users, {} campaigns, {} definition versions, {} import "
     "batches, {} records, {} log entries, {} blobs, {} sealed campaigns"},
    {"core.init_needs_location", "init 需要 DIR：工作区文件夹，或 postgresql:// 数据库地址",
     "init needs DIR: a workspace folder, or a postgresql:// database URL"},
    {"core.reference_typo", "工作区中没有“{0}”；是否应为“{1}”？（已有：{2}）",
     "the workspace has no \"{0}\"; did you mean \"{1}\"? (known: {2})"},
    {"core.reference_missing.settlement_definition",
     "注意：{0}：工作区中还没有统计口径“{1}”（已有：{2}）；运行收尾计算前请用 pitwall definition "
     "add 添加",
     "warning: {0}: the workspace has no metric definition \"{1}\" yet (known: {2}); add it with "
     "pitwall definition add before the close-out runs"},
    {"core.reference_missing.arbiter",
     "注意：{0}：工作区中还没有用户“{1}”（已有：{2}）；仲裁前请用 pitwall user add 登记",
     "warning: {0}: the workspace has no user \"{1}\" yet (known: {2}); register them with pitwall "
     "user add before arbitration"},
    {"core.campaign_added", "已添加活动 {}（{}）", "added campaign {} ({})"},
    {"core.definition_added", "已添加口径 {}@{}：{}", "added definition {}@{}: {}"},
    {"core.user_added", "已登记 {}（角色 {}，范围 {}）", "registered {} (role {}, scope {})"},
    {"core.no_campaigns", "尚无活动（pitwall campaign add 文件）",
     "no campaigns yet (pitwall campaign add FILE)"},
    {"core.no_definitions", "尚无口径（pitwall definition add 文件）",
     "no definitions yet (pitwall definition add FILE)"},
};
}  // namespace

std::span<const Message> core_messages() { return kMessages; }

}  // namespace pitwall::app
