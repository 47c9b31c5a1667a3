#pragma once
// The supervise command group's parts, one .cpp each (supervise_cmd.cpp registers them):
// board, trend and sample (supervise_board.cpp); problem (supervise_problem.cpp); review,
// phase and decay (supervise_review.cpp); practice (supervise_practice.cpp).

namespace CLI {
class App;
}

namespace pitwall::cli {

struct Context;

void add_supervise_board_commands(CLI::App& supervise, Context& ctx);
void add_supervise_problem_commands(CLI::App& supervise, Context& ctx);
void add_supervise_review_commands(CLI::App& supervise, Context& ctx);
void add_supervise_practice_commands(CLI::App& supervise, Context& ctx);

}  // namespace pitwall::cli
