#include "store/workspace.hpp"

namespace pitwall::store {

core::Status init_workspace(const std::string&, int64_t) {
  return core::make_error(core::ErrorCode::kInternal, "not yet implemented");  // FIXME
}
core::Result<std::unique_ptr<Workspace>> open_workspace(const std::string&) {
  return core::make_error(core::ErrorCode::kInternal, "not yet implemented");  // FIXME
}

}  // namespace pitwall::store
