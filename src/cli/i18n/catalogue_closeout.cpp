// Messages of the closeout desk (see messages.hpp). Keys are "closeout.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"closeout.placeholder", "", ""},
};
}  // namespace

std::span<const Message> closeout_messages() { return kMessages; }

}  // namespace pitwall::cli
