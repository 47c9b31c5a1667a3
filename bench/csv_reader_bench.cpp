// CSV reader throughput on a generated orders export: 1,000,000 rows × 25 columns with Chinese
// headers and Chinese status, store, address and channel cells, as UTF-8 and as GB18030.
// Reports rows/s (items_per_second) and MB/s (bytes_per_second).
//
//   build/bench/csv_reader_bench --benchmark_repetitions=5
//
// BM_ReadCsv* only split rows into UTF-8 cells (validating or transcoding); BM_ReadAndParse also
// runs the field parsers on the typed columns, as the importer will.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "io/csv/csv_reader.hpp"
#include "io/encoding/gb18030.hpp"
#include "io/text/fields.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall {
namespace {

constexpr int kRows = 1'000'000;
constexpr uint64_t kSeed = 20230331;

// Uniform-enough index in [0, n) from the generator (our own mapping; style.md).
size_t pick(std::mt19937_64& rng, size_t n) { return static_cast<size_t>(rng() % n); }

void append_int(std::string& out, uint64_t v, int width) {
  char buf[24];
  int len = std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(v));
  out.append(buf, static_cast<size_t>(len));
}

void append_time(std::string& out, std::mt19937_64& rng) {
  char buf[32];
  int len = std::snprintf(buf, sizeof buf, "2023-03-%02d %02d:%02d:%02d",
                          static_cast<int>(1 + pick(rng, 31)), static_cast<int>(pick(rng, 24)),
                          static_cast<int>(pick(rng, 60)), static_cast<int>(pick(rng, 60)));
  out.append(buf, static_cast<size_t>(len));
}

void append_amount(std::string& out, uint64_t fen) {
  append_int(out, fen / 100, 1);
  out.push_back('.');
  append_int(out, fen % 100, 2);
}

