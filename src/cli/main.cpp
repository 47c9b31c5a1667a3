#include "cli/allocator.hpp"
#include "cli/app.hpp"

int main(int argc, char** argv) {
  pitwall::cli::use_huge_pages(argv);
  return pitwall::cli::run_main(argc, argv);
}
