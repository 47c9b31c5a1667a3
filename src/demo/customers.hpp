#pragma once
// Customers of the demo network, derived at random access from their index (no table in
// memory, so 10^7 customers cost nothing until written).
//
// Index layout: [0, ordinary) are ordinary customers in one block per store (a store's block is
// its home customers, sized by the store's share of orders); [ordinary, ordinary + spare) a
// spare pool for blocks that run out; then the planted customers (test accounts, fraud rings,
// shared-phone accounts, ...), whose identifiers the planter may override.
//
// Within a store block, positions are permuted (AffinePerm) so customer ids carry no pattern.
// Position p < reached_count(store) is in the campaign's audience; orders draw reached
// customers from position 0 upwards, walk-ins from the top of the block downwards, and the
// churned customers of the win-back desk sit just below the walk-ins' start.
//
// Every identifier an ordinary customer has (phone, VIN, device, payment account, address) is
// unique by construction, so no fraud or identity rule can fire on ordinary data.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "demo/network.hpp"
#include "demo/random.hpp"

namespace pitwall::demo {

struct CustomerOverride {
  std::string phone, vin, device, payment, address;  // "" = own
  bool in_master = true;  // false: an id the customer master does not know (ref.customer)
  bool test = false;      // internal test account
  std::string name;       // "" = own
  int home = -1;          // home store; -1 = drawn from the index
};

class CustomerBook {
 public:
  CustomerBook(const Network& net, uint64_t seed, int64_t ordinary, int64_t spare, int64_t planted);

  int64_t total() const { return total_; }
  int64_t ordinary() const { return ordinary_; }
  int64_t first_planted() const { return ordinary_ + spare_; }

  std::string id(int64_t i) const;
  int64_t index_of_id_number(int64_t number) const;  // inverse of id's number
  std::string name(int64_t i) const;
  std::string phone(int64_t i) const;
  std::string vin(int64_t i) const;
  std::string device(int64_t i) const;
  std::string payment(int64_t i) const;
  std::string address(int64_t i) const;
  int home_store(int64_t i) const;
  bool english(int64_t i) const;
  int64_t annual_value_fen(int64_t i) const;
  bool in_master(int64_t i) const;

  // Block of a store: [block_start, block_start + block_size).
  int64_t block_start(int store) const { return starts_[store]; }
  int64_t block_size(int store) const { return starts_[store + 1] - starts_[store]; }
  int64_t reached_count(int store) const { return block_size(store) / 2; }
  int64_t churned_count(int store) const { return block_size(store) * 3 / 100; }
  // Customer index at a block position.
  int64_t at(int store, int64_t position) const;
  // Position of an ordinary customer within its block.
  int64_t position(int64_t i) const;
  bool reached(int64_t i) const;

  // Draws (sequential state): the next reached customer of a store, the next walk-in. Fall back
  // to the spare pool when a block is used up.
  int64_t draw_reached(int store);
  int64_t draw_walk_in(int store);
  int64_t draw_planted();  // next planted customer index

  CustomerOverride& override_for(int64_t i) { return overrides_[i]; }
  const CustomerOverride* find_override(int64_t i) const;

 private:
  int64_t draw_spare(int store);

  const Network& net_;
  uint64_t seed_;
  int64_t ordinary_, spare_, planted_, total_;
  std::vector<int64_t> starts_;  // per store, plus the end
  std::vector<AffinePerm> perms_;
  std::vector<int64_t> reached_used_, walk_in_used_;
  int64_t spare_used_ = 0, planted_used_ = 0;
  std::vector<int> spare_home_;  // home store of spare customers drawn so far
  AffinePerm id_perm_;
  std::unordered_map<int64_t, CustomerOverride> overrides_;
};

// ISO 3779 check digit of a 17-character VIN (position 9).
char vin_check_digit(const std::string& vin);

}  // namespace pitwall::demo
