#include "io/import/aliases.hpp"

#include <map>
#include <mutex>

#include "io/text/fields.hpp"

namespace pitwall::io {

namespace {

struct Alias {
  std::string_view canonical;
  std::vector<std::string_view> names;  // (an initializer_list member would dangle)
};

// formats.md, "Orders" table and the master/supervision/win-back sections.
const std::map<core::TableKind, std::vector<Alias>>& alias_table() {
  using K = core::TableKind;
  static const std::map<K, std::vector<Alias>> table = {
      {K::kOrders,
       {{"order_id", {"订单号", "订单编号", "订单ID", "order no", "order number"}},
        {"customer_id", {"客户ID", "客户编号", "会员ID", "客户id", "customer"}},
        {"store_code", {"门店编码", "门店代码", "成交门店", "store"}},
        {"status", {"订单状态", "状态", "order status"}},
        {"created_at", {"下单时间", "创建时间", "created", "order time"}},
        {"paid_at", {"支付时间", "付款时间", "paid", "payment time"}},
        {"redeemed_at", {"核销时间", "完成时间", "redeemed"}},
        {"recorded_at", {"系统记录时间", "入库时间", "recorded"}},
        {"updated_at", {"更新时间", "修改时间", "updated"}},
        {"approved_at", {"审核时间", "门店审核时间", "approved"}},
        {"refunded_at", {"退款时间", "refunded"}},
        {"package", {"套餐", "服务项目", "权益编码", "package code"}},
        {"gross_amount", {"原价", "标价", "订单金额", "gross", "list price"}},
        {"paid_amount", {"实付金额", "实收金额", "支付金额", "paid amount", "received"}},
        {"discount_amount", {"优惠金额", "discount"}},
        {"tax_rate", {"税率", "tax"}},
        {"home_store_code", {"归属门店", "客户归属门店", "home store"}},
        {"phone", {"手机号", "联系电话", "手机", "mobile"}},
        {"vin", {"VIN", "车架号", "VIN码"}},
        {"inviter", {"邀约人", "邀约顾问"}},
        {"receiver", {"接待人", "接待顾问"}},
        {"closer", {"成交人", "成交顾问"}},
        {"device_id", {"设备号", "设备ID", "device"}},
        {"payment_account", {"支付账号", "付款账号", "payment account"}},
        {"address", {"地址", "收货地址"}},
        {"coupon_code", {"优惠券码", "券码", "coupon"}},
        {"channel", {"渠道", "来源渠道"}}}},
      {K::kStores,
       {{"store_code", {"门店编码", "门店代码", "code"}},
        {"store_name", {"门店名称", "门店", "name"}},
        {"region", {"战区", "大区", "区域"}},
        {"city", {"城市"}},
        {"old_codes", {"旧编码", "历史编码", "old code"}}}},
      {K::kStaff,
       {{"staff_id", {"员工编号", "员工ID", "工号"}},
        {"name", {"姓名", "员工姓名"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"role", {"岗位", "职位"}}}},
      {K::kCustomers,
       {{"customer_id", {"客户ID", "客户编号", "会员ID"}},
        {"name", {"姓名", "客户姓名"}},
        {"phone", {"手机号", "联系电话", "手机"}},
        {"vin", {"VIN", "车架号"}},
        {"home_store_code", {"归属门店", "客户归属门店"}},
        {"language", {"语言"}},
        {"annual_value", {"年均消费"}}}},
      {K::kPriceList,
       {{"package", {"套餐", "服务项目", "权益编码", "套餐编码"}},
        {"name", {"名称", "套餐名称", "项目名称"}},
        {"list_price", {"标价", "原价", "价格", "price"}},
        {"tax_rate", {"税率"}}}},
      {K::kBlacklist,
       {{"kind", {"类型", "种类"}}, {"value", {"值", "号码"}}, {"reason", {"原因", "备注"}}}},
      {K::kAudience,
       {{"customer_id", {"客户ID", "客户编号", "会员ID"}},
        {"reached_at", {"触达时间"}},
        {"channel", {"渠道", "触达渠道"}}}},
      {K::kCorrections,
       {{"order_id", {"订单号", "订单编号"}},
        {"field", {"字段", "修正字段"}},
        {"value", {"值", "修正值", "新值"}},
        {"reason", {"原因", "修正原因"}},
        {"store_code", {"门店编码", "门店代码", "提交门店"}}}},
      {K::kExceptions,
       {{"order_id", {"订单号", "订单编号"}},
        {"reason", {"原因", "异常原因"}},
        {"source", {"来源", "记录来源"}}}},
      {K::kStoreDay,
       {{"date", {"日期"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"eligible", {"触达客户数", "应参与客户数", "到店客户数"}},
        {"participants", {"参与人数"}},
        {"orders", {"订单数"}},
        {"redemptions", {"核销数"}},
        {"complaints", {"投诉数"}}}},
      {K::kInspections,
       {{"date", {"巡检日期", "日期"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"inspector", {"巡检人"}},
        {"item", {"检查项"}},
        {"pass", {"是否通过"}},
        {"note", {"备注"}},
        {"photo", {"照片"}}}},
      {K::kComplaints,
       {{"time", {"投诉时间"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"category", {"投诉类别"}},
        {"text", {"投诉内容"}}}},
      {K::kSpotChecks,
       {{"time", {"抽查时间"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"checker", {"抽查人"}},
        {"channel", {"方式"}},
        {"item", {"检查项"}},
        {"pass", {"是否通过"}},
        {"note", {"备注"}}}},
      {K::kSurvey,
       {{"level", {"层级"}},
        {"respondent", {"答题人"}},
        {"store_code", {"门店编码", "门店代码"}},
        {"quiz_score", {"测验得分"}},
        {"willingness", {"执行意愿"}}}},
      {K::kWinbackVisits,
       {{"customer_id", {"客户ID", "客户编号", "会员ID"}},
        {"visited_at", {"到店时间", "消费时间"}},
        {"paid_amount", {"实付金额", "消费金额"}}}},
  };
  return table;
}

const std::vector<Alias>& churned_aliases() {
  static const std::vector<Alias> churned = {
      {"customer_id", {"客户ID", "客户编号", "会员ID"}},
      {"store_code", {"门店", "门店编码"}},
      {"annual_value", {"年均消费"}},
      {"margin", {"毛利率"}},
      {"months_churned", {"流失时长"}},
      {"reason", {"流失原因"}},
      {"satisfaction", {"历史满意度"}},
      {"influence", {"影响力"}},
      {"visits_per_year", {"年消费次数"}},
      {"cheapest_only_share", {"仅最低价项目占比"}},
      {"booking_lead_days", {"预约提前天数"}},
      {"offer_only_contact", {"只关心优惠"}},
      {"info_complete", {"信息完整"}},
      {"vehicle_anomaly", {"车辆数据异常"}},
      {"arm", {"方案"}},
      {"cost", {"成本", "费用"}},
      {"won_back", {"是否挽回"}},
      {"retained_1y", {"一年后仍在店"}},
  };
  return churned;
}

const std::vector<Alias>& aliases_of(core::TableKind kind) {
  if (kind == core::TableKind::kChurned || kind == core::TableKind::kWinbackHistory) {
    return churned_aliases();
  }
  static const std::vector<Alias> none;
  auto it = alias_table().find(kind);
  return it == alias_table().end() ? none : it->second;
}

}  // namespace

std::string header_match_key(std::string_view header) { return normalize_header_key(header); }

std::vector<std::string_view> column_aliases(core::TableKind kind, std::string_view canonical) {
  std::vector<std::string_view> out = {canonical};
  for (const auto& a : aliases_of(kind)) {
    if (a.canonical == canonical) out.insert(out.end(), a.names.begin(), a.names.end());
  }
  return out;
}

std::string_view chinese_header(core::TableKind kind, std::string_view canonical) {
  for (std::string_view alias : column_aliases(kind, canonical)) {
    if (!alias.empty() && static_cast<unsigned char>(alias.front()) >= 0x80) return alias;
  }
  return canonical;
}

int match_header(core::TableKind kind, std::string_view header) {
  static std::mutex mutex;
  static std::map<core::TableKind, std::map<std::string, int>> index;
  std::lock_guard lock(mutex);
  auto& by_key = index[kind];
  if (by_key.empty()) {
    const auto& schema = core::table_schema(kind);
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      for (auto name : column_aliases(kind, schema.columns[c].name)) {
        by_key.emplace(header_match_key(name), static_cast<int>(c));
      }
    }
  }
  auto it = by_key.find(header_match_key(header));
  return it == by_key.end() ? -1 : it->second;
}

}  // namespace pitwall::io
