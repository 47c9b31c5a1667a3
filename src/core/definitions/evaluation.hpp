#pragma once
// Evaluation of a metric definition over a close-out's orders (closeout.md §6 "How a definition
// counts an order"): per order whether it counts and, when not, the first reason; its amount and
// the store it is attributed to; totals for the network, each region and each store.
//
// The pipeline (core/closeout) fills evaluations; the bridge (bridge.hpp), summaries and
// settlement read them. A stored run rebuilds them from JSON, so this header depends on nothing
// but plain data.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/definitions/definition.hpp"

namespace pitwall::core {

// Why an order does or does not count under one evaluation. Codes sort in the order in which
// the bridge assigns reasons (closeout.md §6): status, basis time missing, basis time outside
// the window, cleaning exclusion (by stage, then rule id), arbitration.
namespace verdict {
inline constexpr uint8_t kCounted = 0;
inline constexpr uint8_t kStatus = 1;
inline constexpr uint8_t kBasisTimeMissing = 2;
inline constexpr uint8_t kOutsideWindow = 3;
inline constexpr uint8_t kExclusionBase = 16;  // + closeout::Rule of the first exclusion
inline constexpr uint8_t kArbitration = 250;
}  // namespace verdict

// "status", "basis_time_missing", "outside_window", the rule id ("dup.double_submit"),
// "arbitration"; "" for kCounted.
std::string_view verdict_token(uint8_t code);
// The code of a token (inverse of verdict_token); false when unknown.
bool parse_verdict_token(std::string_view token, uint8_t& code);

inline constexpr std::string_view kUnattributed = "(unattributed)";

// Stores and regions, by dense index. The last store and the last region are "(unattributed)":
// orders of an unknown or missing store count there (closeout.md §6).
struct StoreDirectory {
  std::vector<std::string> codes;    // sorted, then "(unattributed)"
  std::vector<std::string> names;    // store names ("" for unattributed)
  std::vector<uint32_t> region_of;   // store index -> region index
  std::vector<std::string> regions;  // sorted, then "(unattributed)"

  uint32_t store_count() const { return static_cast<uint32_t>(codes.size()); }
  uint32_t region_count() const { return static_cast<uint32_t>(regions.size()); }
  uint32_t unattributed_store() const { return store_count() - 1; }
  uint32_t unattributed_region() const { return region_count() - 1; }
  // Index of a store code / region name; UINT32_MAX when unknown.
  uint32_t find_store(std::string_view code) const;
  uint32_t find_region(std::string_view name) const;
};

// How a definition is evaluated: as declared, or forced cleaned / raw (settlement, gross vs
// net). The tag says so: "finance@4ef54d/cleaned".
enum class EvaluationMode : uint8_t { kDeclared, kCleaned, kRaw };

struct Totals {
  int64_t orders = 0;
  int64_t amount_fen = 0;    // under the definition's amount basis
  int64_t received_fen = 0;  // received (paid) amount of the same orders: rebates, ROI
  Totals& operator+=(const Totals& o) {
    orders += o.orders;
    amount_fen += o.amount_fen;
    received_fen += o.received_fen;
    return *this;
  }
};

// Per-order amounts in fen, 32 bits each: an order's amount is far below ±21 million yuan, and
// the rare larger one is kept in a side list sorted by order. Half the memory of 64 bits per
// order (10M orders, six evaluations: 240 MB).
class OrderAmounts {
 public:
  OrderAmounts() = default;
  explicit OrderAmounts(std::span<const int64_t> values);
  // n zeros.
  void resize(size_t n);
  size_t size() const { return narrow_.size(); }
  bool empty() const { return narrow_.empty(); }
  int64_t operator[](size_t k) const {
    int32_t v = narrow_[k];
    return v != kWide ? v : wide_at(k);
  }
  // Stores `fen` for order k when it fits in 32 bits and returns true; else marks the order
  // and returns false, and the caller adds it with set_wide. Threads may call this for
  // distinct orders at once.
  bool set_narrow(size_t k, int64_t fen) {
    bool fits = fen > kWide && fen <= INT32_MAX;
    narrow_[k] = fits ? static_cast<int32_t>(fen) : kWide;
    return fits;
  }
  void set_wide(size_t k, int64_t fen);  // one thread only
  void set(size_t k, int64_t fen) {
    if (!set_narrow(k, fen)) set_wide(k, fen);
  }
  bool operator==(const OrderAmounts& other) const;

 private:
  static constexpr int32_t kWide = INT32_MIN;
  int64_t wide_at(size_t k) const;
  std::vector<int32_t> narrow_;
  std::vector<std::pair<uint64_t, int64_t>> wide_;  // (order, fen), by order
};

// The store each order is attributed to (StoreDirectory index), immutable once made and shared
// by the evaluations that attribute alike: a run's six evaluations need at most four such arrays
// (store or home store, raw or cleaned), not six (10M orders: 240 MB less).
class OrderStores {
 public:
  OrderStores() = default;
  explicit OrderStores(std::vector<uint32_t> stores)
      : data_(std::make_shared<const std::vector<uint32_t>>(std::move(stores))) {}
  uint32_t operator[](size_t k) const { return (*data_)[k]; }
  size_t size() const { return data_ ? data_->size() : 0; }
  bool empty() const { return size() == 0; }
  const uint32_t* data() const { return data_ ? data_->data() : nullptr; }
  bool operator==(const OrderStores& other) const {
    return size() == other.size() && (size() == 0 || *data_ == *other.data_);
  }

 private:
  std::shared_ptr<const std::vector<uint32_t>> data_;
};

struct Evaluation {
  MetricDefinition definition;
  EvaluationMode mode = EvaluationMode::kDeclared;

  bool cleaned() const {
    return mode == EvaluationMode::kDeclared ? definition.cleaned
                                             : mode == EvaluationMode::kCleaned;
  }
  // "name@version", with "/cleaned" or "/raw" when evaluated otherwise than declared.
  std::string tag() const;

  // Per order (empty when only totals were kept).
  std::vector<uint8_t> verdict;  // verdict::k*
  OrderAmounts amount;           // fen; 0 when not counted
  OrderStores store;             // StoreDirectory index the order is attributed to
  bool has_orders() const { return !verdict.empty(); }

  Totals total;
  std::vector<Totals> by_store;   // StoreDirectory index
  std::vector<Totals> by_region;  // region index
};

// Fills by_region and total from by_store.
void roll_up_totals(Evaluation& evaluation, const StoreDirectory& stores);

// Order ids by order index, from a pool (a live run) or from strings (a stored run).
struct OrderIdView {
  const StringPool* pool = nullptr;
  std::span<const uint32_t> pool_ids;
  std::span<const std::string> strings;
  std::string_view operator()(uint32_t order) const {
    return pool ? pool->view(pool_ids[order]) : std::string_view(strings[order]);
  }
};

}  // namespace pitwall::core
