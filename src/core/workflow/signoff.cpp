#include "core/workflow/signoff.hpp"

#include <memory>

#include "core/base/sha256.hpp"
#include "core/workflow/canonical.hpp"

namespace pitwall::core::workflow {

namespace {

using closeout::RunResult;
using closeout::StoreSettlement;

void settlement_row(std::string& out, std::string_view tag, std::string_view code,
                    const StoreSettlement& s) {
  CanonicalLine(out, tag)
      .text(code)
      .number(s.orders)
      .number(s.received_fen)
      .number(s.rebate_fen)
      .number(s.raw_orders)
      .number(s.raw_received_fen)
      .number(s.raw_rebate_fen)
      .number(s.overpayment_avoided_fen)
      .number(s.clawback_orders)
      .number(s.clawback_fen)
      .number(s.payable_fen);
}

void totals_row(std::string& out, std::string_view tag, std::string_view name, const Totals& t) {
  CanonicalLine(out, tag).text(name).number(t.orders).number(t.amount_fen).number(t.received_fen);
}

// The settlement row of a store; a zero row when the store has none (the unattributed store).
StoreSettlement settlement_of(const RunResult& run, uint32_t store) {
  for (const auto& s : run.settlement.stores) {
    if (s.store == store) return s;
  }
  StoreSettlement none;
  none.store = store;
  return none;
}

void order_line(std::string& out, const RunResult& run, const Evaluation& e, uint32_t k) {
  CanonicalLine(out, "order")
      .text(run.orders.order_id(k))
      .text(verdict_token(e.verdict[k]))
      .number(e.amount[k]);
}

void store_text(std::string& out, const RunResult& run, uint32_t store) {
  const Evaluation& e = settlement_evaluation(run);
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    if (e.store[k] == store) order_line(out, run, e, k);
  }
  settlement_row(out, "settlement", run.stores.codes[store], settlement_of(run, store));
}

void region_text(std::string& out, const RunResult& run, uint32_t region) {
  const Evaluation& e = settlement_evaluation(run);
  for (uint32_t s : stores_of_region(run.stores, region)) {
    settlement_row(out, "settlement", run.stores.codes[s], settlement_of(run, s));
  }
  totals_row(out, "region", run.stores.regions[region], e.by_region[region]);
}

void network_text(std::string& out, const RunResult& run) {
  const Evaluation& e = settlement_evaluation(run);
  for (const auto& s : run.settlement.stores) {
    settlement_row(out, "settlement", run.stores.codes[s.store], s);
  }
  totals_row(out, "unattributed", kUnattributed, run.settlement.unattributed);
  totals_row(out, "network", "", e.total);
  settlement_row(out, "total", "", run.settlement.total);
  int64_t shares = 0;
  for (const auto& share : run.settlement.staff) shares += share.share_fen;
  CanonicalLine(out, "staff_shares").number(shares).number(run.settlement.unassigned_split_fen);
}

}  // namespace

std::string_view signoff_kind_token(SignoffKind kind) {
  switch (kind) {
    case SignoffKind::kStore:
      return "store";
    case SignoffKind::kRegion:
      return "region";
    case SignoffKind::kFinance:
      return "finance";
  }
  return "store";
}

std::string_view signoff_status_token(SignoffStatus status) {
  switch (status) {
    case SignoffStatus::kPending:
      return "pending";
    case SignoffStatus::kCurrent:
      return "current";
    case SignoffStatus::kStale:
      return "stale";
    case SignoffStatus::kDeemed:
      return "deemed";
  }
  return "pending";
}

const Evaluation& settlement_evaluation(const closeout::RunResult& run) {
  return run.evaluations[run.settlement.cleaned];
}

std::string numbers_text(const closeout::RunResult& run, SignoffKind kind, uint32_t index) {
  std::string out;
  CanonicalLine(out, "definition").text(settlement_evaluation(run).tag());
  switch (kind) {
    case SignoffKind::kStore:
      store_text(out, run, index);
      break;
    case SignoffKind::kRegion:
      region_text(out, run, index);
      break;
    case SignoffKind::kFinance:
      network_text(out, run);
      break;
  }
  return out;
}

std::string numbers_digest(const closeout::RunResult& run, SignoffKind kind, uint32_t index) {
  return sha256_hex(numbers_text(run, kind, index));
}

std::vector<std::string> store_digests(const closeout::RunResult& run) {
  const Evaluation& e = settlement_evaluation(run);
  // Each store's text hashed as it is written, a few KB at a time: whole, the texts of 10M orders
  // took 300 MB, and a store holding most orders (every one, where no stores file was imported)
  // grew one string by doubling it again and again.
  size_t n = run.stores.store_count();
  std::vector<std::string> texts(n);
  std::vector<std::unique_ptr<Sha256>> hashes(n);
  for (size_t s = 0; s < n; ++s) {
    hashes[s] = std::make_unique<Sha256>();
    CanonicalLine(texts[s], "definition").text(e.tag());
  }
  constexpr size_t kChunk = size_t{16} << 10;
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    std::string& t = texts[e.store[k]];
    order_line(t, run, e, k);
    if (t.size() >= kChunk) {
      hashes[e.store[k]]->update(t);
      t.clear();
    }
  }
  std::vector<StoreSettlement> rows(n);
  for (uint32_t s = 0; s < rows.size(); ++s) rows[s].store = s;
  for (const auto& row : run.settlement.stores) rows[row.store] = row;
  std::vector<std::string> digests;
  digests.reserve(n);
  for (uint32_t s = 0; s < n; ++s) {
    settlement_row(texts[s], "settlement", run.stores.codes[s], rows[s]);
    hashes[s]->update(texts[s]);
    digests.push_back(hashes[s]->hex_digest());
  }
  return digests;
}

SignoffStatus signoff_status(const Signoff* signoff, std::string_view current_digest) {
  if (signoff == nullptr) return SignoffStatus::kPending;
  if (signoff->deemed) return SignoffStatus::kDeemed;
  return signoff->digest == current_digest ? SignoffStatus::kCurrent : SignoffStatus::kStale;
}

bool store_is_settled(SignoffStatus status, bool review_window_over) {
  switch (status) {
    case SignoffStatus::kCurrent:
    case SignoffStatus::kDeemed:
      return true;
    case SignoffStatus::kPending:
    case SignoffStatus::kStale:
      return review_window_over;
  }
  return false;
}

std::vector<uint32_t> stores_of_region(const StoreDirectory& stores, uint32_t region) {
  std::vector<uint32_t> out;
  for (uint32_t s = 0; s + 1 < stores.store_count(); ++s) {
    if (stores.region_of[s] == region) out.push_back(s);
  }
  return out;
}

std::vector<uint32_t> regions_to_sign(const StoreDirectory& stores) {
  std::vector<uint32_t> out;
  for (uint32_t r = 0; r + 1 < stores.region_count(); ++r) out.push_back(r);
  return out;
}

}  // namespace pitwall::core::workflow
