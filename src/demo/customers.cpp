#include "demo/customers.hpp"

#include <algorithm>
#include <array>

#include "core/base/check.hpp"
#include "demo/text_format.hpp"

namespace pitwall::demo {

namespace {
constexpr const char* kPhonePrefixes[] = {"130", "131", "132", "133", "135", "136", "137",
                                          "138", "139", "150", "151", "152", "155", "156",
                                          "157", "158", "159", "176", "177", "180", "181",
                                          "182", "183", "186", "187", "188", "189", "199"};
constexpr int kPrefixCount = static_cast<int>(std::size(kPhonePrefixes));
constexpr const char* kWmi[] = {"LSV", "LFV", "LGW", "LVS", "LRW", "LB3", "LNB", "LGX"};
constexpr char kVinChars[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
constexpr char kPlants[] = "ABCDEFGHJKLMNPRSTUVW";  // 20 plant codes

// Stream numbers of mix(): one per derived attribute, so they are independent.
enum Stream : uint64_t {
  kName = 11,
  kPhone,
  kVin,
  kDevice,
  kPayment,
  kAddress,
  kLanguage,
  kValue,
  kSpareHome,
  kPerm
};
static_assert(kPerm < 32, "CustomerBook::stream_keys_ holds 32 streams");

// ISO 3779 transliteration of VIN characters (0 for the letters a VIN never holds).
constexpr std::array<int8_t, 256> vin_values() {
  std::array<int8_t, 256> v{};
  for (int c = '0'; c <= '9'; ++c) v[c] = static_cast<int8_t>(c - '0');
  const char* letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  const int8_t values[] = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
  for (int i = 0; letters[i] != 0; ++i) v[static_cast<unsigned char>(letters[i])] = values[i];
  return v;
}
constexpr std::array<int8_t, 256> kVinValues = vin_values();

char check_digit(const char* vin) {
  static constexpr int kWeights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += kVinValues[static_cast<unsigned char>(vin[i])] * kWeights[i];
  int r = sum % 11;
  return r == 10 ? 'X' : static_cast<char>('0' + r);
}
}  // namespace

char vin_check_digit(const std::string& vin) { return check_digit(vin.data()); }

CustomerBook::CustomerBook(const Network& net, uint64_t seed, int64_t ordinary, int64_t spare,
                           int64_t planted, int audience_permille)
    : net_(net),
      seed_(seed),
      ordinary_(ordinary),
      spare_(spare),
      planted_(planted),
      audience_permille_(audience_permille) {
  total_ = ordinary_ + spare_ + planted_;
  PW_CHECK(total_ < 60'000'000, "too many customers for the id scheme");
  double weight_total = net.store_cumulative.back();
  starts_.push_back(0);
  for (size_t s = 0; s < net.stores.size(); ++s) {
    int64_t end = static_cast<int64_t>(net.store_cumulative[s] / weight_total *
                                       static_cast<double>(ordinary_));
    if (s + 1 == net.stores.size()) end = ordinary_;
    end = std::max(end, starts_.back() + 1);
    starts_.push_back(end);
  }
  PW_CHECK(starts_.back() == ordinary_, "store blocks do not cover the customers");
  for (size_t s = 0; s < net.stores.size(); ++s) {
    perms_.emplace_back(static_cast<uint64_t>(block_size(static_cast<int>(s))),
                        mix(seed, kPerm, s));
  }
  id_perm_ = AffinePerm(static_cast<uint64_t>(total_), mix(seed, kPerm, 1'000'000));
  for (uint64_t stream = 0; stream < stream_keys_.size(); ++stream) {
    stream_keys_[stream] = mix64(seed ^ (stream * kStreamMultiplier));
  }
  overrides_.resize(static_cast<size_t>(planted_));
}

void CustomerBook::append_id(TextBuffer& out, int64_t i) const {
  out += 'C';
  append_padded(out, id_perm_(static_cast<uint64_t>(i)) + 1, 8);
}

std::string CustomerBook::text(void (CustomerBook::*append)(TextBuffer&, int64_t) const,
                               int64_t i) const {
  thread_local TextBuffer out;  // the planter asks for ids one at a time, a million times
  out.clear();
  (this->*append)(out, i);
  return out.str();
}

int64_t CustomerBook::index_of_id_number(int64_t number) const {
  return static_cast<int64_t>(id_perm_.inverse(static_cast<uint64_t>(number - 1)));
}

CustomerOverride& CustomerBook::override_for(int64_t i) {
  PW_CHECK(i >= first_planted() && i < total_, "only planted customers are overridden");
  return overrides_[static_cast<size_t>(i - first_planted())];
}

void CustomerBook::append_name(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->name.empty()) {
    out += o->name;
    return;
  }
  append_person_name(out, hash(kName, i));
}

void CustomerBook::append_phone(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->phone.empty()) {
    out += o->phone;
    return;
  }
  static const AffinePerm kSuffix(100'000'000, 0x5eed);
  out += kPhonePrefixes[i % kPrefixCount];
  append_padded(out, kSuffix(static_cast<uint64_t>(i / kPrefixCount)), 8);
}

