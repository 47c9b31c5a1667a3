#include "demo/network.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/check.hpp"
#include "demo/random.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

struct CitySeed {
  int region;
  const char* name;
  const char* code;
  const char* area;
  std::vector<std::string> districts;
};

const std::vector<CitySeed>& city_seeds() {
  static const std::vector<CitySeed> kCities = {
      {0, "上海", "SH", "021", {"浦东", "闵行", "徐汇", "嘉定", "宝山", "松江", "青浦", "普陀"}},
      {0, "杭州", "HZ", "0571", {"西湖", "滨江", "萧山", "余杭", "拱墅", "上城"}},
      {0, "南京", "NJ", "025", {"江宁", "鼓楼", "建邺", "栖霞", "浦口"}},
      {0, "苏州", "SZ", "0512", {"工业园区", "吴中", "相城", "姑苏", "吴江"}},
      {0, "宁波", "NB", "0574", {"鄞州", "海曙", "江北", "北仑"}},
      {0, "合肥", "HF", "0551", {"蜀山", "包河", "庐阳", "瑶海"}},
      {0, "济南", "JN", "0531", {"历下", "槐荫", "天桥", "历城"}},
      {0, "青岛", "QD", "0532", {"市南", "崂山", "黄岛", "城阳"}},
      {0, "福州", "FZ", "0591", {"鼓楼", "仓山", "晋安"}},
      {0, "厦门", "XM", "0592", {"思明", "湖里", "集美"}},
      {1, "广州", "GZ", "020", {"天河", "番禺", "白云", "海珠", "黄埔", "花都"}},
      {1, "深圳", "SZ", "0755", {"南山", "福田", "宝安", "龙岗", "龙华"}},
      {1, "东莞", "DG", "0769", {"南城", "东城", "松山湖", "长安"}},
      {1, "佛山", "FS", "0757", {"禅城", "南海", "顺德"}},
      {1, "珠海", "ZH", "0756", {"香洲", "金湾"}},
      {1, "南宁", "NN", "0771", {"青秀", "西乡塘", "良庆"}},
      {1, "海口", "HK", "0898", {"龙华", "美兰"}},
      {2, "北京", "BJ", "010", {"朝阳", "海淀", "丰台", "大兴", "顺义", "通州", "昌平"}},
      {2, "天津", "TJ", "022", {"滨海新区", "南开", "河西", "西青"}},
      {2, "石家庄", "SJ", "0311", {"长安", "裕华", "桥西"}},
      {2, "太原", "TY", "0351", {"小店", "迎泽", "万柏林"}},
      {2, "沈阳", "SY", "024", {"浑南", "铁西", "和平", "皇姑"}},
      {2, "大连", "DL", "0411", {"甘井子", "沙河口", "金州"}},
      {2, "哈尔滨", "HB", "0451", {"南岗", "道里", "松北"}},
      {3, "武汉", "WH", "027", {"江汉", "洪山", "武昌", "汉阳", "东西湖"}},
      {3, "长沙", "CS", "0731", {"岳麓", "雨花", "开福", "天心"}},
      {3, "郑州", "ZZ", "0371", {"金水", "郑东新区", "中原", "管城"}},
      {3, "南昌", "NC", "0791", {"红谷滩", "青山湖", "西湖"}},
      {3, "宜昌", "YC", "0717", {"西陵", "伍家岗"}},
      {4, "成都", "CD", "028", {"高新", "武侯", "锦江", "成华", "双流", "龙泉驿"}},
      {4, "重庆", "CQ", "023", {"渝北", "九龙坡", "南岸", "沙坪坝", "江北"}},
      {4, "昆明", "KM", "0871", {"五华", "官渡", "西山"}},
      {4, "贵阳", "GY", "0851", {"观山湖", "南明", "云岩"}},
      {4, "绵阳", "MY", "0816", {"涪城", "游仙"}},
      {5, "西安", "XA", "029", {"雁塔", "未央", "长安", "碑林", "灞桥"}},
      {5, "兰州", "LZ", "0931", {"城关", "七里河", "安宁"}},
      {5, "银川", "YC", "0951", {"金凤", "兴庆"}},
      {5, "西宁", "XN", "0971", {"城西", "城东"}},
      {5, "乌鲁木齐", "WL", "0991", {"天山", "沙依巴克", "新市"}},
  };
  return kCities;
}

// Stores per region in the default network (218 in all, issue 4 item 2).
constexpr int kRegionStores[6] = {56, 42, 40, 30, 28, 22};
constexpr int kDefaultStores = 218;
constexpr int kDefaultExecuting = 23;

