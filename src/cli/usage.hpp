#pragma once
// The command line's own words: its usage errors (CLI11's refusals, worded in the reader's
// language, naming the unknown word and the nearest valid one) and its --help (descriptions and
// labels from the catalogue, app/i18n/catalogue_help.cpp).

#include <string>
#include <string_view>

#include "cli/i18n.hpp"

namespace CLI {
class App;
class Error;
class Validator;
}  // namespace CLI

namespace pitwall::cli {

// The language asked for before the arguments are parsed: --lang X or --lang=X in `argv`, else
// PITWALL_LANG, else LANG (parse_lang).
Lang language_of_arguments(int argc, char** argv);

// Whether `text` names a language Pitwall speaks (zh, en, zh_CN.UTF-8, en-US, ...).
bool is_known_language(std::string_view text);

// The usage error `e` of `app` (the root) for the words in `argv`, in `lang`: what was wrong,
// where, the nearest valid word, and the command whose --help tells more.
std::string usage_message(CLI::App& app, const CLI::Error& e, int argc, char** argv, Lang lang);

// A check for an option naming a file to write: its name must end in `extension` (".xlsx"), so
// that what is written is what the name says (case-insensitive). The refusal is in `lang`.
CLI::Validator output_named(Lang lang, std::string extension);

// Gives `app` (before its subcommands are added) a help formatter that words descriptions and
// labels in `lang`.
void use_help_in(CLI::App& app, Lang lang);

// Names the groups --help lists options and commands under ("Options", "Subcommands") in `lang`;
// called once every command is added.
void name_help_groups(CLI::App& app, Lang lang);

// The text --help shows for `description` (a command's or option's, written in English, or
// "English / 中文") in `lang`; "" when the catalogue lacks it in Chinese.
std::string help_text(Lang lang, std::string_view description);

}  // namespace pitwall::cli
