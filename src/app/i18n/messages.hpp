#pragma once
// The message catalogue: every user-facing text in zh-CN and en, looked up by a stable key
// ("import.loaded"). Each desk keeps its entries in its own file of this folder
// (catalogue_<desk>.cpp) and catalogue.cpp lists them all; a missing key is a bug (PW_CHECK).
//
// Texts are fmt format strings; `tr(lang, key, args...)` formats them.

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::app {

enum class Lang { kZh, kEn };

struct Message {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};

// The text of `key` in `lang`.
std::string_view message(Lang lang, std::string_view key);
// The text of `key` in `lang`, or `fallback` when the catalogue has no such key (for keys built
// from data, like "closeout.reason.<rule id>").
std::string_view message_or(Lang lang, std::string_view key, std::string_view fallback);

template <typename... Args>
std::string tr(Lang lang, std::string_view key, Args&&... args) {
  return fmt::vformat(message(lang, key), fmt::make_format_args(args...));
}

// Every entry of the catalogue, ordered by key (for the test that walks them).
std::vector<const Message*> all_messages();

// "zh" / "en" from a --lang value or LANG (zh_CN.UTF-8 -> zh); anything else -> en.
Lang parse_lang(std::string_view text);

// The Chinese of a command-line help text written in English (`pitwall --help`), or "" when the
// catalogue has none (catalogue_help.cpp; keyed by the English, as gettext is).
std::string_view help_message(std::string_view english);

struct HelpText {
  std::string_view en;
  std::string_view zh;
};
std::span<const HelpText> help_texts();

// Every desk's entries (defined in catalogue_<desk>.cpp).
std::span<const Message> app_messages();
std::span<const Message> core_messages();
std::span<const Message> io_messages();
std::span<const Message> cli_messages();
std::span<const Message> import_messages();
std::span<const Message> closeout_messages();
std::span<const Message> workflow_messages();
std::span<const Message> winback_messages();
std::span<const Message> supervision_messages();
std::span<const Message> demo_messages();
std::span<const Message> server_messages();
std::span<const Message> push_messages();

}  // namespace pitwall::app
