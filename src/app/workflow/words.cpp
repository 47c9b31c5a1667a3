#include "app/workflow/words.hpp"

#include <fmt/format.h>

#include "core/model/table.hpp"
#include "io/import/aliases.hpp"

namespace pitwall::app::workflow {

std::string rule_words(Lang lang, std::string_view rule) {
  std::string_view workflow = message_or(lang, fmt::format("workflow.reason.{}", rule), rule);
  return std::string(message_or(lang, fmt::format("closeout.rule.{}", rule), workflow));
}

std::string decision_words(Lang lang, std::string_view decision, std::string_view store) {
  if (decision == "store") return tr(lang, "workflow.decision.store", store);
  return std::string(message_or(lang, fmt::format("workflow.decision.{}", decision), decision));
}

std::string status_words(Lang lang, std::string_view status) {
  return std::string(message_or(lang, fmt::format("workflow.status.{}", status), status));
}

std::string order_status_words(Lang lang, std::string_view status) {
  return std::string(message_or(lang, fmt::format("workflow.order_status.{}", status), status));
}

std::string not_counted_words(Lang lang, std::string_view verdict) {
  return std::string(message_or(lang, fmt::format("closeout.reason.{}", verdict), verdict));
}

std::string field_words(Lang lang, std::string_view field) {
  if (lang == Lang::kEn) return std::string(field);
  return std::string(io::chinese_header(core::TableKind::kOrders, field));
}

}  // namespace pitwall::app::workflow
