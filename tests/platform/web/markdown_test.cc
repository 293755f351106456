#include "platform/web/markdown.h"

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::web {
namespace {

bool has(const std::string& html, const std::string& needle) {
  return html.find(needle) != std::string::npos;
}

std::vector<std::string> hrefs(const std::string& html) {
  static const std::regex href(R"re(href="([^"]*)")re");
  std::vector<std::string> found;
  for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it)
    found.push_back((*it)[1]);
  return found;
}

TEST(Markdown, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(markdown_to_html(""), "");
}

TEST(Markdown, RendersHeadingsEmphasisAndLists) {
  const auto html = markdown_to_html(
      "# Goals\n\nSome *light* and **bold** ~~old~~ text.\n\n"
      "- one\n- two\n\n3. three\n4. four\n");
  EXPECT_TRUE(has(html, "<h1>Goals</h1>"));
  EXPECT_TRUE(has(html, "<em>light</em>"));
  EXPECT_TRUE(has(html, "<strong>bold</strong>"));
  EXPECT_TRUE(has(html, "<del>old</del>"));
  EXPECT_TRUE(has(html, "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
  EXPECT_TRUE(has(html, "<ol start=\"3\">"));
}

TEST(Markdown, RendersTablesTaskListsQuotesAndCode) {
  const auto html = markdown_to_html(
      "| Level | Count |\n|:---|---:|\n| Beginning | 3 |\n\n- [x] done\n- [ ] to do\n\n"
      "> quoted\n\n```cpp\nint a = 1 < 2;\n```\n\nline  \nbreak `x<y`\n\n***\n");
  EXPECT_TRUE(has(html, "<table>\n<thead>\n<tr>\n<th align=\"left\">Level</th>"));
  EXPECT_TRUE(has(html, "<td align=\"right\">3</td>"));
  EXPECT_TRUE(has(html,
                  "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled "
                  "checked>done"));
  EXPECT_TRUE(has(html, "<blockquote>\n<p>quoted</p>\n</blockquote>"));
  EXPECT_TRUE(has(html, "<pre><code class=\"language-cpp\">int a = 1 &lt; 2;\n</code></pre>"));
  EXPECT_TRUE(has(html, "line<br>"));
  EXPECT_TRUE(has(html, "<code>x&lt;y</code>"));
  EXPECT_TRUE(has(html, "<hr>"));
}

TEST(Markdown, EscapesScriptElements) {
  const auto html = markdown_to_html("<script>alert(1)</script>\n\ninline <script>x</script>");
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_TRUE(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST(Markdown, EscapesRawImageWithHandler) {
  const auto html = markdown_to_html("<img src=x onerror=alert(1)>\n\nand <img src=x onerror=y>");
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_TRUE(has(html, "&lt;img src=x onerror=alert(1)&gt;"));
}

TEST(Markdown, NeverLinksToAScriptOrDataScheme) {
  const std::vector<std::string> attacks = {
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](java&#x73;cript:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](&#x6A;&#x61;vascript&colon;alert(1))",
      "[x](<java\tscript:alert(1)>)",
      "[x](javascript&#9;:alert(1))",
      "[x](java%73cript:alert(1))",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](\\javascript:alert(1))",
      "<javascript:alert(1)>",
      "<JAVASCRIPT:alert(1)>",
      "[x][ref]\n\n[ref]: javascript:alert(1)",
      "[x](javascript:alert(1) \"title\")",
  };
  for (const auto& attack : attacks) {
    const auto html = markdown_to_html(attack);
    const auto found = hrefs(html);
    ASSERT_FALSE(found.empty()) << attack << " → " << html;
    for (const auto& href : found) EXPECT_EQ(href, "#") << attack << " → " << html;
  }
}

TEST(Markdown, KeepsWebMailAndRelativeLinksWithRel) {
  EXPECT_EQ(markdown_to_html("[site](https://example.org/a?b=1&c=2 \"The site\")"),
            "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"The site\" "
            "rel=\"nofollow noopener\">site</a></p>\n");
  EXPECT_EQ(hrefs(markdown_to_html("[a](http://example.org)")),
            std::vector<std::string>{"http://example.org"});
  EXPECT_EQ(hrefs(markdown_to_html("[a](mailto:coach@example.org)")),
            std::vector<std::string>{"mailto:coach@example.org"});
  EXPECT_EQ(hrefs(markdown_to_html("[a](#goals) [b](/growth/cycles) [c](notes.html)")),
            (std::vector<std::string>{"#goals", "/growth/cycles", "notes.html"}));
  EXPECT_EQ(hrefs(markdown_to_html("www.example.org and coach@example.org")),
            (std::vector<std::string>{"http://www.example.org", "mailto:coach@example.org"}));
  EXPECT_TRUE(has(markdown_to_html("<https://example.org>"), "rel=\"nofollow noopener\""));
}

TEST(Markdown, ShowsImagesAsTheirAltText) {
  auto html = markdown_to_html("![Chart of *growth* \"q\"](https://evil.example/p.png \"t\")");
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_FALSE(has(html, "evil.example"));
  EXPECT_EQ(html, "<p>Chart of growth &quot;q&quot;</p>\n");

  html = markdown_to_html("[![logo](x.png)](https://example.org)");
  EXPECT_EQ(html, "<p><a href=\"https://example.org\" rel=\"nofollow noopener\">logo</a></p>\n");

  html = markdown_to_html("![a](javascript:alert(1))");
  EXPECT_EQ(html, "<p>a</p>\n");
}

TEST(Markdown, KeepsEntitiesAndUnicodeAsText) {
  EXPECT_EQ(markdown_to_html("caf\u00e9 &amp; &lt;b&gt; &#60;i&#62;"),
            "<p>caf\u00e9 &amp; &lt;b&gt; &lt;i&gt;</p>\n");
}

}  // namespace
}  // namespace lodestar::web
