#pragma once
// The "file:line: column (canonical): " in front of an error's message (Error::to_string), with
// the words for a line without a file given by the caller: the faces word it in the reader's
// language ("第 3 行：").

#include <string>

#include "core/base/error.hpp"

namespace pitwall::core {

// `line_alone` is what stands for a line without a file ("line 3: ").
std::string where_text(const Where& where, const std::string& line_alone);

}  // namespace pitwall::core
