#pragma once
// The demo network (issue 4 item 2): regions (战区), stores in real cities of each region, staff,
// and the price list of service packages. Built once from the seed; small (thousands of rows),
// so it is held in memory. Customers are not held: see customers.hpp.

#include <cstdint>
#include <string>
#include <vector>

#include "demo/text_buffer.hpp"

namespace pitwall::demo {

struct Region {
  std::string name;        // "华东战区"
  std::string short_name;  // "华东" (for user names and the summary)
  std::string key;         // "east" (ASCII, for user names)
};

struct City {
  std::string name;  // "上海"
  std::string code;  // "SH" (for store codes)
  std::string area;  // "021" (telephone area code, for old store codes)
  int region = 0;
  std::vector<std::string> districts;
};

struct Store {
  std::string code;      // "HD-SH03"
  std::string name;      // "上海浦东服务中心"
  std::string old_code;  // "4S021-03" or "" (formats.md stores: old codes)
  int region = 0;
  int city = 0;
  int district = 0;
  double size = 1;          // relative size (staff, customers)
  double order_weight = 1;  // share of the campaign's orders (size × execution)
  bool executing = false;   // one of the ~23 stores that really ran the campaign (supervision.md)
  int first_staff = 0;      // staff of the store: [first_staff, first_staff + staff_count)
  int staff_count = 0;
  int first_adviser = 0;  // service advisers (who close orders): [first_adviser, + adviser_count)
  int adviser_count = 0;
};

struct StaffMember {
  std::string id;  // "E00001"
  std::string name;
  int store = 0;
  std::string role;   // 店长, 服务经理, 服务顾问, 客服专员, 测试账号
  bool test = false;  // internal test account (campaign [test] staff_ids)
};

struct Package {
  std::string code;
  std::string name;
  int64_t list_fen = 0;
  int tax_basis = 600;     // ten-thousandths: 600 = 6%
  int discount_basis = 0;  // campaign benefit, share of the list price
  double weight = 1;       // share of orders
};

struct Network {
  std::vector<Region> regions;
  std::vector<City> cities;
  std::vector<Store> stores;
  std::vector<StaffMember> staff;
  std::vector<Package> packages;
  std::vector<double> store_cumulative;         // cumulative order weights, for drawing a store
  std::vector<double> package_cumulative;       // cumulative package weights
  std::vector<std::vector<int>> region_stores;  // store indices per region
  std::vector<int> test_staff;                  // staff indices of test accounts
};

// Builds the network of `store_count` stores (>= 12) from the seed. Deterministic.
Network build_network(uint64_t seed, int store_count);

// Name pools (UTF-8) shared by the generators.
const std::vector<std::string>& surnames();
const std::vector<std::string>& given_name_chars();
const std::vector<std::string>& street_names();
// A Chinese personal name drawn from 64 random bits (appended to `out`, or as a string).
void append_person_name(TextBuffer& out, uint64_t bits);
std::string person_name(uint64_t bits);

}  // namespace pitwall::demo
