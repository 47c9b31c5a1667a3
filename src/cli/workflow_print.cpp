#include "cli/workflow_print.hpp"

#include <fmt/format.h>

#include "app/workflow/words.hpp"
#include "core/base/money.hpp"

namespace pitwall::cli {

namespace {

std::string yuan(int64_t fen) { return core::Money::from_fen(fen).to_display_string(); }

std::string text_or_dash(const io::Json& j, std::string_view key) {
  const io::Json* v = j.find(key);
  return v == nullptr || v->is_null() || (v->is_string() && v->as_string().empty())
             ? "-"
             : (v->is_string() ? v->as_string() : v->dump());
}

std::string joined(const io::Json* list, size_t limit = 12) {
  if (list == nullptr) return "";
  std::string out;
  size_t n = 0;
  for (const auto& item : list->items()) {
    if (n == limit) {
      out += fmt::format(", … (+{})", list->size() - limit);
      break;
    }
    out += (n++ == 0 ? "" : ", ") + (item.is_string() ? item.as_string() : item.dump());
  }
  return out;
}

std::string status_word(const Context& ctx, std::string_view status) {
  return app::workflow::status_words(ctx.lang, status);
}

void print_stores(const Context& ctx, const io::Json& stores) {
  fmt::print("{}\n", tr(ctx.lang, "workflow.stores_line", stores.get_int("total"),
                        stores.get_int("current"), stores.get_int("stale"),
                        stores.get_int("deemed"), stores.get_int("pending")));
  for (std::string_view status : {"stale", "pending"}) {
    io::Json codes = io::Json::array();
    if (const io::Json* list = stores.find("list")) {
      for (const auto& s : list->items()) {
        if (s.get_string("status") == status) codes.push(s.get_string("store"));
      }
    }
    if (codes.size() > 0) {
      fmt::print("    {}: {}\n", status_word(ctx, status), joined(&codes));
    }
  }
}

void print_signoff_line(const Context& ctx, const io::Json& s) {
  std::string scope = s.get_string("scope");
  std::string what = s.get_string("kind") == "finance" ? tr(ctx.lang, "workflow.finance") : scope;
  fmt::print("  {:<12} {:<10} {} {}\n", what, status_word(ctx, s.get_string("status")),
             text_or_dash(s, "who"), text_or_dash(s, "at"));
}

}  // namespace

void print_status(const Context& ctx, const io::Json& d) {
  const io::Json& dates = *d.find("dates");
  const io::Json& plan = *d.find("planning");
  fmt::print("{}\n",
             tr(ctx.lang, "workflow.status_title", d.get_string("campaign"), d.get_string("name"),
                status_word(ctx, d.get_string("state")), d.get_string("now")));
  fmt::print("{}\n", tr(ctx.lang, "workflow.cutoffs_line", dates.get_string("start"),
                        dates.get_string("end"), dates.get_string("store_review_cutoff"),
                        dates.get_string("appeal_cutoff"), dates.get_string("review_window_end")));
  fmt::print("{}\n",
             tr(ctx.lang, "workflow.freeze_line", text_or_dash(dates, "frozen_at"),
                text_or_dash(dates, "seal_allowed_from"), text_or_dash(dates, "sealed_at")));
  fmt::print(
      "{}\n",
      tr(ctx.lang, plan.get_bool("enough") ? "workflow.planning_ok" : "workflow.planning_short",
         plan.get_int("review_days") + plan.get_int("freeze_days"),
         plan.find("campaign_days")->dump(),
         fmt::format("{:.1f}", plan.get_double("closeout_share") * 100)));
  if (const io::Json* run = d.find("run"); run && run->is_object()) {
    std::string key = run->get_bool("sealed")    ? "closeout.run_status_sealed"
                      : run->get_bool("current") ? "closeout.run_status_current"
                                                 : "closeout.run_status_stale";
    fmt::print("  {}\n", tr(ctx.lang, key, run->get_int("run"), run->get_string("created_at"),
                            text_or_dash(*run, "by")));
  }
  if (const io::Json* err = d.find("numbers_error")) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.numbers_error", err->as_string()));
  } else {
    fmt::print("{}\n", tr(ctx.lang, "workflow.signoffs_title", d.get_string("definition")));
    print_stores(ctx, *d.find("stores"));
    for (const auto& s : d.find("signoffs")->items()) print_signoff_line(ctx, s);
    const io::Json& q = *d.find("arbitration");
    fmt::print("{}\n", tr(ctx.lang, "workflow.queue_line", q.get_int("items"), q.get_int("open"),
                          q.get_int("decided"), text_or_dash(q, "arbiter")));
  }
  const io::Json& carry = *d.find("carry_overs");
  fmt::print("{}\n", tr(ctx.lang, "workflow.carry_line", carry.find("items")->size(),
                        yuan(carry.get_int("total_fen"))));
  if (const io::Json* seal = d.find("seal"); seal && seal->is_object()) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.sealed_line", seal->get_string("snapshot_sha256")));
  }
}

