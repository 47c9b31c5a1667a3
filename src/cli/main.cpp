#include "cli/app.hpp"

int main(int argc, char** argv) { return pitwall::cli::run_main(argc, argv); }
