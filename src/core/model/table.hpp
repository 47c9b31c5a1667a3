#pragma once
// Table: the columnar form of every imported kind (orders, stores, store-day figures, ...).
//
// A table is a struct of equal-length column vectors plus one StringPool for its text cells
// (style.md "Hot paths"). The schema of each kind — canonical column names, value types, which
// are required — is defined here, once; io/ adds the header aliases users write, store/ keeps
// tables as memory-mappable column files, and the desks read columns by their enum index.
//
// Value encoding by type (null = an empty cell):
//   kText   uint32 id into the pool (0 = empty)              -> Column::text
//   kTime   int64 UTC seconds (kNoTime)                      -> Column::i64
//   kMoney  int64 fen (kNoFen)                               -> Column::i64
//   kInt    int64 (kNoInt)                                   -> Column::i64
//   kDate   int32 local calendar day since 1970-01-01 (kNoSmall)  -> Column::i32
//   kRate   int32 ten-thousandths (Rate::basis) (kNoSmall)   -> Column::i32
//   kBool   int32 0/1 (kNoSmall)                             -> Column::i32
//   kStatus int32 OrderStatus (kNoSmall)                     -> Column::i32
//   kWord   int32 index into the column's word list (kNoSmall) -> Column::i32
//   kReal   double (NaN)                                     -> Column::f64

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/model/string_pool.hpp"

namespace pitwall::core {

inline constexpr int64_t kNoInt = INT64_MIN;
inline constexpr int32_t kNoSmall = INT32_MIN;

enum class ValueType : uint8_t {
  kText,
  kTime,
  kMoney,
  kInt,
  kDate,
  kRate,
  kBool,
  kStatus,
  kWord,
  kReal
};

enum class TableKind : uint8_t {
  kOrders,
  kStores,
  kStaff,
  kCustomers,
  kPriceList,
  kBlacklist,
  kAudience,
  kCorrections,
  kExceptions,
  kStoreDay,
  kInspections,
  kComplaints,
  kSpotChecks,
  kSurvey,
  kChurned,
  kWinbackHistory,
  kWinbackVisits,
};
inline constexpr int kTableKindCount = 17;

// Order status words (formats.md "Status words"); the canonical order of closeout.md §6.
enum class OrderStatus : int32_t { kCreated, kPaid, kRedeemed, kCancelled, kRefunding, kRefunded };
inline constexpr int kOrderStatusCount = 6;
std::string_view order_status_token(OrderStatus s);

// A number column without a stated range (finite numbers of any size the type holds).
inline constexpr double kUnbounded = 1e300;

struct ColumnDef {
  std::string_view name;  // canonical name, e.g. "paid_at"
  ValueType type;
  bool required;                            // the header must be present
  std::span<const std::string_view> words;  // kWord: canonical tokens, index = value
  // kInt, kReal and kRate: the stated range (formats.md); a cell outside it is refused.
  double least = -kUnbounded;
  double most = kUnbounded;
};

struct TableSchema {
  TableKind kind;
  std::string_view name;  // "orders", "store-day", ... (the import KIND)
  std::span<const ColumnDef> columns;
  bool per_campaign;                                   // needs --campaign
  int column_index(std::string_view canonical) const;  // -1 when absent
};

const TableSchema& table_schema(TableKind kind);
// Kind by its import name ("orders", "price-list", "store-day", ...); nullptr when unknown.
const TableSchema* find_table_schema(std::string_view name);
std::span<const TableSchema> all_table_schemas();

// Column indices per kind, in schema order.
namespace orders {
enum Col : int {
  kOrderId,
  kCustomerId,
  kStoreCode,
  kStatus,
  kCreatedAt,
  kPaidAt,
  kRedeemedAt,
  kRecordedAt,
  kUpdatedAt,
  kApprovedAt,
  kRefundedAt,
  kPackage,
  kGrossAmount,
  kPaidAmount,
  kDiscountAmount,
  kTaxRate,
  kHomeStoreCode,
  kPhone,
  kVin,
  kInviter,
  kReceiver,
  kCloser,
  kDeviceId,
  kPaymentAccount,
  kAddress,
  kCouponCode,
  kChannel,
  kCount
};
}
namespace stores {
enum Col : int { kStoreCode, kStoreName, kRegion, kCity, kOldCodes, kCount };
}
namespace staff {
enum Col : int { kStaffId, kName, kStoreCode, kRole, kCount };
}
namespace customers {
enum Col : int {
  kCustomerId,
  kName,
  kPhone,
  kVin,
  kHomeStoreCode,
  kLanguage,
  kAnnualValue,
  kCount
};
}
namespace price_list {
enum Col : int { kPackage, kName, kListPrice, kTaxRate, kCount };
}
namespace blacklist {
enum Col : int { kKind, kValue, kReason, kCount };
}
namespace audience {
enum Col : int { kCustomerId, kReachedAt, kChannel, kCount };
}
namespace corrections {
enum Col : int { kOrderId, kField, kValue, kReason, kStoreCode, kCount };
}
namespace exceptions {
enum Col : int { kOrderId, kReason, kSource, kCount };
}
namespace store_day {
enum Col : int {
  kDate,
  kStoreCode,
  kEligible,
  kParticipants,
  kOrders,
  kRedemptions,
  kComplaints,
  kCount
};
}
namespace inspections {
enum Col : int { kDate, kStoreCode, kInspector, kItem, kPass, kNote, kPhoto, kCount };
}
namespace complaints {
enum Col : int { kTime, kStoreCode, kCategory, kText, kCount };
}
namespace spot_checks {
enum Col : int { kTime, kStoreCode, kChecker, kChannel, kItem, kPass, kNote, kCount };
}
namespace survey {
enum Col : int { kLevel, kRespondent, kStoreCode, kQuizScore, kWillingness, kCount };
}
namespace churned {
enum Col : int {
  kCustomerId,
  kStoreCode,
  kAnnualValue,
  kMargin,
  kMonthsChurned,
  kReason,
  kSatisfaction,
  kInfluence,
  kVisitsPerYear,
  kCheapestOnlyShare,
  kBookingLeadDays,
  kOfferOnlyContact,
  kInfoComplete,
  kVehicleAnomaly,
  kCount
};
}
namespace winback_history {
// The churned columns (same indices), then the attempt's arm, cost and outcomes.
enum Col : int { kArm = churned::kCount, kCost, kWonBack, kRetained1y, kCount };
}  // namespace winback_history
namespace winback_visits {
enum Col : int { kCustomerId, kVisitedAt, kPaidAmount, kCount };
}

// Word lists of kWord columns (canonical tokens; io maps Chinese and English words onto them).
namespace words {
inline constexpr std::string_view kBlacklistKinds[] = {"customer_id", "phone", "vin", "device_id",
                                                       "payment_account"};
inline constexpr std::string_view kComplaintCategories[] = {
    "quota_full", "rules_unclear", "redeem_failed", "not_informed", "overpromised", "other"};
inline constexpr std::string_view kChecklistItems[] = {
    "materials", "rules_known", "redemption_system", "gifts_in_stock", "customers_informed"};
inline constexpr std::string_view kSpotCheckChannels[] = {"phone", "video"};
inline constexpr std::string_view kSurveyLevels[] = {"hq", "region", "store_manager", "frontline"};
inline constexpr std::string_view kChurnReasons[] = {"service", "price", "convenience", "other"};
inline constexpr std::string_view kInfluence[] = {"koc", "club", "regular"};
inline constexpr std::string_view kLanguages[] = {"zh", "en"};
}  // namespace words

// One column's storage: exactly one of the vectors is used, by type (see the table above).
// Storage is either owned (vectors) or a view over external memory kept alive by `keep_alive`.
class Column {
 public:
  explicit Column(ValueType type = ValueType::kText) : type_(type) {}
  ValueType type() const { return type_; }

