#include "core/base/display_width.hpp"

#include <gtest/gtest.h>

namespace pitwall::core {
namespace {

TEST(DisplayWidth, WideCharactersCountTwo) {
  EXPECT_EQ(display_width(""), 0);
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("门店"), 4);
  EXPECT_EQ(display_width("ＡＢ"), 4);  // full-width forms
  EXPECT_EQ(display_width("<文件> 必填"),
            11);  // "<", ">" and the space one each, four characters two each
  EXPECT_EQ(display_width("a\n门店门店\nbc"), 8);
}

}  // namespace
}  // namespace pitwall::core
