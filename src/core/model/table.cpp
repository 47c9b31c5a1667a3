#include "core/model/table.hpp"

#include <algorithm>
#include <cstring>

#include "core/base/check.hpp"

namespace pitwall::core {

namespace {
using V = ValueType;
constexpr std::span<const std::string_view> kNoWords{};
constexpr double kMostCount = 1e9;  // a day's count at one store

constexpr ColumnDef kOrders[] = {
    {"order_id", V::kText, true, kNoWords},
    {"customer_id", V::kText, true, kNoWords},
    {"store_code", V::kText, true, kNoWords},
    {"status", V::kStatus, true, kNoWords},
    {"created_at", V::kTime, true, kNoWords},
    {"paid_at", V::kTime, false, kNoWords},
    {"redeemed_at", V::kTime, false, kNoWords},
    {"recorded_at", V::kTime, false, kNoWords},
    {"updated_at", V::kTime, false, kNoWords},
    {"approved_at", V::kTime, false, kNoWords},
    {"refunded_at", V::kTime, false, kNoWords},
    {"package", V::kText, false, kNoWords},
    {"gross_amount", V::kMoney, false, kNoWords},
    {"paid_amount", V::kMoney, false, kNoWords},
    {"discount_amount", V::kMoney, false, kNoWords},
    {"tax_rate", V::kRate, false, kNoWords, 0, 1},
    {"home_store_code", V::kText, false, kNoWords},
    {"phone", V::kText, false, kNoWords},
    {"vin", V::kText, false, kNoWords},
    {"inviter", V::kText, false, kNoWords},
    {"receiver", V::kText, false, kNoWords},
    {"closer", V::kText, false, kNoWords},
    {"device_id", V::kText, false, kNoWords},
    {"payment_account", V::kText, false, kNoWords},
    {"address", V::kText, false, kNoWords},
    {"coupon_code", V::kText, false, kNoWords},
    {"channel", V::kText, false, kNoWords},
};
constexpr ColumnDef kStores[] = {
    {"store_code", V::kText, true, kNoWords}, {"store_name", V::kText, true, kNoWords},
    {"region", V::kText, true, kNoWords},     {"city", V::kText, false, kNoWords},
    {"old_codes", V::kText, false, kNoWords},
};
constexpr ColumnDef kStaff[] = {
    {"staff_id", V::kText, true, kNoWords},
    {"name", V::kText, false, kNoWords},
    {"store_code", V::kText, true, kNoWords},
    {"role", V::kText, false, kNoWords},
};
constexpr ColumnDef kCustomers[] = {
    {"customer_id", V::kText, true, kNoWords},
    {"name", V::kText, false, kNoWords},
    {"phone", V::kText, false, kNoWords},
    {"vin", V::kText, false, kNoWords},
    {"home_store_code", V::kText, false, kNoWords},
    {"language", V::kWord, false, words::kLanguages},
    {"annual_value", V::kMoney, false, kNoWords},
};
constexpr ColumnDef kPriceList[] = {
    {"package", V::kText, true, kNoWords},
    {"name", V::kText, false, kNoWords},
    {"list_price", V::kMoney, true, kNoWords},
    {"tax_rate", V::kRate, false, kNoWords, 0, 1},
};
constexpr ColumnDef kBlacklist[] = {
    {"kind", V::kWord, true, words::kBlacklistKinds},
    {"value", V::kText, true, kNoWords},
    {"reason", V::kText, false, kNoWords},
};
constexpr ColumnDef kAudience[] = {
    {"customer_id", V::kText, true, kNoWords},
    {"reached_at", V::kTime, false, kNoWords},
    {"channel", V::kText, false, kNoWords},
};
constexpr ColumnDef kCorrections[] = {
    {"order_id", V::kText, true, kNoWords},    {"field", V::kText, true, kNoWords},
    {"value", V::kText, true, kNoWords},       {"reason", V::kText, false, kNoWords},
    {"store_code", V::kText, false, kNoWords},
};
constexpr ColumnDef kExceptions[] = {
    {"order_id", V::kText, true, kNoWords},
    {"reason", V::kText, false, kNoWords},
    {"source", V::kText, false, kNoWords},
};
constexpr ColumnDef kStoreDay[] = {
    {"date", V::kDate, true, kNoWords},
    {"store_code", V::kText, true, kNoWords},
    {"eligible", V::kInt, false, kNoWords, 0, kMostCount},
    {"participants", V::kInt, false, kNoWords, 0, kMostCount},
    {"orders", V::kInt, false, kNoWords, 0, kMostCount},
    {"redemptions", V::kInt, false, kNoWords, 0, kMostCount},
    {"complaints", V::kInt, false, kNoWords, 0, kMostCount},
};
constexpr ColumnDef kInspections[] = {
    {"date", V::kDate, true, kNoWords},       {"store_code", V::kText, true, kNoWords},
    {"inspector", V::kText, false, kNoWords}, {"item", V::kWord, true, words::kChecklistItems},
    {"pass", V::kBool, true, kNoWords},       {"note", V::kText, false, kNoWords},
    {"photo", V::kText, false, kNoWords},
};
constexpr ColumnDef kComplaints[] = {
    {"time", V::kTime, true, kNoWords},
    {"store_code", V::kText, true, kNoWords},
    {"category", V::kWord, true, words::kComplaintCategories},
    {"text", V::kText, false, kNoWords},
};
constexpr ColumnDef kSpotChecks[] = {
    {"time", V::kTime, true, kNoWords},
    {"store_code", V::kText, true, kNoWords},
    {"checker", V::kText, false, kNoWords},
    {"channel", V::kWord, false, words::kSpotCheckChannels},
    {"item", V::kWord, true, words::kChecklistItems},
    {"pass", V::kBool, true, kNoWords},
    {"note", V::kText, false, kNoWords},
};
constexpr ColumnDef kSurvey[] = {
    {"level", V::kWord, true, words::kSurveyLevels},
    {"respondent", V::kText, false, kNoWords},
    {"store_code", V::kText, false, kNoWords},
    {"quiz_score", V::kReal, false, kNoWords, 0, 100},
    {"willingness", V::kReal, false, kNoWords, 0, 100},
};
#define PW_CHURNED_COLUMNS                                                                      \
  {"customer_id", V::kText, true, kNoWords}, {"store_code", V::kText, false, kNoWords},         \
      {"annual_value", V::kMoney, true, kNoWords}, {"margin", V::kRate, false, kNoWords, 0, 1}, \
      {"months_churned", V::kReal, true, kNoWords, 0, 1200},                                    \
      {"reason", V::kWord, false, words::kChurnReasons},                                        \
      {"satisfaction", V::kReal, false, kNoWords, 0, 10},                                       \
      {"influence", V::kWord, false, words::kInfluence},                                        \
      {"visits_per_year", V::kReal, false, kNoWords, 0, 366},                                   \
      {"cheapest_only_share", V::kRate, false, kNoWords, 0, 1},                                 \
      {"booking_lead_days", V::kReal, false, kNoWords, 0, 3650},                                \
      {"offer_only_contact", V::kBool, false, kNoWords},                                        \
      {"info_complete", V::kBool, false, kNoWords}, {                                           \
    "vehicle_anomaly", V::kBool, false, kNoWords                                                \
  }
constexpr ColumnDef kChurned[] = {PW_CHURNED_COLUMNS};
constexpr ColumnDef kWinbackHistory[] = {
    PW_CHURNED_COLUMNS,
    {"arm", V::kText, true, kNoWords},
    {"cost", V::kMoney, false, kNoWords},
    {"won_back", V::kBool, true, kNoWords},
    {"retained_1y", V::kBool, false, kNoWords},
};
#undef PW_CHURNED_COLUMNS
constexpr ColumnDef kWinbackVisits[] = {
    {"customer_id", V::kText, true, kNoWords},
    {"visited_at", V::kTime, true, kNoWords},
    {"paid_amount", V::kMoney, false, kNoWords},
};

const TableSchema kSchemas[] = {
    {TableKind::kOrders, "orders", kOrders, true},
    {TableKind::kStores, "stores", kStores, false},
    {TableKind::kStaff, "staff", kStaff, false},
    {TableKind::kCustomers, "customers", kCustomers, false},
    {TableKind::kPriceList, "price-list", kPriceList, false},
    {TableKind::kBlacklist, "blacklist", kBlacklist, false},
    {TableKind::kAudience, "audience", kAudience, true},
    {TableKind::kCorrections, "corrections", kCorrections, true},
    {TableKind::kExceptions, "exceptions", kExceptions, true},
    {TableKind::kStoreDay, "store-day", kStoreDay, true},
    {TableKind::kInspections, "inspections", kInspections, true},
    {TableKind::kComplaints, "complaints", kComplaints, true},
    {TableKind::kSpotChecks, "spot-checks", kSpotChecks, true},
    {TableKind::kSurvey, "survey", kSurvey, true},
    {TableKind::kChurned, "churned", kChurned, false},
    {TableKind::kWinbackHistory, "winback-history", kWinbackHistory, false},
    {TableKind::kWinbackVisits, "winback-visits", kWinbackVisits, false},
};
static_assert(std::size(kSchemas) == kTableKindCount);
static_assert(std::size(kOrders) == orders::kCount);
static_assert(std::size(kStores) == stores::kCount);
static_assert(std::size(kStaff) == staff::kCount);
static_assert(std::size(kCustomers) == customers::kCount);
static_assert(std::size(kPriceList) == price_list::kCount);
static_assert(std::size(kBlacklist) == blacklist::kCount);
static_assert(std::size(kAudience) == audience::kCount);
static_assert(std::size(kCorrections) == corrections::kCount);
static_assert(std::size(kExceptions) == exceptions::kCount);
static_assert(std::size(kStoreDay) == store_day::kCount);
static_assert(std::size(kInspections) == inspections::kCount);
static_assert(std::size(kComplaints) == complaints::kCount);
static_assert(std::size(kSpotChecks) == spot_checks::kCount);
static_assert(std::size(kSurvey) == survey::kCount);
static_assert(std::size(kChurned) == churned::kCount);
static_assert(std::size(kWinbackHistory) == winback_history::kCount);
static_assert(std::size(kWinbackVisits) == winback_visits::kCount);
}  // namespace

std::string_view order_status_token(OrderStatus s) {
  static constexpr std::string_view kTokens[] = {"created",   "paid",      "redeemed",
                                                 "cancelled", "refunding", "refunded"};
  auto i = static_cast<int>(s);
  PW_CHECK(i >= 0 && i < kOrderStatusCount, "order status out of range");
  return kTokens[i];
}

int TableSchema::column_index(std::string_view canonical) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == canonical) return static_cast<int>(i);
  }
  return -1;
}

