#include "app/push/robots.hpp"

#include <fmt/format.h>

#include "core/base/sha256.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::push {

namespace {

using Style = Line::Style;
using io::Json;

// The markdown of WeCom and DingTalk: `heading` marks a section, lines are separated by `gap`.
std::string markdown(const Composed& m, size_t lines, const std::string& tail,
                     std::string_view title_mark, std::string_view heading, std::string_view gap) {
  std::string out = fmt::format("{} {}", title_mark, m.title);
  for (size_t i = 0; i < lines; ++i) {
    const Line& l = m.lines[i];
    out += gap;
    switch (l.style) {
      case Style::kHeading:
        out += fmt::format("{} {}", heading, l.text);
        break;
      case Style::kStrong:
        out += fmt::format("**{}**", l.text);
        break;
      case Style::kQuote:
        out += fmt::format("> {}", l.text);
        break;
      case Style::kPlain:
        out += l.text;
        break;
    }
  }
  if (!tail.empty()) out += fmt::format("{}{}", gap, tail);
  return out;
}

// The last line: how many lines were left out (if any) and the link (if any), in markdown.
std::string markdown_tail(Lang lang, const Composed& m, int dropped) {
  std::string tail = dropped > 0 ? tr(lang, "push.cut", dropped) : std::string();
  if (!m.link.empty()) {
    if (!tail.empty()) tail += " ";
    tail += fmt::format("[{}]({})", m.link_text, m.link);
  }
  return tail;
}

Json text_run(std::string text) {
  return Json::array().push(Json::object().set("tag", "text").set("text", std::move(text)));
}

std::string feishu_body(const Target& t, const Composed& m, size_t lines, int dropped,
                        int64_t sign_at) {
  Json content = Json::array();
  for (size_t i = 0; i < lines; ++i) {
    const Line& l = m.lines[i];
    content.push(text_run(l.style == Style::kHeading ? "【" + l.text + "】"
                          : l.style == Style::kQuote ? "｜" + l.text
                                                     : l.text));
  }
  Json last = Json::array();
  if (dropped > 0)
    last.push(Json::object().set("tag", "text").set("text", tr(t.lang, "push.cut", dropped) + " "));
  if (!m.link.empty()) {
    last.push(Json::object().set("tag", "a").set("text", m.link_text).set("href", m.link));
  }
  if (last.size() > 0) content.push(std::move(last));
  Json post =
      Json::object().set(t.lang == Lang::kEn ? "en_us" : "zh_cn",
                         Json::object().set("title", m.title).set("content", std::move(content)));
  Json body = Json::object();
  if (!t.secret.empty()) {
    body.set("timestamp", std::to_string(sign_at)).set("sign", feishu_sign(t.secret, sign_at));
  }
  body.set("msg_type", "post").set("content", Json::object().set("post", std::move(post)));
  return body.dump();
}

// The request with the first `lines` lines of the message; `fits` whether it is within limit.
struct Attempt {
  Outgoing out;
  bool fits = false;
};

Attempt attempt(const Target& t, const Composed& m, size_t lines, int64_t sign_at) {
  int dropped = static_cast<int>(m.lines.size() - lines);
  Attempt a;
  a.out.dropped = dropped;
  a.out.url = t.url;
  switch (t.kind) {
    case RobotKind::kWecom: {
      std::string content =
          markdown(m, lines, markdown_tail(t.lang, m, dropped), "##", "###", "\n");
      a.fits = content.size() <= kWecomContentLimit;
      a.out.body = Json::object()
                       .set("msgtype", "markdown")
                       .set("markdown", Json::object().set("content", std::move(content)))
                       .dump();
      break;
    }
    case RobotKind::kDingtalk: {
      std::string text =
          markdown(m, lines, markdown_tail(t.lang, m, dropped), "###", "####", "\n\n");
      a.fits = text.size() <= kDingtalkTextLimit;
      a.out.body =
          Json::object()
              .set("msgtype", "markdown")
              .set("markdown", Json::object().set("title", m.title).set("text", std::move(text)))
              .dump();
      if (!t.secret.empty()) {
        int64_t ms = sign_at * 1000;
        a.out.url +=
            fmt::format("{}timestamp={}&sign={}", t.url.find('?') == std::string::npos ? '?' : '&',
                        ms, percent_encode(dingtalk_sign(t.secret, ms)));
      }
      break;
    }
    case RobotKind::kFeishu:
      a.out.body = feishu_body(t, m, lines, dropped, sign_at);
      a.fits = a.out.body.size() <= kFeishuBodyLimit;
      break;
  }
  return a;
}

}  // namespace

Outgoing render(const Target& target, const Composed& message, int64_t sign_at) {
  // Most messages fit whole; a long board loses lines from its end until it fits (the title and
  // the tail always fit: a few hundred bytes).
  for (size_t lines = message.lines.size();; --lines) {
    Attempt a = attempt(target, message, lines, sign_at);
    if (a.fits || lines == 0) return std::move(a.out);
  }
}

std::string dingtalk_sign(std::string_view secret, int64_t timestamp_ms) {
  return core::base64(core::hmac_sha256(secret, fmt::format("{}\n{}", timestamp_ms, secret)));
}

std::string feishu_sign(std::string_view secret, int64_t timestamp_seconds) {
  return core::base64(core::hmac_sha256(fmt::format("{}\n{}", timestamp_seconds, secret), ""));
}

core::Status judge(RobotKind kind, int http_status, std::string_view body) {
  auto refused = [&](std::string why) {
    if (why.size() > 200) why = why.substr(0, 200);
    return core::make_error(core::ErrorCode::kUnavailable, std::move(why));
  };
  if (http_status < 200 || http_status > 299) {
    return refused(fmt::format("HTTP {}: {}", http_status, body));
  }
  auto answer = Json::parse(body);
  if (!answer || !answer->is_object()) return refused(fmt::format("not JSON: {}", body));
  if (kind == RobotKind::kFeishu) {
    const Json* code = answer->find("code");
    if (code == nullptr) code = answer->find("StatusCode");
    if (code != nullptr && code->is_number() && code->as_int() != 0) {
      std::string msg = answer->get_string("msg", answer->get_string("StatusMessage"));
      return refused(fmt::format("code {}: {}", code->as_int(), msg));
    }
    return {};
  }
  int64_t code = answer->get_int("errcode", 0);
  if (code != 0) return refused(fmt::format("errcode {}: {}", code, answer->get_string("errmsg")));
  return {};
}

std::string percent_encode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace pitwall::app::push
