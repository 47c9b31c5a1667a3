#pragma once
// How the order exports write an order (columns, header aliases, status words, value forms).

#include <string>

#include "demo/customers.hpp"
#include "demo/network.hpp"
#include "demo/order_model.hpp"
#include "demo/table_writer.hpp"

namespace pitwall::demo {

enum class ExportStyle : uint8_t {
  kMain,          // GB18030 CSV, Chinese headers (first aliases), 已下单-style words, 1,234.50
  kReexportXlsx,  // XLSX, other Chinese aliases, date cells, 已完成 for redeemed
  kReexportCsv,   // UTF-8 CSV, English canonical headers and words, 2023/3/6 9:30:15
};

// Garbles a re-export row on purpose (an import error planted for the ground truth).
enum class Garble : uint8_t { kNone, kPaidAt, kStatus };

void write_order_header(TableWriter& out, ExportStyle style);
void write_order_row(TableWriter& out, ExportStyle style, const Network& net,
                     const CustomerBook& customers, const Order& o, const Snapshot& s,
                     Garble garble = Garble::kNone);
// Header text of the paid_at and status columns in a style (for import-error records).
const char* paid_at_header(ExportStyle style);
const char* status_header(ExportStyle style);
// The garbled values written.
inline constexpr const char* kGarbledPaidAt = "2023-03-32 10:15:00";
inline constexpr const char* kGarbledStatus = "已作废";

}  // namespace pitwall::demo
