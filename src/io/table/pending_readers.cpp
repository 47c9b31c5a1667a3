// FIXME: placeholders until the CSV and XLSX readers land; removed when they do.
#include "io/table/table_source.hpp"

namespace pitwall::io {

core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string&, Encoding,
                                                         std::string) {
  return core::make_error(core::ErrorCode::kInternal, "CSV reader not yet built");
}
core::Result<std::unique_ptr<TableSource>> open_csv_bytes(std::string_view, Encoding, std::string) {
  return core::make_error(core::ErrorCode::kInternal, "CSV reader not yet built");
}
core::Result<std::unique_ptr<TableSource>> open_xlsx_file(const std::string&, std::string_view,
                                                          std::string) {
  return core::make_error(core::ErrorCode::kInternal, "XLSX reader not yet built");
}
core::Result<std::unique_ptr<TableSource>> open_xlsx_bytes(std::string_view, std::string_view,
                                                           std::string) {
  return core::make_error(core::ErrorCode::kInternal, "XLSX reader not yet built");
}

}  // namespace pitwall::io
