#include "core/closeout/split.hpp"

#include <gtest/gtest.h>

#include <random>

namespace pitwall::core::closeout {
namespace {

using Shares = std::array<int64_t, 3>;

TEST(Split, VectorC2OneFenToTheInviter) {
  // 10001 fen x .5/.3/.2 = 5000.5 / 3000.3 / 2000.2: floors 10000, the fen left goes to .5.
  EXPECT_EQ(split_amount(10001, SplitRule{}, {true, true, true}), (Shares{5001, 3000, 2000}));
}

TEST(Split, VectorC2bTwoFenToCloserAndReceiver) {
  // 10009 fen: 5004.5 / 3002.7 / 2001.8 -> floors 5004 / 3002 / 2001, two fen to .8 and .7.
  EXPECT_EQ(split_amount(10009, SplitRule{}, {true, true, true}), (Shares{5004, 3003, 2002}));
}

TEST(Split, VectorC3SamePersonInviterAndCloser) {
  Shares s = split_amount(10001, SplitRule{}, {true, true, true});
  // The person holding inviter and closer gets 5001 + 2000 = 70.01, the receiver 30.00.
  EXPECT_EQ(s[kInviter] + s[kCloser], 7001);
  EXPECT_EQ(s[kReceiver], 3000);
}

TEST(Split, VectorC4NoInviterGoesToCloser) {
  // Receiver .3, closer .2 + .5 = .7: 3000.3 / 7000.7 -> the fen left goes to the closer.
  EXPECT_EQ(split_amount(10001, SplitRule{}, {false, true, true}), (Shares{0, 3000, 7001}));
}

TEST(Split, MissingCloserFallsToReceiverThenInviter) {
  EXPECT_EQ(split_amount(10000, SplitRule{}, {true, true, false}), (Shares{5000, 5000, 0}));
  EXPECT_EQ(split_amount(10000, SplitRule{}, {true, false, false}), (Shares{10000, 0, 0}));
}

TEST(Split, ConfiguredHeirTakesMissingWeight) {
  SplitRule rule;
  rule.missing_role_goes_to = "receiver";
  // Closer missing: its .2 goes to the receiver: .5 / .5.
  EXPECT_EQ(split_amount(10000, rule, {true, true, false}), (Shares{5000, 5000, 0}));
}

TEST(Split, NobodyNamedStaysWithStore) {
  EXPECT_EQ(split_amount(10001, SplitRule{}, {false, false, false}), (Shares{0, 0, 0}));
}

TEST(Split, SharesAlwaysAddUpToTheAmount) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20000; ++i) {
    SplitRule rule;
    rule.inviter = Rate::from_basis(static_cast<int64_t>(rng() % 10000));
    rule.receiver = Rate::from_basis(static_cast<int64_t>(rng() % 10000));
    rule.closer = Rate::from_basis(static_cast<int64_t>(rng() % 10000) + 1);
    auto amount = static_cast<int64_t>(rng() % 10'000'000) - 1'000'000;
    uint64_t mask = rng() % 7 + 1;
    std::array<bool, 3> named{(mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0};
    Shares s = split_amount(amount, rule, named);
    ASSERT_EQ(s[0] + s[1] + s[2], amount) << i;
    for (int r = 0; r < 3; ++r) {
      if (!named[r]) {
        ASSERT_EQ(s[r], 0);
      }
    }
  }
}

}  // namespace
}  // namespace pitwall::core::closeout
