#include "io/toml/campaign_file.hpp"

namespace pitwall::io {

core::Result<core::Campaign> parse_campaign_file(std::string_view, std::string_view) {
  return core::invalid_input("campaign files: not yet implemented");  // FIXME: being written
}

core::Result<core::MetricDefinition> parse_definition_file(std::string_view, std::string_view) {
  return core::invalid_input("definition files: not yet implemented");  // FIXME: being written
}

}  // namespace pitwall::io
