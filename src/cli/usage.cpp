#include "cli/usage.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <regex>
#include <vector>

#include "core/base/display_width.hpp"
#include "core/base/nearest.hpp"

namespace pitwall::cli {

namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// An option of `app` or of a parent it falls through to, by a name as written ("-w", "--as").
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* o = app->get_option_no_throw(name)) return o;
  }
  return nullptr;
}

CLI::App* find_subcommand(CLI::App* app, std::string_view word) {
  for (CLI::App* sub : app->get_subcommands({})) {
    if (sub->check_name(std::string(word))) return sub;
  }
  return nullptr;
}

bool has_positionals(const CLI::App* app) {
  return !app->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
}

// Where the words of a command line lead: the deepest command they name, the first word where a
// command was expected that names none, the first option no command along the way knows.
struct Walk {
  CLI::App* command = nullptr;
  std::string unknown_word;
  std::string unknown_option;
};

Walk walk_words(CLI::App& root, int argc, char** argv) {
  Walk w;
  w.command = &root;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    if (a.size() > 1 && a.front() == '-') {
      std::string name(a.substr(0, a.find('=')));
      const CLI::Option* opt = find_option(w.command, name);
      if (opt == nullptr) {
        if (w.unknown_option.empty()) w.unknown_option = name;
        continue;
      }
      if (a.find('=') == std::string_view::npos && opt->get_items_expected_max() > 0) ++i;
      continue;
    }
    if (CLI::App* sub = find_subcommand(w.command, a)) {
      w.command = sub;
      continue;
    }
    bool wants_command = !w.command->get_subcommands({}).empty() && !has_positionals(w.command);
    if (wants_command) {
      w.unknown_word = std::string(a);
      break;
    }
  }
  return w;
}

// "pitwall closeout" for the command `app`.
std::string command_path(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app != nullptr; app = app->get_parent()) {
    names.push_back(app->get_parent() ? app->get_name() : "pitwall");
  }
  std::string out;
  for (auto it = names.rbegin(); it != names.rend(); ++it) out += (out.empty() ? "" : " ") + *it;
  return out;
}

std::vector<std::string> subcommand_names(CLI::App* app) {
  std::vector<std::string> out;
  for (CLI::App* sub : app->get_subcommands({})) out.push_back(sub->get_name());
  return out;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* o : app->get_options()) {
      for (const std::string& n : o->get_lnames()) out.push_back("--" + n);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

// CLI11's sentence for `e` in `lang`, with the names it holds.
std::string worded_cli_error(const CLI::Error& e, Lang lang) {
  std::string text = e.what();
  std::string name = e.get_name();
  std::smatch m;
  if (name == "RequiredError" && std::regex_match(text, m, std::regex("(.+) is required"))) {
    return tr(lang, "cli.required_option", m[1].str());
  }
  if (name == "ArgumentMismatch") {
    if (std::regex_match(text, m, std::regex("(\\S+): \\d+ required (\\S+) missing"))) {
      return tr(lang, "cli.value_missing", m[1].str());
    }
    if (std::regex_search(text, m, std::regex("arguments to (\\S+), got"))) {
      return tr(lang, "cli.value_count", m[1].str());
    }
    if (std::regex_match(text, m, std::regex("(\\S+): At (least|Most) .*"))) {
      return tr(lang, "cli.value_count", m[1].str());
    }
  }
  if (name == "ConversionError") {
    if (std::regex_match(text, m, std::regex("Could not convert: (\\S+) = (.*)"))) {
      return tr(lang, "cli.bad_value", m[1].str(), m[2].str());
    }
    if (std::regex_match(text, m, std::regex("The value (.*) is not an allowed value for (.*)"))) {
      return tr(lang, "cli.bad_value", m[2].str(), m[1].str());
    }
  }
  if (name == "ValidationError") {
    // Our own checks (--lang, --now) are worded already; CLI11's ranges are not.
    if (std::regex_match(text, m, std::regex("(\\S+): Value (\\S+) not in range (.*)"))) {
      return tr(lang, "cli.out_of_range", m[1].str(), m[2].str(), m[3].str());
    }
    return text;
  }
  if (name == "ExcludesError" && std::regex_match(text, m, std::regex("(\\S+) excludes (\\S+)"))) {
    return tr(lang, "cli.excludes", m[1].str(), m[2].str());
  }
  if (name == "RequiresError" && std::regex_match(text, m, std::regex("(\\S+) requires (\\S+)"))) {
    return tr(lang, "cli.requires", m[1].str(), m[2].str());
  }
  if (name == "ExtrasError") {
    auto colon = text.find(": ");
    return tr(lang, "cli.unexpected", colon == std::string::npos ? text : text.substr(colon + 2));
  }
  return tr(lang, "cli.other", text);
}

}  // namespace

bool is_known_language(std::string_view text) {
  return text.substr(0, 2) == "zh" || text.substr(0, 2) == "en";
}

