#include "platform/web/chart.h"

#include <cstddef>
#include <limits>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::web {
namespace {

LineChart levels_chart() {
  LineChart chart;
  chart.id = "growth";
  chart.title = "Growth by cycle";
  chart.description = "Average level of two teams across three cycles.";
  chart.x_labels = {"Fall 2024", "Winter 2025", "Spring 2025"};
  chart.y_labels = {"Beginning", "Developing", "Proficient", "Transformative"};
  chart.series = {{"Team A", {1.0, 2.5, 3.0}}, {"Team B", {2.0, 2.0, 4.0}}};
  return chart;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++found;
  return found;
}

// Checks that tags nest and close properly and that no '<' or '&' stands bare in text or
// attribute values: enough of XML well-formedness to catch a broken chart.
::testing::AssertionResult well_formed(const std::string& svg) {
  std::vector<std::string> open;
  const std::regex tag(
      R"(<(/?)([a-z]+)((?:\s+[a-zA-Z0-9:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|#39);[^"<&]*)*")*)\s*(/?)>)");
  const std::regex text(R"([^<&]*(?:&(?:amp|lt|gt|quot|#39);[^<&]*)*)");
  std::size_t at = 0;
  while (at < svg.size()) {
    const auto next = svg.find('<', at);
    const auto between = svg.substr(at, next - at);
    if (!std::regex_match(between, text))
      return ::testing::AssertionFailure() << "bad text: " << between;
    if (next == std::string::npos) break;
    std::smatch match;
    const auto rest = svg.substr(next);
    if (!std::regex_search(rest, match, tag, std::regex_constants::match_continuous))
      return ::testing::AssertionFailure() << "bad tag at: " << rest.substr(0, 80);
    if (match[1] == "/") {
      if (open.empty() || open.back() != match[2])
        return ::testing::AssertionFailure() << "unbalanced </" << match[2] << ">";
      open.pop_back();
    } else if (match[4] != "/") {
      open.push_back(match[2]);
    }
    at = next + static_cast<std::size_t>(match.length(0));
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "unclosed <" << open.back() << ">";
  return ::testing::AssertionSuccess();
}

TEST(ChartLine, IsAnImageLabelledByItsTitleAndDescription) {
  const auto svg = render_line_chart(levels_chart());
  EXPECT_TRUE(svg.starts_with("<svg "));
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"growth-title growth-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"growth-title\">Growth by cycle</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"growth-desc\">Average level"), std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 "), std::string::npos);
  EXPECT_NE(svg.find("width=\"100%\""), std::string::npos);
}

TEST(ChartLine, UsesNoStyleAttributeOrElement) {
  auto chart = levels_chart();
  chart.x_labels[1] = "A cycle name far too long to sit level under its tick mark";
  const auto svg = render_line_chart(chart);
  EXPECT_EQ(svg.find("style"), std::string::npos);
}

TEST(ChartLine, EscapesMarkupInEveryText) {
  auto chart = levels_chart();
  chart.id = "a\"b";
  chart.title = "<script>&\"";
  chart.description = "x < y & \"z\"";
  chart.x_labels[0] = "<b>&\"";
  chart.y_labels[0] = "<i>";
  chart.series[0].name = "Team \"<A>\" & co";
  const auto svg = render_line_chart(chart);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("<i>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;&amp;&quot;"), std::string::npos);
  EXPECT_NE(svg.find("Team &quot;&lt;A&gt;&quot; &amp; co: &lt;b&gt;&amp;&quot; \u2014 1.0"),
            std::string::npos);
  EXPECT_NE(svg.find("id=\"a&quot;b-title\""), std::string::npos);
}

TEST(ChartLine, DrawsOnePolylinePerContiguousRun) {
  auto chart = levels_chart();
  chart.x_labels = {"1", "2", "3", "4", "5"};
  chart.series = {{"Split", {1.0, 2.0, std::nullopt, 3.0, 4.0}}};
  auto svg = render_line_chart(chart);
  EXPECT_EQ(count(svg, "<polyline"), 2u);
  EXPECT_EQ(count(svg, "<circle"), 4u + 1u);  // four markers and the legend's

  chart.series = {{"Whole", {1.0, 2.0, 3.0, 4.0, 4.0}}};
  svg = render_line_chart(chart);
  EXPECT_EQ(count(svg, "<polyline"), 1u);
}

TEST(ChartLine, ShowsALoneValueAsAMarkerOnly) {
  auto chart = levels_chart();
  chart.series = {{"Lone", {std::nullopt, 2.0, std::nullopt}}};
  const auto svg = render_line_chart(chart);
  EXPECT_EQ(count(svg, "<polyline"), 0u);
  EXPECT_NE(svg.find("<title>Lone: Winter 2025 \u2014 2.0</title>"), std::string::npos);
}

