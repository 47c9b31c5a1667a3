#include "app/closeout/memory.hpp"

#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>

#include <climits>
#endif

namespace pitwall::app::closeout {

void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);              // large blocks from the heap too, so they can be reused
  mallopt(M_TRIM_THRESHOLD, INT_MAX);  // and never handed back while the command runs
#endif
}

void return_freed_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void use_huge_pages(char** argv) {
#if defined(__GLIBC__)
  constexpr const char* kTunable = "glibc.malloc.hugetlb";
  const char* off = std::getenv("PITWALL_HUGE_PAGES");
  if (off != nullptr && std::strcmp(off, "0") == 0) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::string value = tunables != nullptr ? tunables : "";
  // Already asked for (by us, or by the user with a value of their own): nothing to do. This
  // is also what ends the restart: the new process finds the tunable set.
  if (value.find(kTunable) != std::string::npos) return;
  value += std::string(value.empty() ? "" : ":") + kTunable + "=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  // The program's own path rather than /proc/self/exe, so that the process keeps its name
  // (ps, top and pgrep show "exe" otherwise); /proc/self/exe if the file was replaced since.
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    execv(self, argv);
  }
  execv("/proc/self/exe", argv);
  // Not started again (no /proc, say): go on as we are, without the tunable in the environment
  // that children would inherit.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", tunables, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
#else
  (void)argv;
#endif
}

}  // namespace pitwall::app::closeout