  std::span<const int64_t> i64() const { return i64_view_; }
  std::span<const int32_t> i32() const { return i32_view_; }
  std::span<const uint32_t> text() const { return text_view_; }
  std::span<const double> f64() const { return f64_view_; }

  // Appending (owning columns only).
  void push_i64(int64_t v);
  void push_i32(int32_t v);
  void push_text(uint32_t v);
  void push_f64(double v);
  void push_null();
  // Appends every value of `from` (same type; text ids as they are).
  void append(const Column& from);
  // Appends the text ids of `from` (a text column) mapped through `remap` (old id -> new id).
  void append_text(const Column& from, std::span<const uint32_t> remap);
  void reserve(size_t n);
  void truncate(size_t rows);  // drops rows past `rows` (owning columns only)
  void set_i64(size_t row, int64_t v);
  void set_i32(size_t row, int32_t v);
  void set_text(size_t row, uint32_t v);
  size_t size() const;

  // Rows [first, first + count) of a column.
  struct RowRange {
    size_t first = 0;
    size_t count = 0;
  };
  // Views over external memory (a mapped column file). `reloadable` are the rows whose memory
  // can be dropped and read back from where it came from (reloadable_bytes); all rows unless
  // given (a spliced column of concat_tables: only the rows mapped from a file).
  static Column view_of(ValueType type, const void* data, size_t rows,
                        std::shared_ptr<const void> keep_alive,
                        std::optional<RowRange> reloadable = std::nullopt);
  // Raw bytes of the column for writing (element size × rows).
  std::string_view raw_bytes() const;
  // The part of raw_bytes() that may be dropped from memory (store::release_pages): the
  // reloadable rows of a view; empty for an owning column, whose values exist nowhere else.
  std::string_view reloadable_bytes() const;
  // Whether the column views external memory (view_of) rather than owning its values.
  bool is_view() const { return !owning_; }
  static size_t element_size(ValueType type);

