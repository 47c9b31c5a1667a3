#pragma once
// Terminal forms of the workflow documents (app/workflow/workflow.hpp), in the context's language.
// The
// --json form prints the same document as it is.

#include "cli/context.hpp"
#include "io/json/json.hpp"

namespace pitwall::cli {

using Printer = void (*)(const Context& ctx, const io::Json& doc);

void print_status(const Context& ctx, const io::Json& doc);
void print_freeze(const Context& ctx, const io::Json& doc);
void print_seal(const Context& ctx, const io::Json& doc);
void print_verify(const Context& ctx, const io::Json& doc);
void print_carry_over(const Context& ctx, const io::Json& doc);
void print_files(const Context& ctx, const io::Json& doc);
void print_closing_plan(const Context& ctx, const io::Json& doc);
void print_retrospective(const Context& ctx, const io::Json& doc);
void print_signoff(const Context& ctx, const io::Json& doc);
void print_store_orders(const Context& ctx, const io::Json& doc);
void print_queue(const Context& ctx, const io::Json& doc);
void print_decision(const Context& ctx, const io::Json& doc);

}  // namespace pitwall::cli
