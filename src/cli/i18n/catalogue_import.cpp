// Messages of the import desk (see messages.hpp). Keys are "import.<what>".
#include "cli/i18n/messages.hpp"

namespace pitwall::cli {

namespace {
constexpr Message kMessages[] = {
    {"import.placeholder", "", ""},
};
}  // namespace

std::span<const Message> import_messages() { return kMessages; }

}  // namespace pitwall::cli
