// Stage 1, collect (closeout.md §1): one order per order id, the winning row chosen among
// re-exports, the other rows kept as history; order ids of the side inputs resolved.
#include <fmt/format.h>

#include <algorithm>

#include "core/base/check.hpp"
#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
template <typename T>
std::span<const T> column_of(const Table& t, int col);
template <>
std::span<const uint32_t> column_of(const Table& t, int col) {
  return t.columns[col].text();
}
template <>
std::span<const int32_t> column_of(const Table& t, int col) {
  return t.columns[col].i32();
}
template <>
std::span<const int64_t> column_of(const Table& t, int col) {
  return t.columns[col].i64();
}
}  // namespace

Pipeline::Pipeline(const CloseoutInputs& inputs, RunResult& result)
    : in(inputs),
      campaign(*inputs.campaign),
      zone(*inputs.zone),
      t(*inputs.orders),
      out(result),
      threads(inputs.threads > 1 ? 2 : 1),
      first_exclusion(result.orders.first_exclusion) {
  for (size_t c = 0; c < t.columns.size(); ++c) {
    PW_CHECK(t.columns[c].size() == t.rows(), "orders column of a different length");
  }
  using namespace orders;
  order_id = column_of<uint32_t>(t, kOrderId);
  customer = column_of<uint32_t>(t, kCustomerId);
  store = column_of<uint32_t>(t, kStoreCode);
  package = column_of<uint32_t>(t, kPackage);
  home_store = column_of<uint32_t>(t, kHomeStoreCode);
  phone = column_of<uint32_t>(t, kPhone);
  vin = column_of<uint32_t>(t, kVin);
  device = column_of<uint32_t>(t, kDeviceId);
  payment = column_of<uint32_t>(t, kPaymentAccount);
  address = column_of<uint32_t>(t, kAddress);
  role = {column_of<uint32_t>(t, kInviter), column_of<uint32_t>(t, kReceiver),
          column_of<uint32_t>(t, kCloser)};
  status = column_of<int32_t>(t, kStatus);
  tax_rate = column_of<int32_t>(t, kTaxRate);
  created = column_of<int64_t>(t, kCreatedAt);
  paid_at = column_of<int64_t>(t, kPaidAt);
  redeemed = column_of<int64_t>(t, kRedeemedAt);
  recorded = column_of<int64_t>(t, kRecordedAt);
  updated = column_of<int64_t>(t, kUpdatedAt);
  approved = column_of<int64_t>(t, kApprovedAt);
  refunded = column_of<int64_t>(t, kRefundedAt);
  gross = column_of<int64_t>(t, kGrossAmount);
  paid = column_of<int64_t>(t, kPaidAmount);
  discount = column_of<int64_t>(t, kDiscountAmount);
  memo.assign(t.pool.size(), kNone);
}

int field_column(Field field) {
  using namespace orders;
  static constexpr int kColumns[] = {kStatus,     kCreatedAt,      kPaidAt,  kRedeemedAt,
                                     kRecordedAt, kRefundedAt,     kPackage, kGrossAmount,
                                     kPaidAmount, kDiscountAmount, kPhone,   kVin,
                                     kInviter,    kReceiver,       kCloser};
  static_assert(std::size(kColumns) == static_cast<size_t>(Field::kCount));
  return kColumns[static_cast<int>(field)];
}

int64_t Pipeline::override_value(uint32_t k, Field f) const {
  auto it = std::lower_bound(overrides.begin(), overrides.end(), std::pair(k, f),
                             [](const Override& o, std::pair<uint32_t, Field> key) {
                               return o.order != key.first
                                          ? o.order < key.first
                                          : o.field < static_cast<uint8_t>(key.second);
                             });
  PW_CHECK(it != overrides.end() && it->order == k, "override mask without override");
  return it->value;
}

uint32_t Pipeline::store_by_code(std::string_view code, bool with_alias) const {
  auto find = [&](const std::vector<std::pair<std::string, uint32_t>>& index) -> uint32_t {
    auto it = std::lower_bound(index.begin(), index.end(), code,
                               [](const auto& e, std::string_view c) { return e.first < c; });
    return it != index.end() && it->first == code ? it->second : kNone;
  };
  if (code.empty()) return kNone;
  uint32_t s = find(code_index);
  if (s == kNone && with_alias) s = find(alias_index);
  return s;
}

void Pipeline::in_halves(FindingList& out,
                         const std::function<void(int, size_t, size_t, FindingList&)>& fn) const {
  std::vector<FindingList> parts(static_cast<size_t>(threads));
  run_in_parts(threads, order_count, [&](int part, size_t begin, size_t end) {
    fn(part, begin, end, parts[static_cast<size_t>(part)]);
  });
  out.append(parts);
}

void Pipeline::problem(std::string source, int64_t line, std::string code, std::string_view value) {
  std::lock_guard lock(problems_mutex);  // phones and VINs, say, are resolved side by side
  out.problems.push_back(
      InputProblem{std::move(source), line, std::move(code), std::string(value)});
}