const char* kStoreKinds[] = {"服务中心", "4S店", "交付服务中心", "授权服务店", "体验服务中心"};

std::vector<Package> price_list() {
  // list price in yuan, tax, campaign discount, share of orders (average list price ≈ 4,800
  // yuan: the seed's 8,347 orders and GMV of about 42 M yuan).
  struct P {
    const char* code;
    const char* name;
    int64_t yuan;
    int tax;
    int discount;
    double weight;
  };
  const P kPackages[] = {
      {"PKG-CHK18", "18项深度安全检测", 299, 600, 0, 6},
      {"PKG-MNT-B", "基础保养套餐", 880, 600, 2000, 6},
      {"PKG-MNT-S", "全合成保养套餐", 1580, 600, 2000, 10},
      {"PKG-MNT-Y", "年度保养套餐（2次）", 2980, 600, 2000, 12},
      {"PKG-BAT", "电池健康检测与养护", 680, 600, 1500, 5},
      {"PKG-AC", "空调系统深度养护", 458, 600, 1500, 2},
      {"PKG-BRK", "制动系统养护", 1280, 600, 1500, 5},
      {"PKG-TIRE", "轮胎焕新（4条）", 4680, 1300, 1200, 7},
      {"PKG-WASH", "精洗护理年卡", 1980, 600, 2500, 5},
      {"PKG-PNT", "漆面镀晶", 3680, 600, 2000, 5},
      {"PKG-EW2", "延保两年", 6800, 600, 1000, 14},
      {"PKG-EW3", "延保三年", 9800, 600, 1000, 12},
      {"PKG-VIP", "VIP全年服务包", 12800, 600, 1500, 11},
  };
  std::vector<Package> out;
  for (const P& p : kPackages) {
    out.push_back({p.code, p.name, p.yuan * 100, p.tax, p.discount, p.weight});
  }
  return out;
}

std::vector<int> stores_per_region(int store_count) {
  std::vector<int> out(6);
  int assigned = 0;
  for (int r = 0; r < 6; ++r) {
    out[r] = std::max(2, kRegionStores[r] * store_count / kDefaultStores);
    assigned += out[r];
  }
  for (int r = 0; assigned < store_count; r = (r + 1) % 6, ++assigned) ++out[r];
  for (int r = 0; assigned > store_count; r = (r + 1) % 6) {
    if (out[r] > 2) {
      --out[r];
      --assigned;
    }
  }
  return out;
}

void add_staff(Network& net, Store& store, int store_index, Rng& rng) {
  store.first_staff = static_cast<int>(net.staff.size());
  auto add = [&](const char* role) {
    StaffMember m;
    m.id = fmt::format("E{:05d}", net.staff.size() + 1);
    m.name = person_name(rng.bits());
    m.store = store_index;
    m.role = role;
    net.staff.push_back(std::move(m));
  };
  add("店长");
  add("服务经理");
  store.first_adviser = static_cast<int>(net.staff.size());
  store.adviser_count = 3 + static_cast<int>(std::lround(store.size * 3.0));
  for (int i = 0; i < store.adviser_count; ++i) add("服务顾问");
  add("客服专员");
  store.staff_count = static_cast<int>(net.staff.size()) - store.first_staff;
}

}  // namespace

const std::vector<std::string>& surnames() {
  static const std::vector<std::string> k = {
      "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
      "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
      "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
      "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
      "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛"};
  return k;
}

const std::vector<std::string>& given_name_chars() {
  static const std::vector<std::string> k = {
      "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
      "明", "超", "秀", "霞", "平", "刚", "英", "华", "玉", "萍", "红", "鹏", "辉", "飞", "宇",
      "浩", "凯", "健", "俊", "帆", "旭", "宁", "玲", "婷", "欣", "悦", "晨", "阳", "博", "文",
      "斌", "峰", "琳", "雪", "丹", "亮", "成", "志", "颖", "思", "嘉", "子", "晓", "海", "昊",
      "然", "天", "佳", "雨", "诗", "梦", "宏", "立", "新", "国", "建", "春", "秋", "波", "琪"};
  return k;
}

const std::vector<std::string>& street_names() {
  static const std::vector<std::string> k = {
      "人民路", "建设路", "解放路", "中山路", "和平路",   "新华路", "长江路",   "黄河路",
      "文化路", "胜利路", "东风路", "青年路", "科技路",   "金融街", "滨江大道", "世纪大道",
      "学府路", "花园路", "光明路", "幸福路", "迎宾大道", "创业路", "朝阳路",   "振兴路"};
  return k;
}

