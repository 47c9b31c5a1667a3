// The language of messages: Chinese unless English (or another language) is asked for.
#include <gtest/gtest.h>

#include "cli/i18n.hpp"

namespace pitwall::cli {
namespace {

TEST(Lang, ChineseUnlessAnotherLanguageIsNamed) {
  EXPECT_EQ(parse_lang("zh"), Lang::kZh);
  EXPECT_EQ(parse_lang("zh_CN.UTF-8"), Lang::kZh);
  EXPECT_EQ(parse_lang("en"), Lang::kEn);
  EXPECT_EQ(parse_lang("en_US.UTF-8"), Lang::kEn);
  // Locales that name no language: servers, containers, an unset LANG.
  EXPECT_EQ(parse_lang(""), Lang::kZh);
  EXPECT_EQ(parse_lang("C"), Lang::kZh);
  EXPECT_EQ(parse_lang("C.UTF-8"), Lang::kZh);
  EXPECT_EQ(parse_lang("POSIX"), Lang::kZh);
  // Another language: English is the closer fallback for a reader who does not read Chinese.
  EXPECT_EQ(parse_lang("de_DE.UTF-8"), Lang::kEn);
}

}  // namespace
}  // namespace pitwall::cli
