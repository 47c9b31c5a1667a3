#include "app/i18n/worded.hpp"

#include <fmt/args.h>

#include "core/base/where_text.hpp"

namespace pitwall::app {

std::string error_message(Lang lang, const core::Error& error) {
  if (error.key.empty()) return error.message;
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const core::MessageArg& arg : error.args) {
    store.push_back(arg.is_key ? std::string(message_or(lang, arg.text, arg.text)) : arg.text);
  }
  return fmt::vformat(message(lang, error.key), store);
}

core::Error worded(Lang lang, core::Error error) {
  error.message = error_message(lang, error);
  return error;
}

std::string error_text(Lang lang, const core::Error& error) {
  return core::where_text(error.where, tr(lang, "core.at_line", error.where.line)) +
         error_message(lang, error);
}

}  // namespace pitwall::app
