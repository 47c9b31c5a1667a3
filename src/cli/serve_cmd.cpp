// `pitwall serve` (docs/server.md) and `pitwall user passwd` (the first HQ login; server.md §3):
// parse, call, print.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/auth/identity.hpp"
#include "app/auth/password.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "server/server.hpp"

namespace pitwall::cli {

namespace {

struct ServeArgs {
  std::string listen, config, tls_cert, tls_key, data_dir, web, public_url;
  int workers = 0, jobs = 0;
  int64_t clock_rate = 0;
};

std::string this_program() {
  char path[4096];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<size_t>(n)) : std::string("pitwall");
}

core::Status run_serve(Context& ctx, const ServeArgs& a) {
  server::ServerConfig config;
  if (!a.config.empty()) TRY(server::load_config_file(a.config, config));
  if (config.workspace.empty() || ctx.workspace_dir != ".") config.workspace = ctx.workspace_dir;
  if (!a.listen.empty()) TRY(server::parse_listen(a.listen, config.transport));
  if (!a.tls_cert.empty()) config.transport.tls_cert = a.tls_cert;
  if (!a.tls_key.empty()) config.transport.tls_key = a.tls_key;
  if (config.transport.tls_cert.empty() != config.transport.tls_key.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "server.tls_pair"));
    e.at_column("--tls-cert");
    return e;
  }
  if (!a.data_dir.empty()) config.data_dir = a.data_dir;
  // The web desk: --web, else the config's static_dir, else the web/dist of the source tree
  // this program was built from (scripts/build.sh builds it there).
  if (!a.web.empty()) config.static_dir = a.web;
#ifdef PITWALL_WEB_DIST
  if (config.static_dir.empty()) config.static_dir = PITWALL_WEB_DIST;
#endif
  // A database has no folder of its own for uploads and job files: the server is told one.
  bool database =
      config.workspace.starts_with("postgresql://") || config.workspace.starts_with("postgres://");
  if (database && config.data_dir.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "server.data_dir_needed"));
    e.at_column("--data-dir");
    return e;
  }
  if (a.workers > 0) config.workers = a.workers;
  if (a.jobs > 0) config.jobs = a.jobs;
  if (ctx.now_override) config.now = ctx.now_override;
  if (a.clock_rate > 0) config.clock_rate = a.clock_rate;
  if (!a.public_url.empty()) config.public_url = a.public_url;
  config.binary = this_program();
  return server::serve(std::move(config), ctx.lang);
}

// The new password: from stdin (a terminal asks twice without echo), or generated.
core::Result<std::string> read_password(const Context& ctx, bool generate) {
  if (generate) return app::auth::random_password(16);
  bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  auto ask = [&](std::string_view key) {
    std::string line;
    if (terminal) {
      fmt::print(stderr, "{}", tr(ctx.lang, key));
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(std::cin, line);
    if (terminal) {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved);
      fmt::print(stderr, "\n");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  };
  if (terminal) tcgetattr(STDIN_FILENO, &saved);
  std::string first = ask("auth.prompt_password");
  if (terminal && ask("auth.prompt_again") != first) {
    return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "auth.passwords_differ"));
  }
  return first;
}

CLI::App& user_command(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "user") return *sub;
  }
  auto* cmd = app.add_subcommand("user", "people and roles / 人员与角色");
  cmd->require_subcommand(1);
  return *cmd;
}

}  // namespace

void add_serve_commands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "the HTTP API over the workspace / 启动服务");
  serve->add_option("--listen", a->listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option("--config", a->config, "configuration file (TOML; docs/server.md)");
  serve->add_option("--tls-cert", a->tls_cert, "TLS certificate chain (PEM)");
  serve->add_option("--tls-key", a->tls_key, "TLS private key (PEM)");
  serve->add_option("--data-dir", a->data_dir,
                    "uploads and exports (default WORKSPACE/server; needed with a database)");
  serve->add_option("--web", a->web,
                    "the web desk's built files, served at / (default: web/dist of the source "
                    "tree)");
  serve->add_option("--workers", a->workers, "threads answering requests (default 4)");
  serve->add_option("--jobs", a->jobs, "jobs running at once (default 2)");
  serve->add_option("--public-url", a->public_url,
                    "the desk's public address, for links in pushed messages (docs/push.md)");
  serve->add_option("--clock-rate", a->clock_rate,
                    "with --now: clock seconds per real second (a demo of a campaign's days)");
  serve->callback([&ctx, a] { ctx.exit_code = finish(ctx, run_serve(ctx, *a)); });

  struct PasswdArgs {
    std::string name, as;
    bool generate = false;
  };
  auto p = std::make_shared<PasswdArgs>();
  auto* passwd = user_command(app).add_subcommand(
      "passwd", "set a person's password for the server / 设置登录密码");
  passwd->add_option("NAME", p->name, "the person")->required();
  passwd->add_option("--as", p->as,
                     "who sets it (an HQ user; or PITWALL_AS); the first HQ user's password may be "
                     "set by anyone on the workspace's machine");
  passwd->add_flag("--generate", p->generate, "generate one and print it once");
  passwd->callback([&ctx, p] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      app::Session session = TRY(ctx.session(*ws, p->as));
      std::string password = TRY(read_password(ctx, p->generate));
      TRY(app::auth::set_password(session, {p->name, password, std::nullopt}));
      if (p->generate) {
        fmt::print("{}\n", tr(ctx.lang, "auth.password_generated", p->name, password));
      } else {
        fmt::print("{}\n", tr(ctx.lang, "auth.password_set", p->name));
      }
      return {};
    }());
  });
}

}  // namespace pitwall::cli
