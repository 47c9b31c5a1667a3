#include "demo/customers.hpp"

#include <algorithm>

#include "core/base/check.hpp"
#include "fmt/format.h"

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
}  // namespace

char vin_check_digit(const std::string& vin) {
  static const int kWeights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    static const char* kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    static const int kValues[] = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4,
                                  5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int i = 0; kLetters[i] != 0; ++i) {
      if (kLetters[i] == c) return kValues[i];
    }
    return 0;
  };
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += value(vin[i]) * kWeights[i];
  int r = sum % 11;
  return r == 10 ? 'X' : static_cast<char>('0' + r);
}

CustomerBook::CustomerBook(const Network& net, uint64_t seed, int64_t ordinary, int64_t spare,
                           int64_t planted)
    : net_(net), seed_(seed), ordinary_(ordinary), spare_(spare), planted_(planted) {
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
  reached_used_.assign(net.stores.size(), 0);
  walk_in_used_.assign(net.stores.size(), 0);
  id_perm_ = AffinePerm(static_cast<uint64_t>(total_), mix(seed, kPerm, 1'000'000));
}

std::string CustomerBook::id(int64_t i) const {
  return fmt::format("C{:08d}", id_perm_(static_cast<uint64_t>(i)) + 1);
}

int64_t CustomerBook::index_of_id_number(int64_t number) const {
  return static_cast<int64_t>(id_perm_.inverse(static_cast<uint64_t>(number - 1)));
}

const CustomerOverride* CustomerBook::find_override(int64_t i) const {
  if (i < first_planted() && overrides_.empty()) return nullptr;
  auto it = overrides_.find(i);
  return it == overrides_.end() ? nullptr : &it->second;
}

std::string CustomerBook::name(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->name.empty()) return o->name;
  return person_name(mix(seed_, kName, i));
}

std::string CustomerBook::phone(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->phone.empty()) return o->phone;
  static const AffinePerm kSuffix(100'000'000, 0x5eed);
  uint64_t suffix = kSuffix(static_cast<uint64_t>(i / kPrefixCount));
  return fmt::format("{}{:08d}", kPhonePrefixes[i % kPrefixCount], suffix);
}

std::string CustomerBook::vin(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->vin.empty()) return o->vin;
  uint64_t h = mix(seed_, kVin, i);
  std::string v = kWmi[below(h, std::size(kWmi))];
  for (int k = 0; k < 5; ++k) v += kVinChars[below(mix64(h + k), 33)];
  v += '0';  // check digit, below
  v += "MNP"[(i / 20'000'000) % 3];
  v += kPlants[i % 20];
  v += fmt::format("{:06d}", (i / 20) % 1'000'000);
  v[8] = vin_check_digit(v);
  return v;
}

std::string CustomerBook::device(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->device.empty()) return o->device;
  return fmt::format("DEV-{:016X}", mix64(static_cast<uint64_t>(i) + seed_ * 0x9e37ULL));
}

std::string CustomerBook::payment(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->payment.empty()) return o->payment;
  static const AffinePerm kAccounts(1'000'000'000'000ULL, 0xacc7);
  bool alipay = below(mix(seed_, kPayment, i), 100) < 40;
  return fmt::format("{}{:012d}", alipay ? "ali_" : "wx_", kAccounts(static_cast<uint64_t>(i)));
}

std::string CustomerBook::address(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && !o->address.empty()) return o->address;
  const Store& s = net_.stores[home_store(i)];
  const City& c = net_.cities[s.city];
  const auto& streets = street_names();
  int64_t n = i;
  int number = static_cast<int>(n % 300) + 1;
  n /= 300;
  int building = static_cast<int>(n % 40) + 1;
  n /= 40;
  int floor = static_cast<int>(n % 33) + 1;
  n /= 33;
  int unit = static_cast<int>(n % 4) + 1;
  n /= 4;
  const std::string& street = streets[n % streets.size()];
  return fmt::format("{}市{}区{}{}号{}栋{}{:02d}室", c.name, c.districts[s.district], street,
                     number, building, floor, unit);
}

int CustomerBook::home_store(int64_t i) const {
  const CustomerOverride* o = find_override(i);
  if (o != nullptr && o->home >= 0) return o->home;
  if (i < ordinary_) {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), i);
    return static_cast<int>(it - starts_.begin()) - 1;
  }
  int64_t spare_index = i - ordinary_;
  if (spare_index < static_cast<int64_t>(spare_home_.size())) return spare_home_[spare_index];
  return static_cast<int>(below(mix(seed_, kSpareHome, i), net_.stores.size()));
}

bool CustomerBook::english(int64_t i) const { return below(mix(seed_, kLanguage, i), 1000) < 15; }

int64_t CustomerBook::annual_value_fen(int64_t i) const {
  // Tiers of winback.md: basic < 2000 (30%), maintain 2000–4000 (35%), potential 4000–8000
  // (25%), star > 8000 (10%); whole yuan.
  uint64_t h = mix(seed_, kValue, i);
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

int64_t CustomerBook::position(int64_t i) const {
  int store = home_store(i);
  return static_cast<int64_t>(perms_[store].inverse(static_cast<uint64_t>(i - starts_[store])));
}

bool CustomerBook::reached(int64_t i) const {
  if (i >= ordinary_) return false;
  int store = home_store(i);
  return position(i) < reached_count(store);
}

int64_t CustomerBook::draw_reached(int store) {
  int64_t free_end = block_size(store) - churned_count(store) - walk_in_used_[store];
  if (reached_used_[store] >= free_end) return draw_spare(store);
  return at(store, reached_used_[store]++);
}

int64_t CustomerBook::draw_walk_in(int store) {
  int64_t top = block_size(store) - churned_count(store) - 1 - walk_in_used_[store];
  if (top < reached_used_[store] || top < reached_count(store)) return draw_reached(store);
  ++walk_in_used_[store];
  return at(store, top);
}

int64_t CustomerBook::draw_spare(int store) {
  PW_CHECK(spare_used_ < spare_, "the spare customer pool is used up");
  spare_home_.push_back(store);
  return ordinary_ + spare_used_++;
}

int64_t CustomerBook::draw_planted() {
  PW_CHECK(planted_used_ < planted_, "the planted customer pool is used up");
  return first_planted() + planted_used_++;
}

}  // namespace pitwall::demo
