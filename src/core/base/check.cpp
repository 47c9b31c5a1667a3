#include "core/base/check.hpp"

#include <fmt/format.h>

namespace pitwall::core {

void fail_check(const char* condition, const char* why, const char* file, int line) {
  throw InternalError(fmt::format("{}:{}: check failed: {} ({})", file, line, condition, why));
}

}  // namespace pitwall::core
