#include "cli/context.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/i18n/worded.hpp"
#include "io/text/iso_time.hpp"

namespace pitwall::cli {

int64_t Context::now() const {
  if (now_override) return *now_override;
  // The one read of the system clock in Pitwall.
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Result<std::unique_ptr<store::Workspace>> Context::open_workspace() const {
  return app::open_workspace(workspace_dir);
}

core::Result<app::Session> Context::session(store::Workspace& ws, std::string_view as) const {
  std::string name(as);
  if (name.empty()) {
    if (const char* env = std::getenv("PITWALL_AS"); env && *env) name = env;
  }
  if (name.empty()) return app::local_session(ws, lang, now());
  return app::user_session(ws, name, lang, now());
}

int report_error(const Context& ctx, const core::Error& error) {
  const char* format = std::getenv("PITWALL_ERROR_FORMAT");
  if (format != nullptr && std::string_view(format) == "json") {
    // For programs running pitwall (the close-out worker): the error as one JSON line.
    io::Json where = io::Json::object()
                         .set("file", error.where.file)
                         .set("line", error.where.line)
                         .set("column", error.where.column);
    std::string line = io::Json::object()
                           .set("code", core::error_code_name(error.code))
                           .set("message", app::error_message(ctx.lang, error))
                           .set("where", std::move(where))
                           .dump();
    std::fprintf(stderr, "%s\n", line.c_str());
  } else {
    std::fprintf(stderr, "pitwall: %s\n", app::error_text(ctx.lang, error).c_str());
  }
  switch (error.code) {
    case core::ErrorCode::kUsage:
      return 2;
    case core::ErrorCode::kInternal:
      return 70;
    default:
      return 1;
  }
}

void print_json(const io::Json& doc) {
  std::string text = doc.dump(true);
  text.push_back('\n');
  std::fwrite(text.data(), 1, text.size(), stdout);
}

int finish(const Context& ctx, const core::Status& status) {
  return status ? 0 : report_error(ctx, status.error());
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

core::Result<int64_t> parse_now(std::string_view text) { return io::parse_iso_instant(text); }

}  // namespace pitwall::cli
