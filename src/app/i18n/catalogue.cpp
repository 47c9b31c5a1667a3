#include <map>
#include <mutex>

#include "app/i18n/messages.hpp"
#include "core/base/check.hpp"

namespace pitwall::app {

namespace {
using Index = std::map<std::string_view, const Message*, std::less<>>;

const Index& index() {
  static const Index built = [] {
    Index idx;
    for (auto part :
         {app_messages(), core_messages(), io_messages(), cli_messages(), import_messages(),
          closeout_messages(), workflow_messages(), winback_messages(), supervision_messages(),
          demo_messages(), server_messages(), push_messages()}) {
      for (const Message& m : part) {
        PW_CHECK(idx.emplace(m.key, &m).second, "duplicate message key");
      }
    }
    return idx;
  }();
  return built;
}
}  // namespace

std::string_view message(Lang lang, std::string_view key) {
  const auto& idx = index();
  auto it = idx.find(key);
  if (it == idx.end()) {
    core::fail_check("message key", std::string(key).c_str(), __FILE__, __LINE__);
  }
  return lang == Lang::kZh ? it->second->zh : it->second->en;
}

std::string_view message_or(Lang lang, std::string_view key, std::string_view fallback) {
  const auto& idx = index();
  auto it = idx.find(key);
  if (it == idx.end()) return fallback;
  return lang == Lang::kZh ? it->second->zh : it->second->en;
}

std::vector<const Message*> all_messages() {
  std::vector<const Message*> out;
  for (const auto& [key, m] : index()) out.push_back(m);
  return out;
}

std::string_view help_message(std::string_view english) {
  static const std::map<std::string_view, std::string_view, std::less<>> built = [] {
    std::map<std::string_view, std::string_view, std::less<>> idx;
    for (const HelpText& h : help_texts()) {
      PW_CHECK(idx.emplace(h.en, h.zh).second, "duplicate help text");
    }
    return idx;
  }();
  auto it = built.find(english);
  return it == built.end() ? std::string_view() : it->second;
}

Lang parse_lang(std::string_view text) {
  // Pitwall's users are Chinese: Chinese unless English is asked for, or another language is
  // (formats.md: workbooks have Chinese headers by default). "C", "POSIX" and "C.UTF-8", the
  // locales of servers and containers, name no language.
  if (text.substr(0, 2) == "zh") return Lang::kZh;
  if (text.substr(0, 2) == "en") return Lang::kEn;
  bool no_language = text.empty() || text == "C" || text == "POSIX" || text.starts_with("C.");
  return no_language ? Lang::kZh : Lang::kEn;
}

}  // namespace pitwall::app
