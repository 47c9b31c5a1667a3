// The group robots' formats (app/push/robots.hpp; docs/push.md): each robot's JSON, its size
// limit (a long message cut at a line with the link, never refused), its signature, and how its
// answer is judged. Signatures were computed apart with Python's hmac and base64 modules:
//   base64(hmac.new(b"SEC000test", b"1677632400000\nSEC000test", sha256).digest())
//   base64(hmac.new(b"1677632400\nSEC000test", b"", sha256).digest())
#include "app/push/robots.hpp"

#include <gtest/gtest.h>

#include "io/json/json.hpp"

namespace pitwall::app::push {
namespace {

constexpr int64_t kSignAt = 1677632400;  // 2023-03-01T09:00:00+08:00

Target target(RobotKind kind, std::string secret = "") {
  Target t;
  t.id = "PT001";
  t.kind = kind;
  t.url = "http://127.0.0.1:1/send?key=abc";
  t.secret = std::move(secret);
  return t;
}

Composed message(int lines, size_t width = 40) {
  Composed c;
  c.title = "春季焕新服务月 红黑榜 2023-03-01 · 华东战区";
  c.lines.push_back({Line::Style::kStrong, "当日参与率 23.5%（目标 40.0%）"});
  for (int i = 1; i < lines; ++i) {
    c.lines.push_back({Line::Style::kPlain, std::to_string(i) + ". " + std::string(width, 'x')});
  }
  c.link = "https://desk.example.com/supervision/board?campaign=c";
  c.link_text = "打开督导看板";
  return c;
}

io::Json body_of(const Outgoing& out) {
  auto j = io::Json::parse(out.body);
  EXPECT_TRUE(j.has_value()) << out.body;
  return j ? *j : io::Json();
}

TEST(Robots, WecomMarkdownWhole) {
  Outgoing out = render(target(RobotKind::kWecom), message(3), kSignAt);
  io::Json b = body_of(out);
  EXPECT_EQ(b.get_string("msgtype"), "markdown");
  std::string content = b.find("markdown")->get_string("content");
  EXPECT_TRUE(content.starts_with("## 春季焕新服务月")) << content;
  EXPECT_NE(content.find("\n**当日参与率 23.5%（目标 40.0%）**\n"), std::string::npos);
  EXPECT_TRUE(
      content.ends_with("[打开督导看板](https://desk.example.com/supervision/board?campaign=c)"));
  EXPECT_EQ(out.dropped, 0);
  EXPECT_EQ(out.url, "http://127.0.0.1:1/send?key=abc");  // WeCom signs nothing
}

TEST(Robots, LongBoardIsCutToTheLimitWithTheLink) {
  // 300 lines of ~45 bytes: ~13.5 KB, three times WeCom's 4096 bytes.
  Composed m = message(300);
  Outgoing out = render(target(RobotKind::kWecom), m, kSignAt);
  std::string content = body_of(out).find("markdown")->get_string("content");
  EXPECT_LE(content.size(), kWecomContentLimit);
  EXPECT_GT(content.size(), kWecomContentLimit - 100);  // cut at the last line that fits
  EXPECT_GT(out.dropped, 200);
  EXPECT_NE(content.find("（另有 " + std::to_string(out.dropped) + " 行未显示）"),
            std::string::npos);
  EXPECT_TRUE(content.ends_with("(https://desk.example.com/supervision/board?campaign=c)"));
  // The most important lines come first and stay.
  EXPECT_NE(content.find("当日参与率"), std::string::npos);

  Outgoing ding = render(target(RobotKind::kDingtalk), message(1000), kSignAt);
  EXPECT_LE(body_of(ding).find("markdown")->get_string("text").size(), kDingtalkTextLimit);
  EXPECT_GT(ding.dropped, 0);
  Outgoing feishu = render(target(RobotKind::kFeishu), message(1000), kSignAt);
  EXPECT_LE(feishu.body.size(), kFeishuBodyLimit);
  EXPECT_GT(feishu.dropped, 0);
}

TEST(Robots, DingtalkSignsTheUrl) {
  EXPECT_EQ(dingtalk_sign("SEC000test", 1677632400000),
            "ubSwTL3rRoa3uVPmpiH87X2Osb7X4RrGR7tBy5ydGy4=");
  Outgoing out = render(target(RobotKind::kDingtalk, "SEC000test"), message(2), kSignAt);
  EXPECT_EQ(out.url,
            "http://127.0.0.1:1/send?key=abc&timestamp=1677632400000"
            "&sign=ubSwTL3rRoa3uVPmpiH87X2Osb7X4RrGR7tBy5ydGy4%3D");
  io::Json b = body_of(out);
  EXPECT_EQ(b.get_string("msgtype"), "markdown");
  EXPECT_EQ(b.find("markdown")->get_string("title"), "春季焕新服务月 红黑榜 2023-03-01 · 华东战区");
  EXPECT_TRUE(b.find("markdown")->get_string("text").starts_with("### 春季焕新服务月"));
  // Without a secret the URL is the robot's as given.
  EXPECT_EQ(render(target(RobotKind::kDingtalk), message(2), kSignAt).url,
            "http://127.0.0.1:1/send?key=abc");
}

TEST(Robots, FeishuSignsTheBody) {
  EXPECT_EQ(feishu_sign("SEC000test", 1677632400), "7pGIHRjACXGreKoX+lO1gnoFu2n4Pq9qRiwrnze8kMI=");
  Outgoing out = render(target(RobotKind::kFeishu, "SEC000test"), message(2), kSignAt);
  io::Json b = body_of(out);
  EXPECT_EQ(b.get_string("timestamp"), "1677632400");
  EXPECT_EQ(b.get_string("sign"), "7pGIHRjACXGreKoX+lO1gnoFu2n4Pq9qRiwrnze8kMI=");
  EXPECT_EQ(b.get_string("msg_type"), "post");
  const io::Json* post = b.find("content")->find("post")->find("zh_cn");
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->get_string("title"), "春季焕新服务月 红黑榜 2023-03-01 · 华东战区");
  const auto& rows = post->find("content")->items();
  ASSERT_EQ(rows.size(), 3u);  // two lines, then the link
  EXPECT_EQ(rows[0].items()[0].get_string("tag"), "text");
  EXPECT_EQ(rows[2].items()[0].get_string("tag"), "a");
  EXPECT_EQ(rows[2].items()[0].get_string("href"),
            "https://desk.example.com/supervision/board?campaign=c");
  Target en = target(RobotKind::kFeishu);
  en.lang = Lang::kEn;
  io::Json unsigned_body = body_of(render(en, message(2), kSignAt));
  EXPECT_EQ(unsigned_body.find("timestamp"), nullptr);
  EXPECT_NE(unsigned_body.find("content")->find("post")->find("en_us"), nullptr);
}

TEST(Robots, JudgesTheAnswer) {
  EXPECT_TRUE(judge(RobotKind::kWecom, 200, R"({"errcode":0,"errmsg":"ok"})").has_value());
  auto refused =
      judge(RobotKind::kDingtalk, 200, R"({"errcode":310000,"errmsg":"sign not match"})");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().message, "errcode 310000: sign not match");
  EXPECT_TRUE(judge(RobotKind::kFeishu, 200, R"({"code":0,"msg":"success"})").has_value());
  EXPECT_TRUE(judge(RobotKind::kFeishu, 200, R"({"StatusCode":0})").has_value());
  EXPECT_EQ(
      judge(RobotKind::kFeishu, 200, R"({"code":19021,"msg":"sign match fail"})").error().message,
      "code 19021: sign match fail");
  EXPECT_EQ(judge(RobotKind::kWecom, 502, "bad gateway").error().message, "HTTP 502: bad gateway");
  EXPECT_FALSE(judge(RobotKind::kWecom, 200, "<html>").has_value());
}

TEST(Robots, MasksTheCredentialsOfAUrl) {
  EXPECT_EQ(masked_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4"),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…");
  EXPECT_EQ(masked_url("https://oapi.dingtalk.com/robot/send?access_token=abcdef&x=1"),
            "https://oapi.dingtalk.com/robot/send?access_token=abcd…&x=1…");
  EXPECT_EQ(masked_url("https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef"),
            "https://open.feishu.cn/open-apis/bot/v2/hook/0123…");
}

}  // namespace
}  // namespace pitwall::app::push
