#pragma once
// Errors worded for their reader. core and io say what went wrong as a catalogue key and its
// arguments (core::Error::key, args) with an English wording beside it; the faces show it in the
// session's language through these functions, and so do the app's own lists of row errors.

#include <string>

#include "app/i18n/messages.hpp"
#include "core/base/error.hpp"

namespace pitwall::app {

// The error's message in `lang`: its key worded from the catalogue (arguments that are keys
// worded too), or its message as it is when it has no key.
std::string error_message(Lang lang, const core::Error& error);

// `error` with its message in `lang` (the key kept).
core::Error worded(Lang lang, core::Error error);

// "file:line: column (canonical): message" in `lang` ("第 3 行：" for a line without a file).
std::string error_text(Lang lang, const core::Error& error);

}  // namespace pitwall::app
