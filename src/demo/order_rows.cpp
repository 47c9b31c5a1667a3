#include "demo/order_rows.hpp"

#include "demo/random.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

const char* const kMainHeader[] = {
    "订单号",       "客户ID",   "门店编码", "订单状态", "下单时间", "支付时间", "核销时间",
    "系统记录时间", "更新时间", "审核时间", "退款时间", "套餐",     "原价",     "实付金额",
    "优惠金额",     "归属门店", "手机号",   "车架号",   "邀约人",   "接待人",   "成交人",
    "设备号",       "支付账号", "地址",     "优惠券码", "渠道"};
const char* const kReexportHeader[] = {
    "订单编号", "会员ID",       "成交门店",     "状态",     "创建时间", "付款时间", "完成时间",
    "入库时间", "修改时间",     "门店审核时间", "退款时间", "服务项目", "标价",     "实收金额",
    "优惠金额", "客户归属门店", "联系电话",     "VIN",      "邀约人",   "接待人",   "成交人",
    "设备号",   "支付账号",     "地址",         "优惠券码", "渠道"};
const char* const kEnglishHeader[] = {
    "order_id",     "customer_id", "store_code",      "status",
    "created_at",   "paid_at",     "redeemed_at",     "recorded_at",
    "updated_at",   "approved_at", "refunded_at",     "package",
    "gross_amount", "paid_amount", "discount_amount", "home_store_code",
    "phone",        "vin",         "inviter",         "receiver",
    "closer",       "device_id",   "payment_account", "address",
    "coupon_code",  "channel"};

const char* status_word(Status s, ExportStyle style) {
  static const char* kMain[] = {"待支付", "已支付", "已核销", "已取消", "退款中", "已退款"};
  static const char* kAlt[] = {"已下单", "已支付", "已完成", "已取消", "退款中", "已退款"};
  static const char* kEnglish[] = {"created",   "paid",      "redeemed",
                                   "cancelled", "refunding", "refunded"};
  int i = static_cast<int>(s);
  return style == ExportStyle::kMain           ? kMain[i]
         : style == ExportStyle::kReexportXlsx ? kAlt[i]
                                               : kEnglish[i];
}

std::string phone_text(const std::string& plain, PhoneForm form) {
  switch (form) {
    case PhoneForm::kPlus86:
      return "+86 " + plain;
    case PhoneForm::kDashes:
      return plain.substr(0, 3) + "-" + plain.substr(3, 4) + "-" + plain.substr(7);
    case PhoneForm::kSpaces:
      return plain.substr(0, 3) + " " + plain.substr(3, 4) + " " + plain.substr(7);
    case PhoneForm::kFullWidth: {
      std::string out;
      for (char c : plain) {
        out += "\xEF\xBC";
        out += static_cast<char>(0x90 + (c - '0'));
      }
      return out;
    }
    default:
      return plain;
  }
}

void staff_cell(TableWriter& out, const Network& net, int staff) {
  if (staff < 0) {
    out.empty();
  } else {
    out.text(net.staff[staff].id);
  }
}

void time_cell(TableWriter& out, int64_t t, TimeForm form) {
  if (t == kNone) {
    out.empty();
  } else {
    out.time(t, form);
  }
}

}  // namespace

const char* paid_at_header(ExportStyle style) {
  return style == ExportStyle::kMain           ? kMainHeader[5]
         : style == ExportStyle::kReexportXlsx ? kReexportHeader[5]
                                               : kEnglishHeader[5];
}
const char* status_header(ExportStyle style) {
  return style == ExportStyle::kMain           ? kMainHeader[3]
         : style == ExportStyle::kReexportXlsx ? kReexportHeader[3]
                                               : kEnglishHeader[3];
}

void write_order_header(TableWriter& out, ExportStyle style) {
  const char* const* names = style == ExportStyle::kMain           ? kMainHeader
                             : style == ExportStyle::kReexportXlsx ? kReexportHeader
                                                                   : kEnglishHeader;
  for (int i = 0; i < 26; ++i) out.text(names[i]);
  out.end_row();
}

void write_order_row(TableWriter& out, ExportStyle style, const Network& net,
                     const CustomerBook& customers, const Order& o, const Snapshot& s,
                     Garble garble) {
  TimeForm tf = style == ExportStyle::kReexportCsv ? TimeForm::kSlash : TimeForm::kIso;
  MoneyForm mf = style == ExportStyle::kMain ? MoneyForm::kGrouped : MoneyForm::kPlain;
  const Store& store = net.stores[o.store];
  out.text(order_id(o.serial, o.created));
  out.text(customers.id(o.customer));
  switch (o.store_form) {
    case StoreForm::kCode:
      out.text(store.code);
      break;
    case StoreForm::kOldCode:
      out.text(store.old_code);
      break;
    case StoreForm::kEmpty:
      out.empty();
      break;
  }
  if (garble == Garble::kStatus) {
    out.text(kGarbledStatus);
  } else {
    out.text(status_word(s.status, style));
  }
  out.time(o.created, tf);
  if (garble == Garble::kPaidAt) {
    out.text(kGarbledPaidAt);
  } else {
    time_cell(out, s.paid, tf);
  }
  time_cell(out, s.redeemed, tf);
  time_cell(out, o.recorded, tf);
  time_cell(out, s.updated, tf);
  time_cell(out, s.approved, tf);
  time_cell(out, s.refunded, tf);
  out.text(net.packages[o.package].code);
  out.money(o.gross_fen, mf);
  out.money(o.paid_fen, mf);
  out.money(o.discount_fen, mf);
  out.text(net.stores[o.home_store].code);
  out.text(phone_text(customers.phone(o.customer), o.phone_form));
  out.text(customers.vin(o.customer));
  staff_cell(out, net, o.inviter);
  staff_cell(out, net, o.receiver);
  if (o.has(kUnknownStaff)) {
    out.text(fmt::format("E7{:04d}", o.serial % 10000));
  } else {
    staff_cell(out, net, o.closer);
  }
  if (o.channel == 1 || o.channel == 2) {
    out.text(customers.device(o.customer));
  } else {
    out.empty();
  }
  bool paid_ever = s.status != Status::kCreated && s.status != Status::kCancelled;
  if (paid_ever) {
    out.text(customers.payment(o.customer));
  } else {
    out.empty();
  }
  if (o.has(kHasAddress)) {
    out.text(customers.address(o.customer));
  } else {
    out.empty();
  }
  if (o.has(kHasCoupon)) {
    out.text(fmt::format("SPR23-{:06X}", mix64(o.serial) & 0xFFFFFF));
  } else {
    out.empty();
  }
  out.text(kChannels[o.channel]);
  out.end_row();
}

}  // namespace pitwall::demo
