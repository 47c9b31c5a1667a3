// Messages of the demo desk (see messages.hpp). Keys are "demo.<what>".
#include "app/i18n/messages.hpp"

namespace pitwall::app {

namespace {
constexpr Message kMessages[] = {
    {"demo.written", "已生成演示网络：{}", "Demo network written to {}"},
    {"demo.progress", "生成演示数据", "writing the demo"},
    {"demo.network",
     "{} 个战区，{} 家门店（{} 家真正执行活动），{} 名员工，{} 名客户，{} 个服务套餐",
     "{} regions, {} stores ({} really executing), {} staff, {} customers, {} service packages"},
    {"demo.campaign", "活动 {}：触达 {} 人，到店参与 {} 人次（参与率 {}，目标 40%）",
     "campaign {}: {} customers reached, {} store visits (participation {}, target 40%)"},
    {"demo.orders", "订单 {} 单（去重后）：系统记录 {} [it]，下单 {} [ops]，已支付 {} [finance]",
     "{} distinct orders: {} recorded [it], {} ordered [ops], {} paid [finance]"},
    {"demo.cleaned", "运营口径清洗后 {} 单，预埋剔除 {} 单（差异率 {}）",
     "ops cleaned: {} orders, {} planted exclusions (difference {})"},
    {"demo.winback", "流失客户 {} 名，历史挽回记录 {} 条，挽回后到店 {} 次",
     "{} churned customers, {} past win-back attempts, {} visits after offers"},
    {"demo.truth", "标准答案：{} 个预埋案例，{} 行预埋的不可读行，见 {}",
     "ground truth: {} planted cases, {} planted unreadable rows, in {}"},
    {"demo.imported", "已建立工作区并导入 {} 个文件（{} 行，拒收 {} 行），注册 {} 名用户",
     "workspace created: {} files imported ({} rows, {} rejected), {} users registered"},
    {"demo.unexpected_errors", "拒收 {} 行，但只预埋了 {} 行不可读行",
     "{} rows rejected, but only {} unreadable rows were planted"},
    {"demo.next", "下一步：pitwall -w {} closeout run --campaign {} --as hq",
     "next: pitwall -w {} closeout run --campaign {} --as hq"},
    {"demo.passwords_head", "服务端登录密码（只显示这一次；全部用户见 {}）：",
     "server passwords (shown this once; every user's in {}):"},
    {"demo.passwords_file_head", "# pitwall demo：每位用户的登录密码（用户名<TAB>密码）",
     "# pitwall demo: every user's password (name<TAB>password)"},
    {"demo.serve",
     "启动服务：pitwall -w {} serve（http://127.0.0.1:8080，用上面的用户名和密码登录）",
     "serve it: pitwall -w {} serve (http://127.0.0.1:8080; sign in with a name and password "
     "above)"},
};
}  // namespace

std::span<const Message> demo_messages() { return kMessages; }

}  // namespace pitwall::app
