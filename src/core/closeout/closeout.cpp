#include "core/closeout/closeout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/base/check.hpp"
#include "core/closeout/kernels.hpp"
#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout {

Status check_amount_headroom(const CloseoutInputs& in) {
  const Table& orders = *in.orders;
  MoneyMagnitude m = money_magnitude(orders);
  // An order's amount may come from its own cells, a correction or the price list, and each
  // counted order adds the fixed per-order rebate: bound each order by all of them at once.
  unsigned __int128 per_order =
      static_cast<uint64_t>(std::max<int64_t>(in.campaign->rebate.per_order.fen(), 0));
  if (in.corrections) per_order += money_magnitude(*in.corrections).largest;
  if (in.price_list) per_order += money_magnitude(*in.price_list).largest;
  unsigned __int128 bound = m.sum + per_order * orders.rows();
  if (bound <= static_cast<unsigned __int128>(kMoneyHeadroomFen)) return {};
  Error e = invalid_input(fmt::format(
      "the amounts are too large to add up exactly: the {} orders' amounts (with their "
      "corrections, list prices and per-order rebate) reach {:.4g} yuan in magnitude, more than "
      "the {:.4g} yuan every total must stay within; check the amount columns for a misplaced "
      "number (an id or a phone number read as an amount)",
      orders.rows(), static_cast<double>(bound) / 100,
      static_cast<double>(kMoneyHeadroomFen) / 100));
  e.at_column("paid_amount");
  return e;
}

namespace {
Status check_inputs(const CloseoutInputs& in) {
  PW_CHECK(in.campaign && in.zone && in.orders, "campaign, zone and orders are required");
  PW_CHECK(in.orders->kind == TableKind::kOrders, "orders table of another kind");
  auto check_kind = [](const Table* t, TableKind kind) {
    PW_CHECK(t == nullptr || t->kind == kind, "side table of another kind");
  };
  check_kind(in.stores, TableKind::kStores);
  check_kind(in.staff, TableKind::kStaff);
  check_kind(in.customers, TableKind::kCustomers);
  check_kind(in.price_list, TableKind::kPriceList);
  check_kind(in.blacklist, TableKind::kBlacklist);
  check_kind(in.corrections, TableKind::kCorrections);
  check_kind(in.exceptions, TableKind::kExceptions);
  if (in.definitions.empty()) {
    Error e =
        invalid_input("no metric definition to evaluate (add one with pitwall definition add)");
    e.at_column("definitions");
    return e;
  }
  std::set<std::string> names;
  std::string known;
  for (const MetricDefinition& d : in.definitions) {
    if (!names.insert(d.name).second) {
      return invalid_input(fmt::format("metric definition \"{}\" given twice", d.name));
    }
    known += (known.empty() ? "" : ", ") + d.name;
  }
  TRY(check_amount_headroom(in));
  if (!names.count(in.campaign->settlement_definition)) {
    Error e = not_found(
        fmt::format("the campaign's settlement definition \"{}\" is not among the definitions ({})",
                    in.campaign->settlement_definition, known));
    e.at_column("settlement_definition");
    return e;
  }
  return {};
}
}  // namespace

Result<RunResult> run_closeout(const CloseoutInputs& inputs) {
  TRY(check_inputs(inputs));
  RunResult result;
  detail::Pipeline p(inputs, result);
  auto done = [&](const char* stage) {
    if (inputs.on_stage) inputs.on_stage(stage);
  };
  detail::collect(p);
  done("collect");
  detail::build_domains(p);
  free_memory(p.memo2);
  detail::start_identifiers(p);
  done("domains");
  detail::build_cleaned_view(p);
  done("cleaned");
  detail::validate(p);
  // Each array freed after its last reader, so that the next stages' arrays can take its place.
  free_memory(p.store_seen);
  free_memory(p.customer_master_row);
  done("validate");
  detail::deduplicate(p);
  free_memory(p.customer_master_phone);
  free_memory(p.customer_master_vin);
  done("dedup");
  detail::detect_fraud(p);
  done("fraud");
  // What only the stages before evaluation read (a GB at 10M orders), freed so that the
  // evaluations' arrays can take its place.
  free_memory(p.phone_key);
  free_memory(p.vin_key);
  free_memory(p.by_identity);
  free_memory(p.customer_blacklist);
  free_memory(p.phone_blacklist);
  free_memory(p.vin_blacklist);
  // The findings are complete after fraud: merging them and the gray zone do not depend on the
  // evaluations and settlement (nor these on them), so both go at once.
  run_tasks(p.threads, {[&] {
                          detail::evaluate(p);
                          detail::settle(p);
                        },
                        [&] { detail::finish_findings(p); }});
  done("evaluate_settle_findings");
  return result;
}

}  // namespace pitwall::core::closeout
