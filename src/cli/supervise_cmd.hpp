#pragma once
// The supervise command group's parts, one .cpp each (supervise_cmd.cpp registers them):
// board, measures, alerts, trend and sample (supervise_board.cpp); problem
// (supervise_problem.cpp); review, phase and decay (supervise_review.cpp); practice
// (supervise_practice.cpp). Each command parses, builds the session and the request, calls one
// use case of app/supervision/ and renders its result (supervise_text.hpp) or its JSON.

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
