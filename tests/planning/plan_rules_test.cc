#include "planning/plan_rules.h"

#include <gtest/gtest.h>

namespace lodestar::planning {
namespace {

TEST(PlanDollars, ParsesWholeAndDecimalAmountsIntoCents) {
  EXPECT_EQ(parse_dollars("1200"), 120000);
  EXPECT_EQ(parse_dollars("1,200.50"), 120050);
  EXPECT_EQ(parse_dollars("$75"), 7500);
  EXPECT_EQ(parse_dollars(" 0.5 "), 50);
  EXPECT_EQ(parse_dollars("0"), 0);
}

TEST(PlanDollars, RejectsWhatIsNotAnAmount) {
  for (const char* text : {"", "abc", "-5", "1.234", "12a", "1e3", ".", "$", "9999999999999"}) {
    EXPECT_FALSE(parse_dollars(text).has_value()) << text;
  }
}

TEST(PlanDollars, FormatsWithThousandsAndCentsOnlyWhenThereAreSome) {
  EXPECT_EQ(format_dollars(0), "$0");
  EXPECT_EQ(format_dollars(120000), "$1,200");
  EXPECT_EQ(format_dollars(123456789), "$1,234,567.89");
  EXPECT_EQ(dollars_field(120050), "1200.50");
  EXPECT_EQ(dollars_field(7500), "75");
}

TEST(PlanEvidence, AcceptsOnlyHttpAndHttpsLinksWithAHost) {
  EXPECT_TRUE(is_web_url("https://drive.example.org/folder/1"));
  EXPECT_TRUE(is_web_url("http://example.org"));
  for (const char* text : {"javascript:alert(1)", "ftp://example.org", "https://", "https:///x",
                           "example.org", "https://exa mple.org", "https://x.org/\"><script>"}) {
    EXPECT_FALSE(is_web_url(text)) << text;
  }
}

TEST(PlanDependencies, FindsTheCycleANewDependencyWouldClose) {
  DependencyGraph graph = {{"a", {}}, {"b", {"a"}}, {"c", {"b"}}};
  // a depending on c closes a → c → b → a.
  auto cycle = dependency_cycle(graph, "a", {"c"});
  EXPECT_EQ(cycle, (std::vector<std::string>{"a", "c", "b", "a"}));
}

TEST(PlanDependencies, AcceptsChainsAndDiamondsWithoutACycle) {
  DependencyGraph graph = {{"a", {}}, {"b", {"a"}}, {"c", {"a"}}, {"d", {"b", "c"}}};
  EXPECT_TRUE(dependency_cycle(graph, "e", {"d", "a"}).empty());
  EXPECT_TRUE(dependency_cycle(graph, "d", {"b", "c"}).empty());
  // Replacing a step's own edges is what is checked: b no longer waits for a.
  EXPECT_TRUE(dependency_cycle(graph, "a", {}).empty());
  EXPECT_FALSE(dependency_cycle(graph, "a", {"d"}).empty());
}

TEST(PlanDependencies, ASelfDependencyIsACycle) {
  EXPECT_EQ(dependency_cycle({}, "a", {"a"}), (std::vector<std::string>{"a", "a"}));
}

TEST(PlanTimeScale, MapsDatesLinearlyAcrossTheWidth) {
  auto scale = time_scale("2025-01-01", "2025-12-31", 100, 365);
  EXPECT_DOUBLE_EQ(scale.x("2025-01-01"), 100);
  EXPECT_DOUBLE_EQ(scale.x("2025-01-02"), 101);
  EXPECT_DOUBLE_EQ(scale.x_end("2025-12-31"), 465);
  EXPECT_DOUBLE_EQ(scale.x_end("2025-01-01"), 101);
  // Outside the scale: clamped to its edges.
  EXPECT_DOUBLE_EQ(scale.x("2024-06-01"), 100);
  EXPECT_DOUBLE_EQ(scale.x("2026-06-01"), 465);
}

TEST(PlanTimeScale, TicksEachMonthAndLabelsQuarters) {
  auto scale = time_scale("2025-07-15", "2026-01-31", 0, 1000);
  auto ticks = month_ticks(scale);
  ASSERT_EQ(ticks.size(), 6u);  // Aug … Jan
  EXPECT_EQ(ticks.front().date, "2025-08-01");
  EXPECT_FALSE(ticks.front().quarter);
  EXPECT_EQ(ticks[2].date, "2025-10-01");
  EXPECT_TRUE(ticks[2].quarter);
  EXPECT_EQ(ticks[2].label, "2025-10");
  EXPECT_EQ(ticks.back().date, "2026-01-01");
  EXPECT_TRUE(ticks.back().quarter);
  for (std::size_t i = 1; i < ticks.size(); ++i) EXPECT_GT(ticks[i].x, ticks[i - 1].x);
}

}  // namespace
}  // namespace lodestar::planning
