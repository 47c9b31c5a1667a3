#pragma once
// Master data, the campaign file, metric definitions and the close-out supplements of the demo
// (formats.md): stores (GB18030, Chinese headers), staff (XLSX), customers (UTF-8 with BOM,
// English headers), price list, blacklist, audience, store corrections (XLSX) and
// customer-service exceptions.

#include <atomic>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "demo/customers.hpp"
#include "demo/demo.hpp"
#include "demo/network.hpp"
#include "demo/orders.hpp"

namespace pitwall::demo {

class MasterWriter {
 public:
  MasterWriter(std::string dir, const Network& net, DemoSummary& summary)
      : dir_(std::move(dir)), net_(net), summary_(summary) {}

  core::Status write_network();  // stores, staff, price list, metric definitions
  core::Status write_campaign(const std::vector<std::string>& test_customers);
  core::Status write_supplements(const std::vector<CorrectionRow>& corrections,
                                 const std::vector<ExceptionRow>& exceptions);
  core::Status write_blacklist(const std::vector<BlacklistEntry>& entries);

 private:
  void add(std::string name, std::string kind, std::string encoding, int64_t rows,
           bool per_campaign) {
    summary_.files.push_back(
        {std::move(name), std::move(kind), std::move(encoding), rows, per_campaign});
  }
  std::string dir_;
  const Network& net_;
  DemoSummary& summary_;
};

struct CustomerFiles {
  int64_t customers = 0, audience = 0;  // data rows of customers.csv and audience.csv
};

// customers.csv (UTF-8 with BOM, by customer id) and audience.csv (by store block). Reads only
// the read-only CustomerBook, so it runs on its own thread while the orders are drawn;
// `rows_written` counts the rows so far (customers, then audience), for the progress bar.
core::Result<CustomerFiles> write_customer_files(const std::string& dir, const Network& net,
                                                 const CustomerBook& customers, uint64_t seed,
                                                 std::atomic<int64_t>& rows_written);

}  // namespace pitwall::demo