std::string make_orders_csv() {
  static constexpr std::string_view kStatuses[] = {"已支付", "已核销", "已取消", "已下单",
                                                   "已退款"};
  static constexpr std::string_view kCities[] = {"北京市朝阳区", "上海市浦东新区", "广州市天河区",
                                                 "成都市武侯区", "杭州市西湖区"};
  static constexpr std::string_view kChannels[] = {"门店", "小程序", "电话邀约", "APP"};
  std::mt19937_64 rng(kSeed);
  std::string out =
      "订单号,客户ID,门店编码,订单状态,下单时间,支付时间,核销时间,系统记录时间,更新时间,套餐,"
      "原价,实付金额,优惠金额,税率,归属门店,手机号,车架号,邀约人,接待人,成交人,设备号,支付账号,"
      "地址,优惠券码,渠道\n";
  out.reserve(size_t{230} * kRows);
  for (int i = 0; i < kRows; ++i) {
    uint64_t gross = 19900 + pick(rng, 200000);
    uint64_t discount = pick(rng, 5000);
    out += "SO2023";
    append_int(out, static_cast<uint64_t>(i), 8);
    out += ",C";
    append_int(out, pick(rng, 400000), 7);
    out += ",S";
    append_int(out, pick(rng, 800), 4);
    out += ',';
    out += kStatuses[pick(rng, 5)];
    for (int t = 0; t < 5; ++t) {
      out += ',';
      append_time(out, rng);
    }
    out += ",PKG";
    append_int(out, pick(rng, 40), 3);
    out += ',';
    append_amount(out, gross);
    out += ',';
    append_amount(out, gross - discount);
    out += ',';
    append_amount(out, discount);
    out += ",6%,S";
    append_int(out, pick(rng, 800), 4);
    out += ",1";
    append_int(out, pick(rng, 10'000'000'000ULL), 10);
    out += ",LSV";
    append_int(out, pick(rng, 100'000'000'000'000ULL), 14);
    for (int s = 0; s < 3; ++s) {
      out += ",E";
      append_int(out, pick(rng, 20000), 5);
    }
    out += ",D";
    append_int(out, pick(rng, 1'000'000), 7);
    out += ",PA";
    append_int(out, pick(rng, 1'000'000), 7);
    out += ",\"";
    out += kCities[pick(rng, 5)];
    append_int(out, pick(rng, 999), 1);
    out += "号, 2楼\",";
    if (pick(rng, 3) == 0) {
      out += "CP";
      append_int(out, pick(rng, 100000), 6);
    }
    out += ',';
    out += kChannels[pick(rng, 4)];
    out += '\n';
  }
  return out;
}

const std::string& utf8_csv() {
  static const std::string csv = make_orders_csv();
  return csv;
}

const std::string& gb18030_csv() {
  static const std::string csv = *io::utf8_to_gb18030(utf8_csv());
  return csv;
}

const std::string& csv_file(bool gb) {
  static std::string made[2];
  std::string& path = made[gb ? 1 : 0];
  if (path.empty()) {
    path = "/tmp/pitwall_csv_bench_" + std::to_string(getpid()) + (gb ? "_gb.csv" : "_utf8.csv");
    const std::string& bytes = gb ? gb18030_csv() : utf8_csv();
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<long>(bytes.size()));
  }
  return path;
}

void count_rows(benchmark::State& state, io::TableSource& source, int64_t& rows) {
  io::SourceRow row;
  size_t cells = 0;
  while (true) {
    auto got = source.next(row);
    if (!got.has_value()) {
      state.SkipWithError(got.error().to_string().c_str());
      return;
    }
    if (!*got) break;
    cells += row.cells.size();
    ++rows;
  }
  benchmark::DoNotOptimize(cells);
}

void run(benchmark::State& state, bool gb, bool from_file) {
  const std::string& bytes = gb ? gb18030_csv() : utf8_csv();
  int64_t rows = 0;
  for (auto _ : state) {
    auto source = from_file ? io::open_csv_file(csv_file(gb), io::Encoding::kAuto, "orders.csv")
                            : io::open_csv_bytes(bytes, io::Encoding::kAuto, "orders.csv");
    if (!source.has_value()) {
      state.SkipWithError(source.error().to_string().c_str());
      return;
    }
    count_rows(state, **source, rows);
  }
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(static_cast<int64_t>(bytes.size()) * state.iterations());
}

void BM_ReadCsvUtf8Memory(benchmark::State& state) { run(state, false, false); }
void BM_ReadCsvGb18030Memory(benchmark::State& state) { run(state, true, false); }
void BM_ReadCsvUtf8File(benchmark::State& state) { run(state, false, true); }
void BM_ReadCsvGb18030File(benchmark::State& state) { run(state, true, true); }

// Reading plus the typed columns through the field parsers: 5 date-times, 3 amounts, a rate and
// the status (what the importer does per row besides interning text), with the tz database's
// Asia/Shanghai behind a CachedZone (state.range(0) = 1) or called directly (0).
void BM_ReadAndParseUtf8(benchmark::State& state) {
  const core::TimeZone* tz = *io::find_time_zone("Asia/Shanghai");
  const io::CachedZone cached(*tz);
  const core::TimeZone& zone = state.range(0) ? static_cast<const core::TimeZone&>(cached) : *tz;
  const std::string& bytes = utf8_csv();
  int64_t rows = 0;
  int64_t checksum = 0;
  for (auto _ : state) {
    auto source = io::open_csv_bytes(bytes, io::Encoding::kAuto, "orders.csv");
    io::SourceRow row;
    while (*(*source)->next(row)) {
      checksum += static_cast<int>(*io::parse_order_status(row.cells[3]));
      for (int c = 4; c <= 8; ++c) checksum += *io::parse_date_time(row.cells[c], zone);
      for (int c = 10; c <= 12; ++c) checksum += *io::parse_amount_fen(row.cells[c]);
      checksum += io::parse_rate(row.cells[13])->basis();
      ++rows;
    }
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(static_cast<int64_t>(bytes.size()) * state.iterations());
}

// One parser over the cells of one column of the first 200,000 rows: ns per cell.
template <typename Parse>
void parse_column(benchmark::State& state, int column, Parse parse) {
  static std::vector<std::vector<std::string>> columns;
  if (columns.empty()) {
    columns.resize(25);
    auto source = io::open_csv_bytes(utf8_csv(), io::Encoding::kAuto, "orders.csv");
    io::SourceRow row;
    for (int i = 0; i < 200'000 && *(*source)->next(row); ++i) {
      for (size_t c = 0; c < 25; ++c) columns[c].emplace_back(row.cells[c]);
    }
  }
  int64_t checksum = 0;
  for (auto _ : state) {
    for (const std::string& cell : columns[column]) checksum += parse(cell);
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(static_cast<int64_t>(columns[column].size()) * state.iterations());
}

void BM_FieldDateTime(benchmark::State& state) {
  const io::CachedZone zone(**io::find_time_zone("Asia/Shanghai"));
  parse_column(state, 4, [&](const std::string& c) { return *io::parse_date_time(c, zone); });
}
void BM_FieldAmount(benchmark::State& state) {
  parse_column(state, 11, [](const std::string& c) { return *io::parse_amount_fen(c); });
}
void BM_FieldStatus(benchmark::State& state) {
  parse_column(state, 3,
               [](const std::string& c) { return static_cast<int>(*io::parse_order_status(c)); });
}
void BM_FieldRate(benchmark::State& state) {
  parse_column(state, 13, [](const std::string& c) { return io::parse_rate(c)->basis(); });
}
BENCHMARK(BM_FieldDateTime);
BENCHMARK(BM_FieldAmount);
BENCHMARK(BM_FieldStatus);
BENCHMARK(BM_FieldRate);

BENCHMARK(BM_ReadCsvUtf8Memory)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ReadCsvGb18030Memory)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ReadCsvUtf8File)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ReadCsvGb18030File)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ReadAndParseUtf8)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace pitwall

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  for (bool gb : {false, true}) {
    std::string path =
        "/tmp/pitwall_csv_bench_" + std::to_string(getpid()) + (gb ? "_gb.csv" : "_utf8.csv");
    std::remove(path.c_str());
  }
  benchmark::Shutdown();
  return 0;
}
