#include "core/closeout/split.hpp"

namespace pitwall::core::closeout {

namespace {
int role_of(const std::string& name) {
  if (name == "inviter") return kInviter;
  if (name == "receiver") return kReceiver;
  return kCloser;
}
}  // namespace

std::array<int64_t, 3> split_amount(int64_t amount_fen, const SplitRule& rule,
                                    std::array<bool, 3> named) {
  std::array<int64_t, 3> shares{0, 0, 0};
  if (!named[0] && !named[1] && !named[2]) return shares;
  if (amount_fen < 0) {
    shares = split_amount(-amount_fen, rule, named);
    for (int64_t& s : shares) s = -s;
    return shares;
  }
  const std::array<int64_t, 3> configured{rule.inviter.basis(), rule.receiver.basis(),
                                          rule.closer.basis()};
  // Where missing roles' weight goes: the configured role, then closer, receiver, inviter.
  const int chain[4] = {role_of(rule.missing_role_goes_to), kCloser, kReceiver, kInviter};
  int heir = kCloser;
  for (int r : chain) {
    if (named[r]) {
      heir = r;
      break;
    }
  }
  std::array<int64_t, 3> weight{0, 0, 0};
  int64_t total = 0;
  for (int r = 0; r < 3; ++r) {
    weight[named[r] ? r : heir] += configured[r];
    total += configured[r];
  }
  if (total <= 0) {
    shares[heir] = amount_fen;
    return shares;
  }
  std::array<__int128, 3> remainder{};
  int64_t given = 0;
  for (int r = 0; r < 3; ++r) {
    __int128 product = static_cast<__int128>(amount_fen) * weight[r];
    shares[r] = static_cast<int64_t>(product / total);
    remainder[r] = product % total;
    given += shares[r];
  }
  for (int64_t left = amount_fen - given; left > 0; --left) {
    int best = -1;
    for (int r = 0; r < 3; ++r) {
      if (remainder[r] > 0 && (best < 0 || remainder[r] > remainder[best])) best = r;
    }
    ++shares[best];
    remainder[best] = 0;
  }
  return shares;
}

}  // namespace pitwall::core::closeout