void print_freeze(const Context& ctx, const io::Json& d) {
  fmt::print("{}\n",
             tr(ctx.lang, "workflow.frozen", d.get_string("campaign"), d.get_string("frozen_at"),
                d.get_string("seal_allowed_from"), d.get_string("definition")));
  const io::Json* deemed = d.find("deemed_stores");
  fmt::print("{}\n", tr(ctx.lang, "workflow.deemed", deemed->size(), joined(deemed)));
  for (const auto& pin : d.find("pins")->items()) {
    fmt::print("  {:<10} {}\n", pin.get_string("kind"), joined(pin.find("batches")));
  }
}

void print_seal(const Context& ctx, const io::Json& d) {
  fmt::print("{}\n", tr(ctx.lang, "workflow.sealed", d.get_string("campaign"),
                        d.get_string("sealed_at"), d.get_string("snapshot_sha256"),
                        d.get_int("chain_length"), d.get_string("chain_head")));
}

void print_verify(const Context& ctx, const io::Json& d) {
  const io::Json& log = *d.find("adjustment_log");
  fmt::print("{}\n", tr(ctx.lang, log.get_bool("ok") ? "workflow.chain_ok" : "workflow.chain_bad",
                        log.get_int("length"), log.get_int("bad_seq"), log.get_string("problem")));
  const io::Json* snap = d.find("snapshot");
  if (snap == nullptr || snap->is_null()) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.not_sealed"));
  } else if (snap->find("error") != nullptr) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.snapshot_not_recomputed", snap->get_string("error")));
  } else {
    fmt::print("{}\n",
               tr(ctx.lang, snap->get_bool("ok") ? "workflow.snapshot_ok" : "workflow.snapshot_bad",
                  snap->get_string("sealed_sha256"), snap->get_string("current_sha256")));
    for (const auto& s : snap->find("sections")->items()) {
      if (!s.get_bool("ok"))
        fmt::print("  {}: {}\n", tr(ctx.lang, "workflow.section_changed"), s.get_string("name"));
    }
    for (const auto& line : snap->find("differences")->items()) {
      fmt::print("    {}\n", line.as_string());
    }
  }
  const io::Json* problems = d.find("problems");
  fmt::print("{}\n", d.get_bool("ok") ? tr(ctx.lang, "workflow.verify_ok")
                                      : tr(ctx.lang, "workflow.verify_problems", joined(problems)));
}

void print_carry_over(const Context& ctx, const io::Json& d) {
  fmt::print("{}\n",
             tr(ctx.lang, "workflow.carried_over", d.get_int("seq"), d.get_string("order_id"),
                yuan(d.get_int("amount_fen")), d.get_string("reason"), d.get_string("campaign")));
}

void print_files(const Context& ctx, const io::Json& d) {
  for (const auto& f : d.find("files")->items()) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.wrote", f.as_string()));
  }
}