namespace {
// Writes the decimal digits of v (>= 0), at least `width` of them, at out; returns the end.
char* put_digits(char* out, uint64_t v, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n < width) tmp[n++] = '0';
  while (n > 0) *out++ = tmp[--n];
  return out;
}
}  // namespace

ShortText int_text(int64_t value) {
  ShortText t;
  char* out = t.data;
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (value < 0) *out++ = '-';
  out = put_digits(out, magnitude, 1);
  t.size = static_cast<uint8_t>(out - t.data);
  return t;
}

ShortText yuan_text(int64_t fen) {
  ShortText t;
  if (fen == kNoFen) return t;
  char* out = t.data;
  uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  if (fen < 0) *out++ = '-';
  out = put_digits(out, magnitude / 100, 1);
  *out++ = '.';
  out = put_digits(out, magnitude % 100, 2);
  t.size = static_cast<uint8_t>(out - t.data);
  return t;
}

ShortText time_text(const Pipeline& p, int64_t utc) {
  ShortText t;
  if (utc == kNoTime) return t;
  CivilTime c = p.zone.to_local(utc);
  if (c.year < 0 || c.year > 9999) return t;
  char* out = put_digits(t.data, static_cast<uint64_t>(c.year), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<uint64_t>(c.month), 2);
  *out++ = '-';
  out = put_digits(out, static_cast<uint64_t>(c.day), 2);
  *out++ = ' ';
  out = put_digits(out, static_cast<uint64_t>(c.hour), 2);
  *out++ = ':';
  out = put_digits(out, static_cast<uint64_t>(c.minute), 2);
  *out++ = ':';
  out = put_digits(out, static_cast<uint64_t>(c.second), 2);
  t.size = static_cast<uint8_t>(out - t.data);
  return t;
}

namespace {
void resolve_side_order_ids(Pipeline& p, Domain& orders_domain,
                            const std::vector<uint32_t>& renumbered) {
  const Table* ex = p.in.exceptions;
  const Table* c = p.in.corrections;
  size_t n_ex = ex ? ex->rows() : 0;
  size_t n_c = c ? c->rows() : 0;
  std::vector<std::string_view> ids;
  ids.reserve(n_ex + n_c + p.in.decisions.size());
  for (size_t r = 0; r < n_ex; ++r) ids.push_back(ex->text(exceptions::kOrderId, r));
  for (size_t r = 0; r < n_c; ++r) ids.push_back(c->text(corrections::kOrderId, r));
  for (const ArbitrationDecision& d : p.in.decisions) ids.push_back(d.order_id);
  std::vector<uint32_t> found = orders_domain.resolve(ids, Domain::Missing::kNone, p.threads);
  for (uint32_t& k : found) k = k == kNone ? kNone : renumbered[k];
  p.exception_order.assign(found.begin(), found.begin() + n_ex);
  for (size_t r = 0; r < n_ex; ++r) {
    if (found[r] == kNone) p.problem("exceptions", ex->lines[r], "unknown_order", ids[r]);
  }
  p.corrections.resize(n_c);
  for (size_t r = 0; r < n_c; ++r) {
    p.corrections[r].row = static_cast<uint32_t>(r);
    p.corrections[r].order = found[n_ex + r];
    if (found[n_ex + r] == kNone)
      p.problem("corrections", c->lines[r], "unknown_order", ids[n_ex + r]);
  }
  p.decision_order.assign(found.begin() + static_cast<std::ptrdiff_t>(n_ex + n_c), found.end());
  for (size_t i = 0; i < p.decision_order.size(); ++i) {
    if (p.decision_order[i] == kNone) {
      p.problem("decisions", 0, "unknown_order", p.in.decisions[i].order_id);
    }
  }
}

// The order ids, order k's at id k + 1 of ids_text. `first_ids` has each order's pool id in order
// of first appearance (the pool's order: the ids are read one after another), `renumbered` its
// number. Reads only the orders pool.
void copy_order_ids(Pipeline& p, std::vector<uint32_t> first_ids,
                    std::vector<uint32_t> renumbered) {
  StringPool by_first;
  size_t bytes = 0;
  for (uint32_t id : first_ids) bytes += p.t.pool.view(id).size();
  by_first.reserve(first_ids.size(), bytes);
  for (uint32_t id : first_ids) by_first.append_new(p.t.pool.view(id));
  free_memory(first_ids);
  std::vector<uint32_t> first_of(renumbered.size());
  for (uint32_t v = 0; v < renumbered.size(); ++v) first_of[renumbered[v]] = v;
  free_memory(renumbered);
  StringPool& ids = p.out.orders.ids_text;
  ids.reserve(first_of.size(), bytes);
  for (uint32_t v : first_of) ids.append_new(by_first.view(v + 1));
}

void append_row_text(std::string& out, int64_t batch, int64_t line) {
  out += '#';
  out += int_text(batch).view();
  out += ':';
  out += int_text(line).view();
}

void add_same_id_findings(Pipeline& p) {
  const auto& history = p.out.orders.history;
  const Table& t = p.t;
  auto batch_of = [&](uint32_t r) {
    return t.batches.empty() ? int64_t{0} : int64_t{t.batches[r]};
  };
  auto line_of = [&](uint32_t r) { return t.lines.empty() ? int64_t{0} : t.lines[r]; };
  // The superseded rows' batches and lines read in row order (the history is by order, and an
  // order's superseded rows lie anywhere before its winning row).
  std::vector<uint32_t> by_row(history.size());
  for (uint32_t i = 0; i < by_row.size(); ++i) by_row[i] = i;
  std::sort(by_row.begin(), by_row.end(),
            [&](uint32_t a, uint32_t b) { return history[a].second < history[b].second; });
  std::vector<std::pair<int64_t, int64_t>> where(history.size());
  for (uint32_t i : by_row) where[i] = {batch_of(history[i].second), line_of(history[i].second)};
  free_memory(by_row);
  for (size_t i = 0; i < history.size();) {
    uint32_t k = history[i].first;
    std::string before;
    std::string after;
    size_t n = 0;
    for (; i < history.size() && history[i].first == k; ++i, ++n) {
      if (!before.empty()) before += ';';
      append_row_text(before, where[i].first, where[i].second);
    }
    append_row_text(after, batch_of(p.row(k)), line_of(p.row(k)));
    p.collect_findings.add(k, Rule::kSameId, Action::kTag, kNoField, before, after,
                           int_text(static_cast<int64_t>(n + 1)));
  }
}
}  // namespace

