#pragma once
// The message catalogue as the command line names it: the catalogue itself lives below the faces
// (app/i18n/messages.hpp), shared with the HTTP server.

#include "app/i18n/messages.hpp"

namespace pitwall::cli {

using app::Lang;
using app::Message;
using app::message;
using app::message_or;
using app::parse_lang;
using app::tr;

}  // namespace pitwall::cli
