#include "cli/workspace_ops.hpp"

namespace pitwall::cli {

namespace {
core::Error pending() {
  return core::make_error(core::ErrorCode::kInternal, "not yet implemented");  // FIXME: lead
}
}  // namespace

core::Status init_workspace_at(const Context&, const std::string&) { return pending(); }
core::Result<ImportOutcome> import_file(const Context&, store::Workspace&, const ImportRequest&) {
  return pending();
}
core::Result<store::CampaignRecord> add_campaign_file(const Context&, store::Workspace&,
                                                      const std::string&) {
  return pending();
}
core::Result<store::DefinitionRecord> add_definition_file(const Context&, store::Workspace&,
                                                          const std::string&) {
  return pending();
}
core::Status add_user(const Context&, store::Workspace&, const store::User&) { return pending(); }

}  // namespace pitwall::cli