Lang language_of_arguments(int argc, char** argv) {
  std::string lang = env_or("PITWALL_LANG", env_or("LANG", ""));
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) lang = argv[i + 1];
    if (a.starts_with("--lang=")) lang = std::string(a.substr(7));
  }
  return parse_lang(lang);
}

std::string usage_message(CLI::App& app, const CLI::Error& e, int argc, char** argv, Lang lang) {
  Walk w = walk_words(app, argc, argv);
  std::string where = command_path(w.command);
  std::string what;
  if (!w.unknown_word.empty()) {
    auto names = subcommand_names(w.command);
    std::string near = core::nearest_word(w.unknown_word, names);
    what = near.empty() ? tr(lang, "cli.unknown_command", w.unknown_word, where, joined(names))
                        : tr(lang, "cli.unknown_command_near", w.unknown_word, where, near);
  } else if (!w.unknown_option.empty()) {
    std::string near = core::nearest_word(w.unknown_option, option_names(w.command));
    what = near.empty() ? tr(lang, "cli.unknown_option", w.unknown_option, where)
                        : tr(lang, "cli.unknown_option_near", w.unknown_option, where, near);
  } else if (std::string(e.what()) == "A subcommand is required" ||
             std::string(e.what()).starts_with("Requires at least")) {
    what = tr(lang, "cli.command_required", where, joined(subcommand_names(w.command)));
  } else {
    what = worded_cli_error(e, lang);
  }
  return fmt::format("pitwall: {}\n{}\n", what, tr(lang, "cli.see_help", where));
}

std::string help_text(Lang lang, std::string_view description) {
  std::string_view english = description;
  std::string_view chinese;
  // "English / 中文": the part after the last " / " when it is not ASCII ("served at / (default
  // ...)" is English throughout).
  if (auto slash = description.rfind(" / "); slash != std::string_view::npos) {
    std::string_view after = description.substr(slash + 3);
    bool ascii = std::all_of(after.begin(), after.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
      english = description.substr(0, slash);
      chinese = after;
    }
  }
  if (lang == Lang::kEn) return std::string(english);
  std::string_view found = app::help_message(english);
  if (!found.empty()) return std::string(found);
  return std::string(chinese);
}

namespace {

// The description in `lang`, the English one when the catalogue lacks it (a test forbids that).
std::string described(Lang lang, const std::string& description) {
  std::string text = help_text(lang, description);
  if (!text.empty() || description.empty()) return text;
  return help_text(Lang::kEn, description);
}

// One "  name   description" line of --help, as CLI::detail::format_help writes it but padded to
// `width` by display width: a CJK placeholder (必填) takes two columns per character, and CLI11
// counts bytes (three per character), which put such names' descriptions out of line.
std::string help_line(const std::string& name, const std::string& description, size_t width) {
  std::string out = "  " + name;
  auto used = static_cast<size_t>(core::display_width(out));
  if (!description.empty()) {
    if (used >= width) {
      out += "\n";
      used = 0;
    }
    out.append(width - used, ' ');
    for (char c : description) {
      out.push_back(c);
      if (c == '\n') out.append(width, ' ');
    }
  }
  return out + "\n";
}

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(Lang lang) : lang_(lang) {
    // Value placeholders (TEXT, INT) stay as they are: they keep the columns aligned.
    for (const char* label :
         {"Usage", "Options", "Subcommands", "Positionals", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS",
          "REQUIRED", "Excludes", "Needs", "Env", "Default"}) {
      this->label(label, tr(lang, fmt::format("cli.label.{}", label)));
    }
  }

  std::string make_description(const CLI::App* app) const override {
    std::string desc = described(lang_, app->get_description());
    return desc.empty() ? std::string() : desc + "\n";
  }

  std::string make_subcommand(const CLI::App* sub) const override {
    return help_line(sub->get_display_name(true), described(lang_, sub->get_description()),
                     column_width_);
  }

  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return help_line(make_option_name(opt, is_positional) + make_option_opts(opt),
                     make_option_desc(opt), column_width_);
  }

  std::string make_option_desc(const CLI::Option* opt) const override {
    return described(lang_, opt->get_description());
  }

 private:
  Lang lang_;
};

}  // namespace

CLI::Validator output_named(Lang lang, std::string extension) {
  return CLI::Validator(
      [lang, extension](std::string& value) -> std::string {
        std::string lower = value;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower.size() > extension.size() && lower.ends_with(extension)) return {};
        return tr(lang, "cli.output_extension", value, extension);
      },
      "", "output " + extension);
}

void use_help_in(CLI::App& app, Lang lang) { app.formatter(std::make_shared<HelpFormatter>(lang)); }

void name_help_groups(CLI::App& app, Lang lang) {
  std::string options = tr(lang, "cli.label.Options");
  std::string subcommands = tr(lang, "cli.label.Subcommands");
  for (CLI::Option* o : app.get_options()) {
    if (o->get_group() == "Options") o->group(options);
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group() == "Subcommands") sub->group(subcommands);
    name_help_groups(*sub, lang);
  }
}

}  // namespace pitwall::cli
