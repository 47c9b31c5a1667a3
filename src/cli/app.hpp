#pragma once
// The pitwall command line: builds the command tree (one file per command group) and runs it.
// Exit codes: 0 success, 1 input at fault, 2 wrong usage, 70 a bug (style.md §3).

namespace pitwall::cli {

int run_main(int argc, char** argv);

}  // namespace pitwall::cli