void CustomerBook::append_vin(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->vin.empty()) {
    out += o->vin;
    return;
  }
  uint64_t h = hash(kVin, i);
  char v[17];
  const char* wmi = kWmi[below(h, std::size(kWmi))];
  v[0] = wmi[0];
  v[1] = wmi[1];
  v[2] = wmi[2];
  for (int k = 0; k < 5; ++k) v[3 + k] = kVinChars[below(mix64(h + k), 33)];
  v[8] = '0';  // check digit, below
  v[9] = "MNP"[(i / 20'000'000) % 3];
  v[10] = kPlants[i % 20];
  for (int k = 16, serial = static_cast<int>((i / 20) % 1'000'000); k >= 11; --k, serial /= 10) {
    v[k] = static_cast<char>('0' + serial % 10);
  }
  v[8] = check_digit(v);
  out += std::string_view(v, 17);
}

void CustomerBook::append_device(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->device.empty()) {
    out += o->device;
    return;
  }
  out += "DEV-";
  append_hex(out, mix64(static_cast<uint64_t>(i) + seed_ * 0x9e37ULL), 16);
}

void CustomerBook::append_payment(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->payment.empty()) {
    out += o->payment;
    return;
  }
  static const AffinePerm kAccounts(1'000'000'000'000ULL, 0xacc7);
  bool alipay = below(hash(kPayment, i), 100) < 40;
  out += alipay ? "ali_" : "wx_";
  append_padded(out, kAccounts(static_cast<uint64_t>(i)), 12);
}

void CustomerBook::append_address(TextBuffer& out, int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->address.empty()) {
    out += o->address;
    return;
  }
  const Store& s = net_.stores[home_store(i)];
  const City& c = net_.cities[s.city];
  const auto& streets = street_names();
  uint64_t n = static_cast<uint64_t>(i);
  uint64_t number = n % 300 + 1;
  n /= 300;
  uint64_t building = n % 40 + 1;
  n /= 40;
  uint64_t floor = n % 33 + 1;
  n /= 33;
  uint64_t unit = n % 4 + 1;
  n /= 4;
  out += c.name;
  out += "市";
  out += c.districts[s.district];
  out += "区";
  out += streets[n % streets.size()];
  append_uint(out, number);
  out += "号";
  append_uint(out, building);
  out += "栋";
  append_uint(out, floor);
  append_padded(out, unit, 2);
  out += "室";
}

int CustomerBook::home_store(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && o->home >= 0) return o->home;
  if (i < ordinary_) {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), i);
    return static_cast<int>(it - starts_.begin()) - 1;
  }
  return static_cast<int>(below(hash(kSpareHome, i), net_.stores.size()));
}

bool CustomerBook::english(int64_t i) const { return below(hash(kLanguage, i), 1000) < 15; }

int64_t CustomerBook::annual_value_fen(int64_t i) const {
  // Tiers of winback.md: basic < 2000 (30%), maintain 2000–4000 (35%), potential 4000–8000
  // (25%), star > 8000 (10%); whole yuan.
  uint64_t h = hash(kValue, i);
  double u = unit(mix64(h));
  int tier = static_cast<int>(below(h, 100));
  int64_t yuan;
  if (tier < 30) {
    yuan = 600 + static_cast<int64_t>(u * 1399);
  } else if (tier < 65) {
    yuan = 2000 + static_cast<int64_t>(u * 1999);
  } else if (tier < 90) {
    yuan = 4000 + static_cast<int64_t>(u * 4000);
  } else {
    yuan = 8001 + static_cast<int64_t>(u * u * 16000);
  }
  return yuan * 100;
}

bool CustomerBook::in_master(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  return o == nullptr || o->in_master;
}

int64_t CustomerBook::at(int store, int64_t position) const {
  return starts_[store] + static_cast<int64_t>(perms_[store](static_cast<uint64_t>(position)));
}

CustomerDraws::CustomerDraws(const CustomerBook& book)
    : book_(book),
      reached_used_(static_cast<size_t>(book.store_count()), 0),
      walk_in_used_(static_cast<size_t>(book.store_count()), 0) {}

int64_t CustomerDraws::reached(int store) {
  int64_t free_end = book_.block_size(store) - book_.churned_count(store) - walk_in_used_[store];
  if (reached_used_[store] >= free_end) return spare();
  return book_.at(store, reached_used_[store]++);
}

int64_t CustomerDraws::walk_in(int store) {
  int64_t top = book_.block_size(store) - book_.churned_count(store) - 1 - walk_in_used_[store];
  if (top < reached_used_[store] || top < book_.reached_count(store)) return reached(store);
  ++walk_in_used_[store];
  return book_.at(store, top);
}

int64_t CustomerDraws::spare() {
  PW_CHECK(spare_used_ < book_.spare(), "the spare customer pool is used up");
  return book_.ordinary() + spare_used_++;
}

int64_t CustomerDraws::planted() {
  PW_CHECK(planted_used_ < book_.planted(), "the planted customer pool is used up");
  return book_.first_planted() + planted_used_++;
}

}  // namespace pitwall::demo
