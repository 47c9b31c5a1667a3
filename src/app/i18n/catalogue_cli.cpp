// Messages of the command line's usage errors and the labels of its --help (cli/usage.cpp).
// Keys are "cli.<what>".
#include "app/i18n/messages.hpp"

namespace pitwall::app {

namespace {
constexpr Message kMessages[] = {
    {"cli.unknown_command", "{1} 没有“{0}”这个命令（可用：{2}）",
     "{1} has no command \"{0}\" (expected one of: {2})"},
    {"cli.unknown_command_near", "{1} 没有“{0}”这个命令；是否应为“{2}”？",
     "{1} has no command \"{0}\"; did you mean \"{2}\"?"},
    {"cli.unknown_option", "{1} 没有选项 {0}", "{1} has no option {0}"},
    {"cli.unknown_option_near", "{1} 没有选项 {0}；是否应为 {2}？",
     "{1} has no option {0}; did you mean {2}?"},
    {"cli.command_required", "{0} 后面需要一个命令（可用：{1}）",
     "{0} needs a command (one of: {1})"},
    {"cli.required_option", "缺少必需的 {}", "{} is required"},
    {"cli.value_missing", "{} 后面缺少值", "{} needs a value"},
    {"cli.value_count", "{} 的值个数不对", "{} has the wrong number of values"},
    {"cli.bad_value", "{0} 的值“{1}”无效", "{0}: \"{1}\" is not a valid value"},
    {"cli.out_of_range", "{0} 的值 {1} 超出范围 {2}", "{0}: {1} is not in the range {2}"},
    {"cli.excludes", "{0} 不能与 {1} 同时使用", "{0} cannot be used with {1}"},
    {"cli.requires", "{0} 需要同时给出 {1}", "{0} needs {1} as well"},
    {"cli.unexpected", "多余的参数：{}", "unexpected arguments: {}"},
    {"cli.other", "命令行用法有误：{}", "wrong usage: {}"},
    {"cli.see_help", "用法见 {} --help", "see {} --help"},
    {"cli.output_extension", "文件名“{0}”应以 {1} 结尾（写出的就是 {1} 格式）",
     "the file name \"{0}\" should end in {1} (the file written is {1})"},
    {"cli.bad_lang", "未知的语言“{}”（可用：zh、en）",
     "unknown language \"{}\" (expected zh or en)"},
    {"cli.label.Usage", "用法", "Usage"},
    {"cli.label.Options", "选项", "Options"},
    {"cli.label.Subcommands", "命令", "Subcommands"},
    {"cli.label.Positionals", "参数", "Positionals"},
    {"cli.label.OPTIONS", "选项", "OPTIONS"},
    {"cli.label.SUBCOMMAND", "命令", "SUBCOMMAND"},
    {"cli.label.SUBCOMMANDS", "命令", "SUBCOMMANDS"},
    {"cli.label.REQUIRED", "必填", "REQUIRED"},
    {"cli.label.Excludes", "不能与之同用", "Excludes"},
    {"cli.label.Needs", "需要", "Needs"},
    {"cli.label.Env", "环境变量", "Env"},
    {"cli.label.Default", "默认", "Default"},
};
}  // namespace

std::span<const Message> cli_messages() { return kMessages; }

}  // namespace pitwall::app
