#include "io/report/supervision_report.hpp"

namespace pitwall::io {

core::Status write_supervision_xlsx(const SupervisionReport&, const std::string&) {
  // FIXME: the XLSX writer (io/xlsx/xlsx_writer.hpp) lands on main later.
  return core::make_error(core::ErrorCode::kInternal, "XLSX writer not available yet");
}

}  // namespace pitwall::io
