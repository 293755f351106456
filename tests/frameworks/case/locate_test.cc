// JsonLocator: the line and column of the value a JSON pointer names, so that a problem found by
// path can be shown to a person as FILE:LINE:COLUMN.
#include <gtest/gtest.h>

#include <string>

#include "frameworks/case/locate.h"

namespace lodestar::frameworks {
namespace {

// Positions below count lines and characters from 1; "é" and "ü" are one character each.
const std::string kText =
    "{\n"
    "  \"CFDocument\": {\n"
    "    \"title\": \"T\",\n"
    "    \"a/b\": 1,\n"
    "    \"c~d\": [10, {\"e\": null}],\n"
    "    \"q\\\"k\": false\n"
    "  },\n"
    "  \"CFItems\": [\n"
    "    {\"identifier\": \"x\"},\n"
    "    {\n"
    "      \"fullStatement\": \"é ü\", \"z\": true\n"
    "    }\n"
    "  ]\n"
    "}\n";

::testing::AssertionResult at(const JsonLocator& locator, const std::string& pointer,
                              std::size_t line, std::size_t column) {
  auto found = locator.find(pointer);
  if (found.line == line && found.column == column) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << pointer << "' is at " << found.line << ":"
                                       << found.column << ", not " << line << ":" << column;
}

TEST(FrameworksJsonLocator, FindsTheValueAtAPointer) {
  JsonLocator locator(kText);
  EXPECT_TRUE(at(locator, "", 1, 1));
  EXPECT_TRUE(at(locator, "/CFDocument", 2, 17));
  EXPECT_TRUE(at(locator, "/CFDocument/title", 3, 14));
  EXPECT_TRUE(at(locator, "/CFDocument/c~0d", 5, 12));
  EXPECT_TRUE(at(locator, "/CFDocument/c~0d/0", 5, 13));
  EXPECT_TRUE(at(locator, "/CFDocument/c~0d/1/e", 5, 23));
  EXPECT_TRUE(at(locator, "/CFItems", 8, 14));
  EXPECT_TRUE(at(locator, "/CFItems/0", 9, 5));
  EXPECT_TRUE(at(locator, "/CFItems/0/identifier", 9, 20));
  EXPECT_TRUE(at(locator, "/CFItems/1", 10, 5));
  EXPECT_TRUE(at(locator, "/CFItems/1/fullStatement", 11, 24));
}

TEST(FrameworksJsonLocator, CountsCharactersNotBytes) {
  JsonLocator locator(kText);
  // "é ü" is five bytes but three characters.
  EXPECT_TRUE(at(locator, "/CFItems/1/z", 11, 36));
}

TEST(FrameworksJsonLocator, AMissingFieldIsFoundAtTheObjectThatLacksIt) {
  JsonLocator locator(kText);
  EXPECT_TRUE(at(locator, "/CFItems/0/fullStatement", 9, 5));
  EXPECT_TRUE(at(locator, "/CFItems/1/originNodeURI/uri", 10, 5));
  EXPECT_TRUE(at(locator, "/CFItems/7/identifier", 8, 14));
  EXPECT_TRUE(at(locator, "/CFRubrics/0", 1, 1));
}

TEST(FrameworksJsonLocator, UnescapesKeysTheWayPointersEscapeThem) {
  JsonLocator locator(kText);
  // RFC 6901: "/" in a key is "~1" in a pointer, "~" is "~0".
  EXPECT_TRUE(at(locator, "/CFDocument/a~1b", 4, 12));
  EXPECT_TRUE(at(locator, "/CFDocument/c~0d/1", 5, 17));
  // A JSON-escaped quote in a key is an ordinary character of the pointer.
  EXPECT_TRUE(at(locator, "/CFDocument/q\"k", 6, 13));
  // "a/b" is one key, not "a" then "b": the unescaped path falls back to the document.
  EXPECT_TRUE(at(locator, "/CFDocument/a/b", 2, 17));
}

TEST(FrameworksJsonLocator, StringsWithEscapesDoNotShiftWhatFollows) {
  const std::string text = "{\"a\": \"say \\\"}\\\" ,\", \"b\": [1, \"]\"], \"c\": 3}";
  JsonLocator locator(text);
  EXPECT_TRUE(at(locator, "/b", 1, 27));
  EXPECT_TRUE(at(locator, "/b/1", 1, 31));
  EXPECT_TRUE(at(locator, "/c", 1, 42));
}

// Regression test (this failed once). read_package accepts a text that starts with a UTF-8 byte
// order mark (editors on Windows save JSON so), but the locator reads the mark as a bare value and
// places every problem of such a file at 1:1.
TEST(FrameworksJsonLocator, ATextWithAByteOrderMarkIsLocatedAsWithout) {
  JsonLocator locator("\xEF\xBB\xBF" + kText);
  EXPECT_TRUE(at(locator, "/CFDocument/title", 3, 14));
  EXPECT_TRUE(at(locator, "/CFItems/1/z", 11, 36));
}

}  // namespace
}  // namespace lodestar::frameworks