const TableSchema& table_schema(TableKind kind) {
  auto i = static_cast<size_t>(kind);
  PW_CHECK(i < std::size(kSchemas), "table kind out of range");
  return kSchemas[i];
}

const TableSchema* find_table_schema(std::string_view name) {
  for (const auto& s : kSchemas) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::span<const TableSchema> all_table_schemas() { return kSchemas; }

size_t Column::element_size(ValueType type) {
  switch (type) {
    case V::kText:
      return 4;
    case V::kTime:
    case V::kMoney:
    case V::kInt:
      return 8;
    case V::kReal:
      return 8;
    default:
      return 4;
  }
}

namespace {
enum class Store { kI64, kI32, kText, kF64 };
Store storage_of(ValueType t) {
  switch (t) {
    case V::kText:
      return Store::kText;
    case V::kTime:
    case V::kMoney:
    case V::kInt:
      return Store::kI64;
    case V::kReal:
      return Store::kF64;
    default:
      return Store::kI32;
  }
}
}  // namespace

MoneyMagnitude money_magnitude(const Table& t) {
  MoneyMagnitude m;
  const TableSchema& schema = t.schema();
  for (size_t c = 0; c < t.columns.size() && c < schema.columns.size(); ++c) {
    if (schema.columns[c].type != ValueType::kMoney) continue;
    for (int64_t v : t.columns[c].i64()) {
      if (v == kNoFen) continue;
      // |INT64_MIN| is kNoFen's, skipped; every other magnitude fits in uint64.
      uint64_t magnitude =
          v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
      m.sum += magnitude;
      m.largest = std::max(m.largest, magnitude);
    }
  }
  return m;
}

void Column::refresh() {
  i64_view_ = i64_;
  i32_view_ = i32_;
  text_view_ = text_;
  f64_view_ = f64_;
}
void Column::push_i64(int64_t v) {
  i64_.push_back(v);
  i64_view_ = i64_;
}
void Column::push_i32(int32_t v) {
  i32_.push_back(v);
  i32_view_ = i32_;
}
void Column::push_text(uint32_t v) {
  text_.push_back(v);
  text_view_ = text_;
}
void Column::push_f64(double v) {
  f64_.push_back(v);
  f64_view_ = f64_;
}
void Column::push_null() {
  switch (storage_of(type_)) {
    case Store::kI64:
      push_i64(kNoInt);
      break;
    case Store::kI32:
      push_i32(kNoSmall);
      break;
    case Store::kText:
      push_text(0);
      break;
    case Store::kF64:
      push_f64(std::nan(""));
      break;
  }
}
void Column::append(const Column& from) {
  PW_CHECK(owning_ && from.type_ == type_, "append to a view or of another type");
  switch (storage_of(type_)) {
    case Store::kI64:
      i64_.insert(i64_.end(), from.i64_view_.begin(), from.i64_view_.end());
      break;
    case Store::kI32:
      i32_.insert(i32_.end(), from.i32_view_.begin(), from.i32_view_.end());
      break;
    case Store::kText:
      text_.insert(text_.end(), from.text_view_.begin(), from.text_view_.end());
      break;
    case Store::kF64:
      f64_.insert(f64_.end(), from.f64_view_.begin(), from.f64_view_.end());
      break;
  }
  refresh();
}
void Column::append_text(const Column& from, std::span<const uint32_t> remap) {
  PW_CHECK(owning_ && type_ == ValueType::kText && from.type_ == type_, "append_text of text");
  size_t at = text_.size();
  text_.resize(at + from.text_view_.size());
  for (size_t i = 0; i < from.text_view_.size(); ++i) text_[at + i] = remap[from.text_view_[i]];
  refresh();
}
void Column::reserve(size_t n) {
  switch (storage_of(type_)) {
    case Store::kI64:
      i64_.reserve(n);
      break;
    case Store::kI32:
      i32_.reserve(n);
      break;
    case Store::kText:
      text_.reserve(n);
      break;
    case Store::kF64:
      f64_.reserve(n);
      break;
  }
  refresh();
}
void Column::truncate(size_t rows) {
  PW_CHECK(owning_, "truncate a view column");
  if (i64_.size() > rows) i64_.resize(rows);
  if (i32_.size() > rows) i32_.resize(rows);
  if (text_.size() > rows) text_.resize(rows);
  if (f64_.size() > rows) f64_.resize(rows);
  refresh();
}

void Column::set_i64(size_t row, int64_t v) {
  PW_CHECK(owning_, "set on a view column");
  i64_[row] = v;
}
void Column::set_i32(size_t row, int32_t v) {
  PW_CHECK(owning_, "set on a view column");
  i32_[row] = v;
}
void Column::set_text(size_t row, uint32_t v) {
  PW_CHECK(owning_, "set on a view column");
  text_[row] = v;
}
size_t Column::size() const {
  switch (storage_of(type_)) {
    case Store::kI64:
      return i64_view_.size();
    case Store::kI32:
      return i32_view_.size();
    case Store::kText:
      return text_view_.size();
    case Store::kF64:
      return f64_view_.size();
  }
  return 0;
}

Column Column::view_of(ValueType type, const void* data, size_t rows,
                       std::shared_ptr<const void> keep_alive, std::optional<RowRange> reloadable) {
  PW_CHECK(!reloadable || reloadable->first + reloadable->count <= rows,
           "reloadable rows inside the column");
  Column c(type);
  c.owning_ = false;
  c.keep_alive_ = std::move(keep_alive);
  c.reloadable_ = reloadable.value_or(RowRange{0, rows});
  switch (storage_of(type)) {
    case Store::kI64:
      c.i64_view_ = {static_cast<const int64_t*>(data), rows};
      break;
    case Store::kI32:
      c.i32_view_ = {static_cast<const int32_t*>(data), rows};
      break;
    case Store::kText:
      c.text_view_ = {static_cast<const uint32_t*>(data), rows};
      break;
    case Store::kF64:
      c.f64_view_ = {static_cast<const double*>(data), rows};
      break;
  }
  return c;
}

std::string_view Column::raw_bytes() const {
  switch (storage_of(type_)) {
    case Store::kI64:
      return {reinterpret_cast<const char*>(i64_view_.data()), i64_view_.size() * 8};
    case Store::kI32:
      return {reinterpret_cast<const char*>(i32_view_.data()), i32_view_.size() * 4};
    case Store::kText:
      return {reinterpret_cast<const char*>(text_view_.data()), text_view_.size() * 4};
    case Store::kF64:
      return {reinterpret_cast<const char*>(f64_view_.data()), f64_view_.size() * 8};
  }
  return {};
}

std::string_view Column::reloadable_bytes() const {
  if (owning_) return {};
  size_t size = element_size(type_);
  return raw_bytes().substr(reloadable_.first * size, reloadable_.count * size);
}

Table Table::empty(TableKind kind) {
  Table t;
  t.kind = kind;
  for (const auto& def : table_schema(kind).columns) t.columns.emplace_back(def.type);
  return t;
}

void append_table(Table& to, const Table& from) {
  PW_CHECK(to.kind == from.kind, "append of a different kind");
  const auto& schema = from.schema();
  std::vector<uint32_t> remap(from.pool.size(), StringPool::kMissing);
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const Column& src = from.columns[c];
    Column& dst = to.columns[c];
    dst.reserve(to.rows() + from.rows());
    switch (storage_of(src.type())) {
      case Store::kI64:
        for (int64_t v : src.i64()) dst.push_i64(v);
        break;
      case Store::kI32:
        for (int32_t v : src.i32()) dst.push_i32(v);
        break;
      case Store::kF64:
        for (double v : src.f64()) dst.push_f64(v);
        break;
      case Store::kText: {
        for (uint32_t v : src.text()) {
          if (remap[v] == StringPool::kMissing) remap[v] = to.pool.intern(from.pool.view(v));
          dst.push_text(remap[v]);
        }
        break;
      }
    }
  }
  to.lines.insert(to.lines.end(), from.lines.begin(), from.lines.end());
  to.batches.insert(to.batches.end(), from.batches.begin(), from.batches.end());
}

}  // namespace pitwall::core
