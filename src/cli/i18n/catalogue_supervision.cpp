// Messages of the supervision desk (see messages.hpp). Keys are "supervision.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"supervision.placeholder", "", ""},
};
}  // namespace

std::span<const Message> supervision_messages() { return kMessages; }

}  // namespace pitwall::cli
