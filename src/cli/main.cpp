#include "app/closeout/memory.hpp"
#include "cli/app.hpp"

int main(int argc, char** argv) {
  pitwall::app::closeout::use_huge_pages(argv);
  return pitwall::cli::run_main(argc, argv);
}
