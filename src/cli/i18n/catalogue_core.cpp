// Messages shared by every command (see messages.hpp). Keys are "core.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"core.none", "无", "none"},
    {"core.unknown_campaign", "未知的活动 \"{}\"（已有：{}）",
     "unknown campaign \"{}\" (known: {})"},
    {"core.unknown_definition", "未知的统计口径 \"{}\"（已有：{}）",
     "unknown metric definition \"{}\" (known: {})"},
    {"core.as_required", "写操作必须用 --as 姓名 指明操作人",
     "a write must name its person with --as NAME"},
    {"core.unknown_user", "未登记的用户 \"{}\"（先运行 pitwall user add）",
     "unknown user \"{}\" (register with pitwall user add)"},
};
}  // namespace

std::span<const Message> core_messages() { return kMessages; }

}  // namespace pitwall::cli
