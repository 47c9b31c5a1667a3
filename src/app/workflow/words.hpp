#pragma once
// The workflow's tokens in words, one wording for every face: the terminal's arbitration queue
// and sign-off lines (cli/workflow_print.cpp) and the close-out workbook's Arbitration, Sign-offs
// and Retrospective sheets (export.cpp) say the same thing the same way (issue 23).
//
// Each function takes a token as the workflow's JSON writes it and returns its words in `lang`;
// a token the catalogue has no word for is shown as it is.

#include <string>
#include <string_view>

#include "app/i18n/messages.hpp"

namespace pitwall::app::workflow {

// A reason or evidence rule of the arbitration queue ("fill.store", "dispute.mine"): the
// close-out's rule words, else the workflow's reason words.
std::string rule_words(Lang lang, std::string_view rule);

// A decision ("count", "exclude", "store" with the store it moves the order to).
std::string decision_words(Lang lang, std::string_view decision, std::string_view store);

// A campaign, confirmation or queue state ("open", "pending", "sealed").
std::string status_words(Lang lang, std::string_view status);

// An order's status ("paid", "redeemed": 已支付, 已核销), and why an order is not counted
// ("status", "outside_window": the close-out's reason words).
std::string order_status_words(Lang lang, std::string_view status);
std::string not_counted_words(Lang lang, std::string_view verdict);

// An order column named by evidence ("store_code"): its usual Chinese header in zh, the name in
// en.
std::string field_words(Lang lang, std::string_view field);

}  // namespace pitwall::app::workflow
