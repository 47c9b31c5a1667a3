#include "cli/app.hpp"

#include <cstdio>

namespace pitwall::cli {

int run_main(int, char**) {
  std::puts("pitwall");
  return 0;
}

}  // namespace pitwall::cli
