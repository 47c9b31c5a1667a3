// Messages of the winback desk (see messages.hpp). Keys are "winback.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"winback.placeholder", "", ""},
};
}  // namespace

std::span<const Message> winback_messages() { return kMessages; }

}  // namespace pitwall::cli