void print_closing_plan(const Context& ctx, const io::Json& d) {
  const io::Json& cut = *d.find("cutoffs");
  fmt::print("{}\n", tr(ctx.lang, "workflow.plan_cutoffs", cut.get_string("order"),
                        cut.get_string("store_review"), cut.get_string("appeal")));
  for (const auto& m : d.find("messages")->items()) {
    fmt::print("  {}  {:<28} {:>8}  {}\n", m.get_string("send_at"),
               tr(ctx.lang, fmt::format("workflow.message.{}", m.get_string("id"))),
               m.get_int("recipients"), m.get_string("file"));
  }
  const io::Json& cap = *d.find("capacity");
  fmt::print("{}\n", tr(ctx.lang, "workflow.capacity", cap.get_string("peak_from"),
                        cap.get_string("peak_to"), cap.find("median_hourly_orders")->dump(),
                        cap.find("expected_hourly_orders")->dump(), cap.get_int("hours_observed")));
}

void print_retrospective(const Context& ctx, const io::Json& d) {
  const io::Json& f = *d.find("funnel");
  fmt::print("{}\n", tr(ctx.lang, "workflow.funnel", d.get_string("definition"),
                        f.get_int("reached"), f.get_int("visited"), f.get_int("ordered"),
                        f.get_int("paid"), f.get_int("redeemed")));
  for (const auto& t : d.find("tiers")->items()) {
    fmt::print("  {:<10} {:>8}  {:>16}\n", tr(ctx.lang, "workflow.tier." + t.get_string("tier")),
               t.get_int("customers"), yuan(t.get_int("amount_fen")));
  }
  for (std::string_view kind : {"went_right", "went_wrong", "recommendations"}) {
    fmt::print("{}\n", tr(ctx.lang, fmt::format("workflow.notes.{}", kind)));
    for (const auto& n : d.find(kind)->items()) {
      fmt::print("  {}. {} ({})\n", n.get_int("number"), n.get_string("text"), n.get_string("who"));
    }
  }
}

void print_signoff(const Context& ctx, const io::Json& d) {
  std::string kind = d.get_string("kind");
  std::string scope = kind == "finance" ? tr(ctx.lang, "workflow.finance") : d.get_string("scope");
  const io::Json& t = *d.find("totals");
  fmt::print("{}\n", tr(ctx.lang, "workflow.signed", scope, d.get_string("who"), d.get_string("at"),
                        t.get_int("orders"), yuan(t.get_int("amount_fen")),
                        d.get_string("definition"), d.get_string("digest").substr(0, 12)));
  if (const io::Json* disputes = d.find("disputes")) {
    for (const auto& x : disputes->items()) {
      fmt::print("{}\n", tr(ctx.lang, "workflow.disputed", x.get_string("order_id"),
                            x.get_string("claim"), x.get_string("order_store")));
    }
  }
}

void print_store_orders(const Context& ctx, const io::Json& d) {
  const io::Json& t = *d.find("totals");
  fmt::print("{}\n", tr(ctx.lang, "workflow.store_orders_title", d.get_string("store"),
                        d.get_string("name"), d.get_string("region"), t.get_int("orders"),
                        yuan(t.get_int("amount_fen")), d.get_string("definition")));
  const io::Json& c = *d.find("confirmation");
  fmt::print("{}\n",
             tr(ctx.lang, "workflow.confirmation_line", status_word(ctx, c.get_string("status")),
                text_or_dash(c, "who"), text_or_dash(c, "at")));
  for (const auto& o : d.find("orders")->items()) {
    fmt::print(
        "  {:<20} {:<12} {:<9} {:>12}  {}\n", o.get_string("order_id"), o.get_string("customer_id"),
        app::workflow::order_status_words(ctx.lang, o.get_string("status")),
        yuan(o.get_int("paid_fen")),
        o.get_bool("counted") ? ""
                              : app::workflow::not_counted_words(ctx.lang, o.get_string("reason")));
  }
  const io::Json* needs = d.find("needs_store");
  fmt::print("{}\n", tr(ctx.lang, "workflow.needs_store", needs->size()));
  for (const auto& n : needs->items()) {
    fmt::print("  {:<20} {} {} {}\n", n.get_string("order_id"),
               app::workflow::rule_words(ctx.lang, n.get_string("rule")),
               app::workflow::field_words(ctx.lang, n.get_string("field")), n.get_string("after"));
  }
  for (const auto& x : d.find("claims_on_its_orders")->items()) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.claimed_by", x.get_string("order_id"),
                          x.get_string("store"), x.get_string("note")));
  }
}