 private:
  void refresh();
  ValueType type_;
  bool owning_ = true;
  std::vector<int64_t> i64_;
  std::vector<int32_t> i32_;
  std::vector<uint32_t> text_;
  std::vector<double> f64_;
  std::span<const int64_t> i64_view_;
  std::span<const int32_t> i32_view_;
  std::span<const uint32_t> text_view_;
  std::span<const double> f64_view_;
  std::shared_ptr<const void> keep_alive_;
  RowRange reloadable_;
};

struct Table {
  TableKind kind = TableKind::kOrders;
  StringPool pool;
  std::vector<Column> columns;    // one per schema column, in schema order
  std::vector<int64_t> lines;     // source line (CSV line or XLSX row) of each row
  std::vector<uint32_t> batches;  // import batch id of each row

  static Table empty(TableKind kind);  // all columns present, zero rows
  size_t rows() const { return lines.size(); }
  const TableSchema& schema() const { return table_schema(kind); }

  std::string_view text(int col, size_t row) const { return pool.view(columns[col].text()[row]); }
  int64_t i64(int col, size_t row) const { return columns[col].i64()[row]; }
  int32_t i32(int col, size_t row) const { return columns[col].i32()[row]; }
  double f64(int col, size_t row) const { return columns[col].f64()[row]; }
};

// Every total Pitwall computes over amounts (sums of per-order amounts, rebates, shares, clawbacks
// and the differences of these) stays within ±2^63 fen when the amounts it starts from have
// magnitudes adding up to at most kMoneyHeadroomFen: 2^59 fen (about 5.8 * 10^15 yuan) leaves
// room for 16 such totals added together. Inputs beyond it are refused, never wrapped.
inline constexpr int64_t kMoneyHeadroomFen = int64_t{1} << 59;

// Of the amounts in `t`'s money columns (empty cells skipped), exactly: the sum of their
// magnitudes and the largest magnitude.
struct MoneyMagnitude {
  unsigned __int128 sum = 0;
  uint64_t largest = 0;
};
MoneyMagnitude money_magnitude(const Table& t);

// Appends all rows of `from` to `to` (same kind), re-interning text into `to`'s pool.
void append_table(Table& to, const Table& from);

// The rows of `parts` (same kind, at least one) one after the other, in the order given: the same
// cells, lines and batches as appending them in turn to an empty table, built without
// re-interning the largest pool. The part with the most strings lends its pool as it is (copied,
// ids kept); only the other parts' strings are looked up, by one pass over it. Text ids therefore
// differ from append_table's: compare text by value. Parts are consumed column by column, so a
// mapped part is released while the next column is copied; with two threads, the columns that
// need no remapping are copied while the pools are merged.
//
// With `storage`, a merged column (and the merged pool) may instead be written into memory the
// caller provides with the base part's values already in place (store/ maps the part's column
// file there), so that only the other parts' values are written: the column is then a view
// (Column::view_of, the base part's rows reloadable) and the pool a read-only view
// (StringPool::view_of: find works, intern does not). Likewise, when the base part's lines and
// batches have capacity for every row, the result takes them over and the other parts' are put
// around them. Cells, ids, lines and batches are the same either way.
class ConcatStorage;
Table concat_tables(std::vector<Table> parts, int threads = 1, ConcatStorage* storage = nullptr);

// What concat_tables asks a ConcatStorage to lay out: one column, or the pool's offsets or bytes.
struct ConcatPiece {
  enum class Kind : uint8_t { kColumn, kPoolOffsets, kPoolBytes };
  Kind kind = Kind::kColumn;
  int column = 0;  // kColumn: the schema index
};

// Memory for concat_tables' merged pieces with one part's bytes already in place.
class ConcatStorage {
 public:
  struct Buffer {
    char* data = nullptr;  // null: no such memory, concat_tables copies the piece as usual
    std::shared_ptr<const void> keep_alive;  // owns `data`
  };
  virtual ~ConcatStorage() = default;
  // `total` writable bytes whose bytes [at, at + part_bytes) already hold `piece` of part `part`
  // (its raw column bytes, or its pool's offsets or bytes), the rest to be written by the
  // caller; or a null buffer. Called from up to two threads at once.
  virtual Buffer place(ConcatPiece piece, size_t part, size_t at, size_t part_bytes,
                       size_t total) = 0;
};

}  // namespace pitwall::core