TEST(ChartLine, TitlesEachMarkerWithSeriesCycleAndValue) {
  const auto svg = render_line_chart(levels_chart());
  EXPECT_NE(svg.find("<title>Team A: Winter 2025 \u2014 2.5</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>Team B: Spring 2025 \u2014 4.0</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "<circle"), 6u + 2u);
}

TEST(ChartLine, IsDeterministic) {
  EXPECT_EQ(render_line_chart(levels_chart()), render_line_chart(levels_chart()));
}

TEST(ChartLine, GivesEachSeriesItsOwnColourAndDash) {
  auto chart = levels_chart();
  chart.series.clear();
  for (int i = 0; i < 9; ++i) chart.series.push_back({"S" + std::to_string(i), {1.0, 2.0, 3.0}});
  const auto svg = render_line_chart(chart);
  const std::regex line(
      R"re(<polyline fill="none" stroke="([^"]+)" stroke-width="2.5"((?: stroke-dasharray="[^"]+")?))re");
  std::vector<std::string> styles;
  for (std::sregex_iterator it(svg.begin(), svg.end(), line), end; it != end; ++it)
    styles.push_back((*it)[1].str() + (*it)[2].str());
  ASSERT_EQ(styles.size(), 9u);
  for (std::size_t i = 0; i < styles.size(); ++i)
    for (std::size_t j = i + 1; j < styles.size(); ++j) EXPECT_NE(styles[i], styles[j]);
}

TEST(ChartLine, RendersAxesWithoutSeries) {
  auto chart = levels_chart();
  chart.series.clear();
  const auto svg = render_line_chart(chart);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "<polyline"), 0u);
  EXPECT_EQ(svg.find("chart-legend"), std::string::npos);
  EXPECT_NE(svg.find(">Transformative</text>"), std::string::npos);
}

TEST(ChartLine, HandlesOneCycleAndAllGapSeries) {
  auto chart = levels_chart();
  chart.x_labels = {"Fall 2024"};
  chart.series = {{"Team A", {3.0}}, {"Team B", {std::nullopt}}};
  const auto svg = render_line_chart(chart);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "<polyline"), 0u);
  EXPECT_NE(svg.find("Team A: Fall 2024 \u2014 3.0"), std::string::npos);
  EXPECT_EQ(svg.find("Team B: "), std::string::npos);
  EXPECT_NE(svg.find(">Team B</text>"), std::string::npos);  // still in the legend
}

TEST(ChartLine, HandlesNoCyclesAndASingleLevel) {
  auto chart = levels_chart();
  chart.x_labels.clear();
  chart.y_labels = {"Only"};
  chart.series = {{"Team A", {}}};
  EXPECT_TRUE(well_formed(render_line_chart(chart)));
}

TEST(ChartLine, RotatesAndShortensLongCycleNamesKeepingTheFullName) {
  auto chart = levels_chart();
  const std::string long_name = "Spring 2025 second-semester summative window";
  chart.x_labels[2] = long_name;
  const auto svg = render_line_chart(chart);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find("transform=\"rotate(-40"), std::string::npos);
  EXPECT_NE(svg.find("\u2026<title>" + long_name + "</title></text>"), std::string::npos);
}

TEST(ChartLine, ShortensWithoutSplittingACharacter) {
  auto chart = levels_chart();
  chart.x_labels[0] = std::string(40, 'x') + "\u00e9\u00e9\u00e9";
  chart.x_labels[1] = std::string(15, 'x') + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";
  const auto svg = render_line_chart(chart);
  EXPECT_NE(svg.find(">" + std::string(15, 'x') + "\u00e9\u00e9\u2026<title>"), std::string::npos);
}

TEST(ChartLine, GrowsTallerWhenLabelsAndLegendCrowdThePlot) {
  auto chart = levels_chart();
  chart.height = 100;
  for (int i = 0; i < 20; ++i) chart.series.push_back({"Another team", {1.0, 1.0, 1.0}});
  const auto svg = render_line_chart(chart);
  const std::regex view_box(R"re(viewBox="0 0 640 ([0-9.]+)")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(svg, match, view_box));
  EXPECT_GT(std::stod(match[1]), 200.0);
}

TEST(ChartLine, RejectsMisshapenInput) {
  auto chart = levels_chart();
  chart.series[0].values.pop_back();
  EXPECT_THROW(render_line_chart(chart), std::invalid_argument);

  chart = levels_chart();
  chart.series[0].values[0] = 5.0;  // four levels
  EXPECT_THROW(render_line_chart(chart), std::invalid_argument);

  chart = levels_chart();
  chart.series[0].values[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(render_line_chart(chart), std::invalid_argument);

  chart = levels_chart();
  chart.id = "two words";
  EXPECT_THROW(render_line_chart(chart), std::invalid_argument);

  chart = levels_chart();
  chart.y_labels.clear();
  EXPECT_THROW(render_line_chart(chart), std::invalid_argument);
}

}  // namespace
}  // namespace lodestar::web