std::string rule_words(const Context& ctx, const std::string& rule) {
  return app::workflow::rule_words(ctx.lang, rule);
}

std::string decision_words(const Context& ctx, const io::Json& x) {
  return app::workflow::decision_words(ctx.lang, x.get_string("decision"), x.get_string("store"));
}

// The arbitration queue with what the arbiter weighs: each item's reasons in words, its customer,
// the evidence (ring members and their shared accounts, the changed field, the store's note)
// and the stores that claim it.
void print_queue(const Context& ctx, const io::Json& d) {
  fmt::print("{}\n", tr(ctx.lang, "workflow.queue_title", d.size()));
  for (const auto& q : d.items()) {
    std::string decision = "-";
    if (const io::Json* x = q.find("decision"); x && x->is_object()) {
      decision = decision_words(ctx, *x);
    }
    std::string reasons;
    for (const auto& r : q.find("reasons")->items()) {
      reasons += (reasons.empty() ? "" : "、") + rule_words(ctx, r.as_string());
    }
    fmt::print("  {:<20} {:<8} {:>12}  {:<8} {}  [{}]\n", q.get_string("order_id"),
               q.get_string("store"), yuan(q.get_int("amount_fen")),
               status_word(ctx, q.get_string("status")), reasons, decision);
    fmt::print("{}\n", tr(ctx.lang, "workflow.queue_customer", q.get_string("customer_id"),
                          tr(ctx.lang,
                             q.get_bool("counted") ? "workflow.counted" : "workflow.not_counted")));
    for (const auto& e : q.find("evidence")->items()) {
      std::string rule = rule_words(ctx, e.get_string("rule"));
      if (e.get_string("kind") == "dispute") {
        std::string note = e.get_string("detail").empty() ? "-" : e.get_string("detail");
        fmt::print("{}\n", tr(ctx.lang, "workflow.queue_note", e.get_string("after"), rule, note));
        continue;
      }
      std::string change = app::workflow::field_words(ctx.lang, e.get_string("field"));
      if (!e.get_string("before").empty() || !e.get_string("after").empty()) {
        change += fmt::format(" {} → {}", text_or_dash(e, "before"), text_or_dash(e, "after"));
      }
      std::string detail = e.get_string("detail");
      std::string text = change.empty() ? detail : detail.empty() ? change : change + "; " + detail;
      fmt::print("{}\n", tr(ctx.lang, "workflow.queue_evidence", rule, text));
    }
    if (q.find("claimants")->size() > 0) {
      fmt::print("{}\n", tr(ctx.lang, "workflow.queue_claimants", joined(q.find("claimants"))));
    }
  }
}

void print_decision(const Context& ctx, const io::Json& d) {
  std::string decision = d.get_string("decision");
  if (decision == "store") decision += ":" + d.get_string("store");
  fmt::print("{}\n", tr(ctx.lang, "workflow.decided", d.get_string("order_id"), decision,
                        d.get_string("reason")));
  for (const auto& b : d.find("blacklist_added")->items()) {
    fmt::print("{}\n",
               tr(ctx.lang, "workflow.blacklisted", b.get_string("kind"), b.get_string("value")));
  }
  if (!d.get_bool("numbers_current")) {
    fmt::print("{}\n", tr(ctx.lang, "workflow.numbers_to_recompute", d.get_string("campaign")));
  }
}

}  // namespace pitwall::cli
