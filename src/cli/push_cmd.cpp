// The "push" command group (see commands.hpp; docs/push.md): group robot targets (add, list,
// remove, test), the delivery log, a scheduler pass now. Each parses, builds the session, calls
// one use case of app/push/ and prints its text or its JSON (--json).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/push/notices.hpp"
#include "app/push/push_json.hpp"
#include "app/push/scheduler.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "server/webhook.hpp"

namespace pitwall::cli {

namespace {

namespace push = app::push;

struct PushArgs {
  std::string as;
  bool json = false;
  std::string id;
  push::AddTargetRequest add;
  push::DeliveriesRequest deliveries;
  push::NoticesRequest notices;
  std::vector<std::string> values;
  std::string reason;
};

// Adds a subcommand with --as and --json; its callback opens the workspace, builds the session
// and runs `body`.
CLI::App* push_command(CLI::App& group, Context& ctx, const char* name, const char* help,
                       std::shared_ptr<PushArgs> a,
                       std::function<core::Status(const app::Session&, const PushArgs&)> body) {
  auto* cmd = group.add_subcommand(name, help);
  cmd->add_option("--as", a->as, "who (a registered user; default PITWALL_AS)");
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&ctx, a, body] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      app::Session s = TRY(ctx.session(*ws, a->as));
      return body(s, *a);
    }());
  });
  return cmd;
}

void print_target(const push::Target& t, Lang lang) {
  std::string messages;
  for (auto k :
       {push::MessageKind::kBoard, push::MessageKind::kAlert, push::MessageKind::kReminder}) {
    if (!t.takes(k)) continue;
    if (!messages.empty()) messages += ",";
    messages += push::message_token(k);
  }
  fmt::print("{} {:<8} {:<10} {} {:02}:{:02} {:<22} {}\n  {} {}\n", t.id, push::robot_token(t.kind),
             t.region.empty() ? tr(lang, "supervision.network") : t.region,
             t.lang == Lang::kEn ? "en" : "zh", t.board_minute / 60, t.board_minute % 60, messages,
             t.name, push::masked_url(t.url),
             tr(lang, t.secret.empty() ? "push.cli.no_secret" : "push.cli.secret_set"));
}

void print_delivery(const push::Delivery& d) {
  fmt::print("{:<7} {:<8} {} {}\n", push::delivery_status_token(d.status), d.target, d.key,
             d.attempts);
  fmt::print("  {}{}\n", d.title, d.error.empty() ? "" : " — " + d.error);
}

core::Status add(const app::Session& s, const PushArgs& a) {
  push::AddTargetRequest r = a.add;
  if (r.secret == "-") std::getline(std::cin, r.secret);  // kept out of the shell's history
  auto t = TRY(push::add_target(s, r));
  if (a.json) {
    print_json(push::to_json(t));
  } else {
    fmt::print("{}\n", s.tr("push.cli.added", t.id));
    print_target(t, s.lang);
  }
  return {};
}

core::Status list(const app::Session& s, const PushArgs& a) {
  auto targets = TRY(push::list_targets(s));
  if (a.json) {
    print_json(push::to_json(targets));
    return {};
  }
  for (const auto& t : targets) print_target(t, s.lang);
  if (targets.empty()) fmt::print("{}\n", s.tr("push.cli.no_targets"));
  return {};
}

core::Status remove(const app::Session& s, const PushArgs& a) {
  auto t = TRY(push::remove_target(s, a.id));
  if (a.json) {
    print_json(push::to_json(t));
  } else {
    fmt::print("{}\n", s.tr("push.cli.removed", t.id, t.name));
  }
  return {};
}

core::Status test(const app::Session& s, const PushArgs& a) {
  server::CurlWebhook hook;
  auto d = TRY(push::test_target(s, a.id, hook));
  if (a.json) {
    print_json(push::to_json(d));
  } else {
    print_delivery(d);
  }
  return {};
}

core::Status deliveries(const app::Session& s, const PushArgs& a) {
  auto list = TRY(push::list_deliveries(s, a.deliveries));
  if (a.json) {
    print_json(push::to_json(list));
    return {};
  }
  for (const auto& d : list) print_delivery(d);
  if (list.empty()) fmt::print("{}\n", s.tr("push.cli.no_deliveries"));
  return {};
}

core::Status run_now(const app::Session& s, const PushArgs& a, const std::string& public_url) {
  server::CurlWebhook hook;
  push::PushOptions o;
  o.desk_url = public_url;
  auto report = TRY(push::run_due(s, hook, o));
  if (a.json) {
    print_json(push::to_json(report));
    return {};
  }
  for (const auto& d : report.attempted) print_delivery(d);
  for (const auto& e : report.errors) fmt::print(stderr, "{}\n", e);
  fmt::print("{}\n", s.tr("push.cli.ran", report.attempted.size()));
  return {};
}

