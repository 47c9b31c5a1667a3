#pragma once
// Customers of the demo network, derived at random access from their index (no table in
// memory, so 10^7 customers cost nothing until written). Once the planted customers' overrides
// are set, the book is read-only and safe to read from several threads.
//
// Index layout: [0, ordinary) are ordinary customers in one block per store (a store's block is
// its home customers, sized by the store's share of orders); [ordinary, ordinary + spare) a
// spare pool for blocks that run out; then the planted customers (test accounts, fraud rings,
// shared-phone accounts, ...), whose identifiers the planter may override.
//
// Within a store block, positions are permuted (AffinePerm) so customer ids carry no pattern.
// Position p < reached_count(store) is in the campaign's audience; orders draw reached
// customers from position 0 upwards, walk-ins from the top of the block downwards (see
// CustomerDraws), and the churned customers of the win-back desk are the block's top 3%, which
// no order draws.
//
// Every identifier an ordinary customer has (phone, VIN, device, payment account, address) is
// unique by construction, so no fraud or identity rule can fire on ordinary data.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "demo/network.hpp"
#include "demo/random.hpp"
#include "demo/text_buffer.hpp"

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
  // `audience_permille` of each store block is the campaign's audience (500 at the default).
  CustomerBook(const Network& net, uint64_t seed, int64_t ordinary, int64_t spare, int64_t planted,
               int audience_permille);

  int64_t total() const { return total_; }
  int64_t ordinary() const { return ordinary_; }
  int64_t spare() const { return spare_; }
  int64_t planted() const { return planted_; }
  int64_t first_planted() const { return ordinary_ + spare_; }
  int store_count() const { return static_cast<int>(starts_.size()) - 1; }

  // Identifiers, appended to `out` (the writers' hot path) or as a string.
  void append_id(TextBuffer& out, int64_t i) const;
  void append_name(TextBuffer& out, int64_t i) const;
  void append_phone(TextBuffer& out, int64_t i) const;
  void append_vin(TextBuffer& out, int64_t i) const;
  void append_device(TextBuffer& out, int64_t i) const;
  void append_payment(TextBuffer& out, int64_t i) const;
  void append_address(TextBuffer& out, int64_t i) const;
  std::string id(int64_t i) const { return text(&CustomerBook::append_id, i); }
  std::string name(int64_t i) const { return text(&CustomerBook::append_name, i); }
  std::string phone(int64_t i) const { return text(&CustomerBook::append_phone, i); }
  std::string vin(int64_t i) const { return text(&CustomerBook::append_vin, i); }
  std::string device(int64_t i) const { return text(&CustomerBook::append_device, i); }
  std::string payment(int64_t i) const { return text(&CustomerBook::append_payment, i); }
  std::string address(int64_t i) const { return text(&CustomerBook::append_address, i); }
  int64_t index_of_id_number(int64_t number) const;  // inverse of id's number
  int home_store(int64_t i) const;
  bool english(int64_t i) const;
  int64_t annual_value_fen(int64_t i) const;
  bool in_master(int64_t i) const;

  // Block of a store: [block_start, block_start + block_size).
  int64_t block_start(int store) const { return starts_[store]; }
  int64_t block_size(int store) const { return starts_[store + 1] - starts_[store]; }
  int64_t reached_count(int store) const { return block_size(store) * audience_permille_ / 1000; }
  int64_t churned_count(int store) const { return block_size(store) * 3 / 100; }
  // Customer index at a block position.
  int64_t at(int store, int64_t position) const;

  // Planted customers only (index >= first_planted()), before any file is written.
  CustomerOverride& override_for(int64_t i);
  const CustomerOverride* find_override(int64_t i) const {
    return i < first_planted() ? nullptr : &overrides_[static_cast<size_t>(i - first_planted())];
  }

 private:
  std::string text(void (CustomerBook::*append)(TextBuffer&, int64_t) const, int64_t i) const;

  // mix(seed, stream, i) with the stream's first round precomputed (the writers' hot path).
  uint64_t hash(uint64_t stream, int64_t i) const {
    return mix64(stream_keys_[stream] + static_cast<uint64_t>(i));
  }

  const Network& net_;
  uint64_t seed_;
  std::array<uint64_t, 32> stream_keys_{};
  int64_t ordinary_, spare_, planted_, total_;
  int64_t audience_permille_;
  std::vector<int64_t> starts_;  // per store, plus the end
  std::vector<AffinePerm> perms_;
  AffinePerm id_perm_;
  std::vector<CustomerOverride> overrides_;  // per planted customer
};

// Which customer an order gets (sequential state, kept apart from the read-only CustomerBook so
// that the customers file can be written by another thread while orders draw): reached
// customers of a store from block position 0 upwards, walk-ins from the top of the block
// downwards; the spare pool when a block is used up (a spare customer's home store is drawn
// from its index, so the customers file does not depend on the draws).
class CustomerDraws {
 public:
  explicit CustomerDraws(const CustomerBook& book);
  int64_t reached(int store);
  int64_t walk_in(int store);
  int64_t planted();  // next planted customer index
  int64_t spare_used() const { return spare_used_; }

 private:
  int64_t spare();

  const CustomerBook& book_;
  std::vector<int64_t> reached_used_, walk_in_used_;
  int64_t spare_used_ = 0, planted_used_ = 0;
};

// ISO 3779 check digit of a 17-character VIN (position 9).
char vin_check_digit(const std::string& vin);

}  // namespace pitwall::demo