void append_person_name(TextBuffer& out, uint64_t bits) {
  const auto& s = surnames();
  const auto& g = given_name_chars();
  out += s[below(mix64(bits), s.size())];
  out += g[below(mix64(bits + 1), g.size())];
  if (below(mix64(bits + 2), 100) < 70) out += g[below(mix64(bits + 3), g.size())];
}

std::string person_name(uint64_t bits) {
  TextBuffer name;
  append_person_name(name, bits);
  return name.str();
}

Network build_network(uint64_t seed, int store_count) {
  PW_CHECK(store_count >= 12, "at least 12 stores");
  Network net;
  const char* kRegionNames[6][3] = {
      {"华东战区", "华东", "east"},      {"华南战区", "华南", "south"},
      {"华北战区", "华北", "north"},     {"华中战区", "华中", "central"},
      {"西南战区", "西南", "southwest"}, {"西北战区", "西北", "northwest"}};
  for (auto& r : kRegionNames) net.regions.push_back({r[0], r[1], r[2]});
  for (const CitySeed& c : city_seeds()) {
    net.cities.push_back({c.name, c.code, c.area, c.region, c.districts});
  }
  net.packages = price_list();
  Rng rng(mix(seed, 1, 0));
  std::vector<int> per_region = stores_per_region(store_count);
  net.region_stores.resize(6);
  for (int r = 0; r < 6; ++r) {
    std::vector<int> region_cities;
    for (size_t c = 0; c < net.cities.size(); ++c) {
      if (net.cities[c].region == r) region_cities.push_back(static_cast<int>(c));
    }
    std::vector<int> used(net.cities.size(), 0);
    for (int k = 0; k < per_region[r]; ++k) {
      // The first city of a region (its capital market) gets more stores.
      int city = k < per_region[r] / 3 ? region_cities[0] : region_cities[k % region_cities.size()];
      const City& c = net.cities[city];
      int n = used[city]++;
      Store s;
      s.region = r;
      s.city = city;
      s.district = n % static_cast<int>(c.districts.size());
      int round = n / static_cast<int>(c.districts.size());
      std::string kind = kStoreKinds[(n + r) % std::size(kStoreKinds)];
      s.name = c.name + c.districts[s.district] + kind;
      if (round > 0) s.name += fmt::format("（{}店）", round + 1);
      s.code =
          fmt::format("{}-{}{:02d}", std::string("HDHNHBHZXNXB").substr(r * 2, 2), c.code, n + 1);
      double u = rng.real();
      s.size = 0.4 + 2.6 * u * u * u;  // skewed: few large stores, many small
      net.region_stores[r].push_back(static_cast<int>(net.stores.size()));
      net.stores.push_back(std::move(s));
    }
  }
  // Executing stores: about 23 of 218 (supervision seed), spread over the regions.
  int executing = std::max(6, kDefaultExecuting * store_count / kDefaultStores);
  for (int k = 0; k < executing; ++k) {
    const auto& list = net.region_stores[k % 6];
    int idx = list[(k / 6 * 3 + 1) % list.size()];
    net.stores[idx].executing = true;
  }
  double total = 0;
  for (size_t i = 0; i < net.stores.size(); ++i) {
    Store& s = net.stores[i];
    s.order_weight = s.size * (s.executing ? 2.5 : 1.0);
    total += s.order_weight;
    net.store_cumulative.push_back(total);
    if (i % 7 == 3) s.old_code = fmt::format("4S{}-{:03d}", net.cities[s.city].area, i + 1);
    add_staff(net, s, static_cast<int>(i), rng);
  }
  // Internal test accounts (campaign [test] staff_ids), one per region at its first store.
  for (int r = 0; r < 6; ++r) {
    int store = net.region_stores[r][0];
    StaffMember m;
    m.id = fmt::format("E9{:04d}", r + 1);
    m.name = fmt::format("测试账号{:02d}", r + 1);
    m.store = store;
    m.role = "测试账号";
    m.test = true;
    net.test_staff.push_back(static_cast<int>(net.staff.size()));
    net.staff.push_back(std::move(m));
  }
  double cum = 0;
  for (const Package& p : net.packages) {
    cum += p.weight;
    net.package_cumulative.push_back(cum);
  }
  return net;
}

}  // namespace pitwall::demo
