#pragma once
// PW_CHECK: programmer errors and impossible states (style.md §3). Throws InternalError in every
// build type; `main` prints it with file:line and exits 70. Never used for user input.

#include <stdexcept>
#include <string>

namespace pitwall::core {

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void fail_check(const char* condition, const char* why, const char* file, int line);

}  // namespace pitwall::core

#define PW_CHECK(cond, why)                                                   \
  do {                                                                        \
    if (!(cond)) ::pitwall::core::fail_check(#cond, why, __FILE__, __LINE__); \
  } while (0)
