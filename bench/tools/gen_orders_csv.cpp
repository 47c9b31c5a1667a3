// Writes an orders export of N rows with Chinese headers (UTF-8) for the import benchmarks:
//   gen_orders_csv ROWS SEED > orders.csv
// The columns and value forms are those of a real dealer-system export (formats.md): Chinese
// status words, "2023/3/6 9:30" and "2023-03-06 09:30:00" times, "¥1,234.50" and plain amounts,
// phones, VINs, staff ids. Deterministic: same ROWS and SEED, same bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {
    s += 0x9E3779B97F4A7C15ULL;
    uint64_t z = s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
};

const char* kStatus[] = {"已支付", "已核销", "已支付", "已取消", "已下单", "已核销", "已退款"};
const char* kPackages[] = {"PKG-MAINT", "PKG-TIRE", "PKG-AC", "PKG-CARE", "PKG-BRAKE"};
const int kPrices[] = {89900, 129900, 39900, 59900, 69900};
const char* kVinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gen_orders_csv ROWS [SEED]\n");
    return 2;
  }
  int64_t rows = std::atoll(argv[1]);
  Rng rng{argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42};
  static char buffer[1 << 20];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  std::fputs(
      "订单号,客户ID,门店编码,订单状态,下单时间,支付时间,核销时间,系统记录时间,套餐,原价,"
      "实付金额,优惠金额,手机号,车架号,邀约人,接待人,成交人,设备号,渠道\n",
      stdout);
  char vin[18];
  vin[17] = 0;
  for (int64_t i = 0; i < rows; ++i) {
    int status = static_cast<int>(rng.below(7));
    int pkg = static_cast<int>(rng.below(5));
    int store = static_cast<int>(rng.below(218));
    int day = 1 + static_cast<int>(rng.below(31));
    int hour = 8 + static_cast<int>(rng.below(12));
    int minute = static_cast<int>(rng.below(60));
    int price = kPrices[pkg];
    int discount = rng.below(4) == 0 ? 5000 : 0;
    bool slash = rng.below(3) == 0;
    bool paid = status != 3 && status != 4;
    for (int k = 0; k < 17; ++k) vin[k] = kVinChars[rng.below(33)];
    std::printf("O%09lld,C%07llu,S%03d,%s,", static_cast<long long>(i),
                static_cast<unsigned long long>(rng.below(rows / 2 + 1)), store + 1,
                kStatus[status]);
    if (slash) {
      std::printf("2023/3/%d %d:%02d,", day, hour, minute);
    } else {
      std::printf("2023-03-%02d %02d:%02d:00,", day, hour, minute);
    }
    if (paid) {
      std::printf("2023-03-%02d %02d:%02d:30,", day, hour, minute);
    } else {
      std::fputs(",", stdout);
    }
    if (status == 1 || status == 5) {
      std::printf("2023-04-%02d 10:00:00,", 1 + static_cast<int>(rng.below(20)));
    } else {
      std::fputs(",", stdout);
    }
    std::printf("2023-03-%02d %02d:%02d:05,%s,", day, hour, minute, kPackages[pkg]);
    if (rng.below(4) == 0) {
      std::printf("\"¥%d,%03d.%02d\",", price / 100000, price / 100 % 1000, price % 100);
    } else {
      std::printf("%d.%02d,", price / 100, price % 100);
    }
    if (paid) {
      int net = price - discount;
      std::printf("%d.%02d,", net / 100, net % 100);
    } else {
      std::fputs(",", stdout);
    }
    std::printf(
        "%d.%02d,1%010llu,%s,E%05d,E%05d,E%05d,D%08llu,%s\n", discount / 100, discount % 100,
        static_cast<unsigned long long>(rng.below(9999999999ULL)), vin,
        store * 10 + static_cast<int>(rng.below(10)), store * 10 + static_cast<int>(rng.below(10)),
        store * 10 + static_cast<int>(rng.below(10)),
        static_cast<unsigned long long>(rng.below(100000000)), rng.below(2) ? "APP" : "门店");
  }
  return 0;
}
