#include "demo/order_rows.hpp"

#include "core/base/check.hpp"
#include "demo/random.hpp"
#include "io/encoding/gb18030.hpp"

namespace pitwall::demo {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

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

void OrderRowWriter::header() {
  const char* const* names = style_ == ExportStyle::kMain           ? kMainHeader
                             : style_ == ExportStyle::kReexportXlsx ? kReexportHeader
                                                                    : kEnglishHeader;
  for (int i = 0; i < 26; ++i) out_.text(names[i]);
  out_.end_row();
}

OrderRowWriter::OrderRowWriter(TableWriter& out, ExportStyle style, const Network& net,
                               const CustomerBook& customers)
    : out_(out), style_(style), net_(net), customers_(customers) {
  auto encoded = [&](const char* utf8) {
    if (style != ExportStyle::kMain) return std::string(utf8);
    auto gb = io::utf8_to_gb18030(utf8);
    PW_CHECK(gb.has_value(), "an export word not representable in GB18030");
    return std::move(gb).value();
  };
  for (int s = 0; s < 6; ++s)
    status_words_[s] = encoded(status_word(static_cast<Status>(s), style));
  for (int c = 0; c < 4; ++c) channel_words_[c] = encoded(kChannels[c]);
}

void OrderRowWriter::plain(void (CustomerBook::*append)(TextBuffer&, int64_t) const,
                           int64_t customer) {
  scratch_.clear();
  (customers_.*append)(scratch_, customer);
  out_.plain(scratch_.view());
}

void OrderRowWriter::staff(int staff) {
  if (staff < 0) {
    out_.empty();
  } else {
    out_.plain(net_.staff[staff].id);
  }
}

void OrderRowWriter::time(int64_t t, TimeForm form) {
  if (t == kNone) {
    out_.empty();
  } else {
    out_.time(t, form);
  }
}

void OrderRowWriter::phone(int64_t customer, PhoneForm form) {
  if (form == PhoneForm::kPlain) {
    plain(&CustomerBook::append_phone, customer);
    return;
  }
  std::string plain = customers_.phone(customer);  // a planted malformed phone: rare
  std::string_view p = plain;
  scratch_.clear();
  switch (form) {
    case PhoneForm::kPlus86:
      scratch_ += "+86 ";
      scratch_ += p;
      break;
    case PhoneForm::kDashes:
    case PhoneForm::kSpaces: {
      char gap = form == PhoneForm::kDashes ? '-' : ' ';
      scratch_ += p.substr(0, 3);
      scratch_ += gap;
      scratch_ += p.substr(3, 4);
      scratch_ += gap;
      scratch_ += p.substr(7);
      break;
    }
    default:
      for (char c : p) {
        scratch_ += "\xEF\xBC";
        scratch_ += static_cast<char>(0x90 + (c - '0'));
      }
  }
  out_.text(scratch_.view());
}

void OrderRowWriter::order_id(const Order& o) {
  int64_t day = o.created / kSecondsPerDay;  // the demo's times are after 1970
  if (day != id_day_) {
    id_prefix_.clear();
    append_order_id(id_prefix_, 0, o.created);
    id_prefix_.truncate(10);  // "SO" and the date
    id_day_ = day;
  }
  scratch_.clear();
  scratch_ += id_prefix_;
  append_padded(scratch_, order_number(o.serial), 8);
  out_.plain(scratch_.view());
}

void OrderRowWriter::row(const Order& o, const Snapshot& s, Garble garble) {
  TimeForm tf = style_ == ExportStyle::kReexportCsv ? TimeForm::kSlash : TimeForm::kIso;
  MoneyForm mf = style_ == ExportStyle::kMain ? MoneyForm::kGrouped : MoneyForm::kPlain;
  const Store& store = net_.stores[o.store];
  order_id(o);
  plain(&CustomerBook::append_id, o.customer);
  switch (o.store_form) {
    case StoreForm::kCode:
      out_.plain(store.code);
      break;
    case StoreForm::kOldCode:
      out_.plain(store.old_code);
      break;
    case StoreForm::kEmpty:
      out_.empty();
      break;
  }
  if (garble == Garble::kStatus) {
    out_.text(kGarbledStatus);
  } else {
    out_.plain(status_words_[static_cast<int>(s.status)]);
  }
  out_.time(o.created, tf);
  if (garble == Garble::kPaidAt) {
    out_.text(kGarbledPaidAt);
  } else {
    time(s.paid, tf);
  }
  time(s.redeemed, tf);
  time(o.recorded, tf);
  time(s.updated, tf);
  time(s.approved, tf);
  time(s.refunded, tf);
  out_.plain(net_.packages[o.package].code);
  out_.money(o.gross_fen, mf);
  out_.money(o.paid_fen, mf);
  out_.money(o.discount_fen, mf);
  out_.plain(net_.stores[o.home_store].code);
  phone(o.customer, o.phone_form);
  plain(&CustomerBook::append_vin, o.customer);
  staff(o.inviter);
  staff(o.receiver);
  if (o.has(kUnknownStaff)) {
    scratch_.clear();
    scratch_ += "E7";
    append_padded(scratch_, o.serial % 10000, 4);
    out_.plain(scratch_.view());
  } else {
    staff(o.closer);
  }
  if (o.channel == 1 || o.channel == 2) {
    plain(&CustomerBook::append_device, o.customer);
  } else {
    out_.empty();
  }
  bool paid_ever = s.status != Status::kCreated && s.status != Status::kCancelled;
  if (paid_ever) {
    plain(&CustomerBook::append_payment, o.customer);
  } else {
    out_.empty();
  }
  if (o.has(kHasAddress)) {
    scratch_.clear();
    customers_.append_address(scratch_, o.customer);
    out_.text(scratch_.view());
  } else {
    out_.empty();
  }
  if (o.has(kHasCoupon)) {
    scratch_.clear();
    scratch_ += "SPR23-";
    append_hex(scratch_, mix64(o.serial) & 0xFFFFFF, 6);
    out_.plain(scratch_.view());
  } else {
    out_.empty();
  }
  out_.plain(channel_words_[o.channel]);
  out_.end_row();
}

}  // namespace pitwall::demo
