// Messages of the demo desk (see messages.hpp). Keys are "demo.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"demo.placeholder", "", ""},
};
}  // namespace

std::span<const Message> demo_messages() { return kMessages; }

}  // namespace pitwall::cli
