#include "platform/text.h"

#include <gtest/gtest.h>

namespace lodestar::text {
namespace {

TEST(TextTest, TrimDropsEveryKindOfSurroundingWhitespaceAndKeepsTheInside) {
  EXPECT_EQ(trim(" \t\r\n\v\f a b \n"), "a b");
  EXPECT_EQ(trim("a"), "a");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trimmed("  Título  "), "Título");
}

TEST(TextTest, LowerChangesOnlyAsciiLetters) {
  EXPECT_EQ(lower("Goal G1 MEASURE"), "goal g1 measure");
  // UTF-8 bytes are left alone, whatever the C locale thinks of them.
  EXPECT_EQ(lower("ÁREA Ñ"), "Área Ñ");
}

}  // namespace
}  // namespace lodestar::text
