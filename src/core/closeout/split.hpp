#pragma once
// Collaboration split (协作分润, closeout.md §5): an order's received amount shared between its
// inviter (邀约), receiver (接待) and closer (成交) by the campaign's weights (default 5:3:2).
//
// A missing role's weight goes to `missing_role_goes_to` (default the closer); if that role is
// missing too, to the closer, the receiver, then the inviter, whichever is named first. Shares
// are exact in fen by the largest remainder: each role gets floor(amount x weight / total
// weight); the fen left over go one each to the largest fractional parts, ties in role order
// inviter, receiver, closer. Shares always add up to the amount (vectors C2, C2b, C3, C4).

#include <array>
#include <cstdint>

#include "core/model/campaign.hpp"

namespace pitwall::core::closeout {

enum SplitRole : int { kInviter = 0, kReceiver = 1, kCloser = 2 };

// Shares in fen by role. With nobody named every share is 0: the amount stays with the store.
std::array<int64_t, 3> split_amount(int64_t amount_fen, const SplitRule& rule,
                                    std::array<bool, 3> named);

}  // namespace pitwall::core::closeout
