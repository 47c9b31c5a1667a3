#include "cli/allocator.hpp"

#if defined(__GLIBC__)
#include <malloc.h>

#include <climits>
#endif

namespace pitwall::cli {

void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);              // large blocks from the heap too, so they can be reused
  mallopt(M_TRIM_THRESHOLD, INT_MAX);  // and never handed back while the command runs
#endif
}

}  // namespace pitwall::cli
