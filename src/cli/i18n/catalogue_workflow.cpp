// Messages of the workflow desk (see messages.hpp). Keys are "workflow.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"workflow.placeholder", "", ""},
};
}  // namespace

std::span<const Message> workflow_messages() { return kMessages; }

}  // namespace pitwall::cli