core::Status notices(const app::Session& s, const PushArgs& a) {
  push::NoticesRequest r = a.notices;
  if (r.out.empty()) r.out = fmt::format("{}-{}.{}", r.campaign, r.template_id, r.format);
  auto result = TRY(push::export_notices(s, r));
  if (a.json) {
    print_json(push::to_json(result));
  } else {
    fmt::print("{}\n", s.tr("push.cli.notices", result.template_id, result.recipients,
                            result.blacklisted, result.opted_out, result.no_contact, result.file));
  }
  return {};
}

core::Status opt_outs(const app::Session& s, const PushArgs& a, bool adding) {
  auto list = TRY(adding ? push::add_opt_outs(s, a.values, a.reason) : push::list_opt_outs(s));
  if (a.json) {
    print_json(push::to_json(list));
    return {};
  }
  for (const auto& o : list) fmt::print("{:<16} {:<10} {}\n", o.value, o.by, o.reason);
  fmt::print("{}\n", s.tr("push.cli.opt_outs", list.size()));
  return {};
}

}  // namespace

void add_push_commands(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("push", "group robots: boards, alerts, reminders / 群机器人推送");
  group->require_subcommand(1);
  auto* target = group->add_subcommand("target", "push targets (HQ) / 推送目标");
  target->require_subcommand(1);

  auto a = std::make_shared<PushArgs>();
  auto* add_cmd = push_command(*target, ctx, "add", "add a group robot / 添加群机器人", a, add);
  add_cmd->add_option("--name", a->add.name, "what the group is, e.g. 华东战区运营群")->required();
  add_cmd->add_option("--kind", a->add.kind, "wecom | dingtalk | feishu")->required();
  add_cmd->add_option("--url", a->add.url, "the robot's webhook address")->required();
  add_cmd->add_option("--secret", a->add.secret,
                      "signing secret (DingTalk 加签, Feishu 签名校验); - reads it from stdin");
  add_cmd->add_option("--region", a->add.region, "one region's stores only (default: network)");
  add_cmd->add_option("--lang", a->add.lang, "zh | en (default zh)");
  add_cmd->add_option("--messages", a->add.messages, "board,alert,reminder (default all)")
      ->delimiter(',');
  add_cmd->add_option("--board-time", a->add.board_time, "HH:MM, campaign zone (default 09:00)");
  add_cmd->add_option("--campaign", a->add.campaign, "one campaign only (default every one)");

  push_command(*target, ctx, "list", "targets, secrets never shown / 推送目标列表",
               std::make_shared<PushArgs>(), list);
  auto r = std::make_shared<PushArgs>();
  push_command(*target, ctx, "remove", "remove a target / 删除推送目标", r, remove)
      ->add_option("ID", r->id, "target id, e.g. PT001")
      ->required();
  auto t = std::make_shared<PushArgs>();
  push_command(*target, ctx, "test", "send a test message now / 发送测试消息", t, test)
      ->add_option("ID", t->id, "target id, e.g. PT001")
      ->required();

  auto d = std::make_shared<PushArgs>();
  auto* log =
      push_command(*group, ctx, "deliveries", "the delivery log (HQ) / 推送记录", d, deliveries);
  log->add_option("--target", d->deliveries.target, "one target's");
  log->add_option("--status", d->deliveries.status, "sending | retry | sent | failed");
  log->add_option("--campaign", d->deliveries.campaign, "one campaign's");

  auto c = std::make_shared<PushArgs>();
  auto* notice =
      push_command(*group, ctx, "notices",
                   "a customer notice's recipient list (CSV/XLSX) / 客户通知名单", c, notices);
  notice->add_option("--campaign", c->notices.campaign, "campaign id")->required();
  notice
      ->add_option("--template", c->notices.template_id,
                   "reminder (T-48h) | thanks | progress (fulfilment)")
      ->required();
  c->notices.format = "csv";
  notice->add_option("--format", c->notices.format, "csv | xlsx (default csv)");
  notice->add_option("--out", c->notices.out, "file (default CAMPAIGN-TEMPLATE.FORMAT)");

  auto* opt = group->add_subcommand("opt-out", "customers who opted out of notices / 退订名单");
  opt->require_subcommand(1);
  auto o = std::make_shared<PushArgs>();
  auto* opt_add =
      push_command(*opt, ctx, "add", "record opt-outs (HQ) / 登记退订", o,
                   [](const app::Session& s, const PushArgs& a) { return opt_outs(s, a, true); });
  opt_add->add_option("VALUE", o->values, "customer ids or phone numbers")->required();
  opt_add->add_option("--reason", o->reason, "e.g. replied TD");
  push_command(*opt, ctx, "list", "the opt-outs / 退订名单", std::make_shared<PushArgs>(),
               [](const app::Session& s, const PushArgs& a) { return opt_outs(s, a, false); });

  auto n = std::make_shared<PushArgs>();
  auto url = std::make_shared<std::string>();
  push_command(*group, ctx, "run", "send what is due at --now, once / 立即推送到期消息", n,
               [url](const app::Session& s, const PushArgs& a) { return run_now(s, a, *url); })
      ->add_option("--public-url", *url, "the desk's public address for the links");
}

}  // namespace pitwall::cli