void collect(Pipeline& p) {
  const size_t n = p.t.rows();
  PW_CHECK(n < kNone, "more than 4 billion order rows");
  Domain orders_domain(p.t.pool, p.memo);
  orders_domain.reserve(n);
  std::vector<uint32_t> order_of_row(n);
  for (size_t r = 0; r < n; ++r) {
    order_of_row[r] = orders_domain.add_pool_id(p.order_id[r]);
    if (order_of_row[r] == kNone) {
      p.problem("orders", p.t.lines.empty() ? 0 : p.t.lines[r], "empty_order_id", "");
    }
  }
  p.order_count = orders_domain.size();
  auto& rows = p.out.orders.row;
  rows.assign(p.order_count, kNone);
  auto& history = p.out.orders.history;
  // Rows in import order: a later row replaces the winner unless both carry updated_at and the
  // later one is older (closeout.md §1: latest updated_at, else later batch, else later row).
  // The winner's updated_at is kept beside it, not read again from its row (which lies anywhere
  // before).
  std::vector<int64_t> winner_updated(p.order_count, kNoTime);
  for (size_t r = 0; r < n; ++r) {
    uint32_t k = order_of_row[r];
    if (k == kNone) continue;
    uint32_t w = rows[k];
    auto row = static_cast<uint32_t>(r);
    int64_t updated = p.updated[r];
    if (w == kNone) {
      rows[k] = row;
      winner_updated[k] = updated;
    } else if (updated != kNoTime && winner_updated[k] != kNoTime && updated < winner_updated[k]) {
      history.emplace_back(k, row);
    } else {
      history.emplace_back(k, w);
      rows[k] = row;
      winner_updated[k] = updated;
    }
  }
  free_memory(winner_updated);
  // The orders numbered in the order of their winning rows (the domain numbered them by their
  // first row): every later pass over the orders in order then reads the mapped columns
  // forwards. Numbered by first row, a re-exported order's columns were read far ahead of its
  // neighbours', and on a campaign where a tenth of the orders won with a later row, each such
  // jump mapped pages that the page releaser then dropped with the rest: validation at 10M
  // orders took 467 s instead of 2 (issue 24).
  std::vector<uint32_t> renumbered(p.order_count, kNone);
  {
    uint32_t next = 0;
    for (size_t r = 0; r < n; ++r) {
      uint32_t k = order_of_row[r];
      if (k != kNone && rows[k] == r) renumbered[k] = next++;
    }
    std::vector<uint32_t> by_row(p.order_count);
    for (uint32_t k = 0; k < p.order_count; ++k) by_row[renumbered[k]] = rows[k];
    rows = std::move(by_row);
    for (auto& h : history) h.first = renumbered[h.first];
  }
  std::sort(history.begin(), history.end());
  p.out.orders.table = &p.t;
  p.out.orders.pool = &p.t.pool;
  std::vector<uint32_t> first_ids(p.order_count);
  for (uint32_t v = 0; v < p.order_count; ++v) first_ids[v] = orders_domain.pool_id(v);
  if (p.threads > 1) {
    p.ids_copied = std::async(std::launch::async, copy_order_ids, std::ref(p), std::move(first_ids),
                              renumbered);
  } else {
    copy_order_ids(p, std::move(first_ids), renumbered);
  }
  orders_domain.finish();
  resolve_side_order_ids(p, orders_domain, renumbered);
  add_same_id_findings(p);
  p.first_exclusion.assign(p.order_count, kNoExclusion);
}

}  // namespace pitwall::core::closeout::detail
