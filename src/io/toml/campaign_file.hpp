#pragma once
// Reading the campaign file and metric definition files (formats.md). Every key but the
// required ones has its documented default; an unknown key or a wrong type is an error naming
// the file, line and key.

#include <string_view>

#include "core/base/result.hpp"
#include "core/definitions/definition.hpp"
#include "core/model/campaign.hpp"

namespace pitwall::io {

// Parses a campaign file. Local times are converted to UTC in the file's `timezone`.
core::Result<core::Campaign> parse_campaign_file(std::string_view text, std::string_view file);

// Parses a metric definition file.
core::Result<core::MetricDefinition> parse_definition_file(std::string_view text,
                                                           std::string_view file);

}  // namespace pitwall::io
