#pragma once
// How the order exports write an order (columns, header aliases, status words, value forms).

#include <array>
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

// Writes the order exports' rows into a table writer (no allocation per row).
class OrderRowWriter {
 public:
  OrderRowWriter(TableWriter& out, ExportStyle style, const Network& net,
                 const CustomerBook& customers);

  void header();
  // The order as an export taken at the snapshot's moment shows it.
  void row(const Order& o, const Snapshot& s, Garble garble = Garble::kNone);
  TableWriter& out() { return out_; }

 private:
  // An identifier of the customer (ASCII, written as it is).
  void plain(void (CustomerBook::*append)(TextBuffer&, int64_t) const, int64_t customer);
  void staff(int staff);
  void time(int64_t t, TimeForm form);
  void phone(int64_t customer, PhoneForm form);
  void order_id(const Order& o);

  TableWriter& out_;
  ExportStyle style_;
  const Network& net_;
  const CustomerBook& customers_;
  TextBuffer scratch_;
  // Status words and channel names in the file's encoding, converted once.
  std::array<std::string, 6> status_words_;
  std::array<std::string, 4> channel_words_;
  int64_t id_day_ = INT64_MIN;  // the day id_prefix_ ("SO20230306") is for
  TextBuffer id_prefix_;
};

// Header text of the paid_at and status columns in a style (for import-error records).
const char* paid_at_header(ExportStyle style);
const char* status_header(ExportStyle style);
// The garbled values written.
inline constexpr const char* kGarbledPaidAt = "2023-03-32 10:15:00";
inline constexpr const char* kGarbledStatus = "已作废";

}  // namespace pitwall::demo
