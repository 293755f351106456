#include "platform/web/chart.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace lodestar::web {
namespace {

// Okabe & Ito (2008), "Color Universal Design", ordered so that charts with up to five series
// only use colours with at least 3:1 contrast on white (WCAG 2.1 1.4.11): blue 5.2, vermillion
// 3.9, bluish green 3.4, reddish purple 3.1, black 21. Orange and sky blue (about 2.3:1) come
// last; yellow (1.3:1) is left out.
constexpr std::string_view kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                         "#000000", "#E69F00", "#56B4E9"};
constexpr std::string_view kDashes[] = {"", "8 4", "2 3", "8 3 2 3", "14 4", "2 6", "8 3 2 3 2 3"};
constexpr std::size_t kStyles = std::size(kPalette);
static_assert(std::size(kDashes) == kStyles);

constexpr std::string_view kTextColour = "#333333";  // 12.6:1 on white
constexpr std::string_view kAxisColour = "#595959";  // 7:1 on white
constexpr std::string_view kGridColour = "#d9d9d9";  // decorative

constexpr double kFontSize = 12;
constexpr double kCharWidth = 7;  // an average glyph of a 12-unit sans-serif font, rounded up
constexpr double kTop = 16, kRight = 16, kBottom = 8, kTickGap = 8;
constexpr double kMinPlotHeight = 120;
constexpr double kRotation = 40;  // degrees, for x labels that do not fit their slot
constexpr std::size_t kMaxRotatedChars = 18, kMaxLegendChars = 30;
constexpr double kLegendRow = 20, kLegendSample = 28, kLegendGap = 18;
constexpr double kPi = 3.14159265358979323846;

using Out = std::back_insert_iterator<std::string>;

struct LegendSlot {
  double x, y;
};

struct Layout {
  double width = 0, height = 0;
  double left = 0, top = kTop, right = 0, bottom = 0;  // the plot area
  double slot = 0;                                     // horizontal space per x label
  bool rotate_x = false;
  std::size_t x_chars = 0, x_step = 1, y_chars = 0, legend_chars = 0;
  std::vector<LegendSlot> legend;
};

std::size_t code_points(std::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// The first `max` code points of `text`, the last replaced by "…" when some were cut.
std::string ellipsize(std::string_view text, std::size_t max) {
  max = std::max<std::size_t>(max, 1);
  if (code_points(text) <= max) return std::string(text);
  std::size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) continue;
    if (kept == max - 1) break;
    ++kept;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

// Escapes for XML text and attribute values alike. Control characters XML 1.0 forbids become
// spaces, so a stray byte in a name cannot make the whole chart ill-formed.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        bool forbidden =
            static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
        out += forbidden ? ' ' : c;
    }
  }
  return out;
}

// A coordinate with at most one decimal: "56", "56.5".
std::string number(double value) {
  auto text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text == "-0" ? "0" : text;
}

std::size_t longest(const std::vector<std::string>& labels) {
  std::size_t most = 0;
  for (const auto& label : labels) most = std::max(most, code_points(label));
  return most;
}

void validate(const LineChart& chart) {
  auto fail = [](const std::string& why) { throw std::invalid_argument("line chart: " + why); };
  if (chart.id.empty() ||
      std::any_of(chart.id.begin(), chart.id.end(), [](char c) { return std::isspace(c & 0xFF); }))
    fail("id must be non-empty without whitespace");
  if (chart.y_labels.empty()) fail("y_labels is empty");
  if (chart.width < 200 || chart.height < 100) fail("width must be >= 200 and height >= 100");
  const double top = static_cast<double>(chart.y_labels.size());
  for (const auto& series : chart.series) {
    if (series.values.size() != chart.x_labels.size())
      fail(fmt::format("series \"{}\" has {} values for {} x labels", series.name,
                       series.values.size(), chart.x_labels.size()));
    for (const auto& value : series.values) {
      if (value && !(std::isfinite(*value) && *value >= 1 && *value <= top))
        fail(fmt::format("series \"{}\" has {} outside [1, {}]", series.name, *value, top));
    }
  }
}

// Places the x labels: level when the longest fits its slot, else rotated and shortened, and
// when even rotated labels would overlap, only every x_step-th is shown. Returns the height of
// the band under the plot that the labels need.
double place_x_labels(const LineChart& chart, Layout& layout) {
  const auto count = chart.x_labels.size();
  layout.slot = (layout.right - layout.left) / static_cast<double>(std::max<std::size_t>(count, 1));
  layout.x_chars = longest(chart.x_labels);
  if (static_cast<double>(layout.x_chars) * kCharWidth <= layout.slot - 6)
    return kTickGap + kFontSize + 8;
  layout.rotate_x = true;
  const double angle = kRotation * kPi / 180, run = kCharWidth * std::cos(angle);
  layout.x_chars = std::min(layout.x_chars, kMaxRotatedChars);
  // The first label slants left from its tick: widen the left margin (up to a limit) so that it
  // stays on the chart, and shorten the labels if that is not enough.
  const double half = 1 / (2 * static_cast<double>(std::max<std::size_t>(count, 1)));
  const double wanted =
      (static_cast<double>(layout.x_chars) * run + 4 - layout.right * half) / (1 - half);
  layout.left = std::clamp(wanted, layout.left, std::max(layout.left, layout.width * 0.35));
  layout.slot = (layout.right - layout.left) / static_cast<double>(std::max<std::size_t>(count, 1));
  const auto room = static_cast<std::size_t>((layout.left + layout.slot / 2 - 4) / run);
  layout.x_chars = std::min(layout.x_chars, room);
  // Neighbouring slanted labels lie slot * sin(angle) apart, measured across the text.
  layout.x_step =
      static_cast<std::size_t>(std::ceil((kFontSize + 8) / (layout.slot * std::sin(angle))));
  return kTickGap + static_cast<double>(layout.x_chars) * kCharWidth * std::sin(angle) +
         kFontSize * std::cos(angle) + 8;
}

// Lays the legend entries left to right under the plot, wrapping to a new row when one would
// pass the plot's right edge. Returns the legend's height. Rows are placed from y = 0; the
// caller shifts them once it knows where the legend starts.
double place_legend(const LineChart& chart, Layout& layout) {
  if (chart.series.empty()) return 0;
  const double room = layout.right - layout.left - kLegendSample - 6;
  layout.legend_chars =
      std::clamp<std::size_t>(static_cast<std::size_t>(room / kCharWidth), 1, kMaxLegendChars);
  double x = layout.left, y = kLegendRow / 2;
  for (const auto& series : chart.series) {
    const auto chars = std::min(code_points(series.name), layout.legend_chars);
    const double entry = kLegendSample + 6 + static_cast<double>(chars) * kCharWidth;
    if (x > layout.left && x + entry > layout.right) x = layout.left, y += kLegendRow;
    layout.legend.push_back({x, y});
    x += entry + kLegendGap;
  }
  return y + kLegendRow / 2;
}

Layout plan(const LineChart& chart) {
  Layout layout;
  layout.width = chart.width;
  const auto y_room = static_cast<std::size_t>((layout.width * 0.3 - 14) / kCharWidth);
  layout.y_chars = std::max<std::size_t>(std::min(longest(chart.y_labels), y_room), 1);
  layout.left = static_cast<double>(layout.y_chars) * kCharWidth + kTickGap + 6;
  layout.right = layout.width - kRight;
  const double band = place_x_labels(chart, layout);
  const double legend = place_legend(chart, layout);
  layout.height = chart.height;
  layout.bottom = layout.height - kBottom - legend - band;
  if (layout.bottom - layout.top < kMinPlotHeight) {
    layout.bottom = layout.top + kMinPlotHeight;
    layout.height = layout.bottom + band + legend + kBottom;
  }
  for (auto& slot : layout.legend) slot.y += layout.bottom + band;
  return layout;
}

double x_of(const Layout& layout, std::size_t index) {
  return layout.left + layout.slot * (static_cast<double>(index) + 0.5);
}

double y_of(const Layout& layout, const LineChart& chart, double value) {
  const auto levels = chart.y_labels.size();
  if (levels == 1) return (layout.top + layout.bottom) / 2;
  return layout.bottom -
         (value - 1) / static_cast<double>(levels - 1) * (layout.bottom - layout.top);
}

// A <text> shortened to `max` code points; a shortened one keeps the full text as its <title>.
void text(Out out, std::string_view label, std::size_t max, std::string_view attributes) {
  const auto shown = ellipsize(label, max);
  fmt::format_to(out, "<text {}>{}", attributes, escape(shown));
  if (shown != label) fmt::format_to(out, "<title>{}</title>", escape(label));
  fmt::format_to(out, "</text>\n");
}

void draw_grid(Out out, const LineChart& chart, const Layout& layout) {
  fmt::format_to(out, "<g class=\"chart-grid\" stroke=\"{}\" stroke-width=\"1\">\n", kGridColour);
  for (std::size_t level = 1; level <= chart.y_labels.size(); ++level) {
    const auto y = number(y_of(layout, chart, static_cast<double>(level)));
    fmt::format_to(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", number(layout.left), y,
                   number(layout.right), y);
  }
  fmt::format_to(out, "</g>\n<g class=\"chart-y-labels\" fill=\"{}\" text-anchor=\"end\">\n",
                 kTextColour);
  for (std::size_t level = 1; level <= chart.y_labels.size(); ++level) {
    const auto y = y_of(layout, chart, static_cast<double>(level));
    text(out, chart.y_labels[level - 1], layout.y_chars,
         fmt::format("x=\"{}\" y=\"{}\" dy=\"0.35em\"", number(layout.left - kTickGap), number(y)));
  }
  fmt::format_to(out, "</g>\n");
}

void draw_axes(Out out, const LineChart& chart, const Layout& layout) {
  const auto left = number(layout.left), bottom = number(layout.bottom);
  fmt::format_to(out, "<g class=\"chart-axis\" stroke=\"{}\" stroke-width=\"1\">\n", kAxisColour);
  fmt::format_to(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", left, number(layout.top),
                 left, bottom);
  fmt::format_to(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", left, bottom,
                 number(layout.right), bottom);
  for (std::size_t i = 0; i < chart.x_labels.size(); ++i) {
    const auto x = number(x_of(layout, i));
    fmt::format_to(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", x, bottom, x,
                   number(layout.bottom + 4));
  }
  fmt::format_to(out, "</g>\n");
}

void draw_x_labels(Out out, const LineChart& chart, const Layout& layout) {
  fmt::format_to(out, "<g class=\"chart-x-labels\" fill=\"{}\" text-anchor=\"{}\">\n", kTextColour,
                 layout.rotate_x ? "end" : "middle");
  for (std::size_t i = 0; i < chart.x_labels.size(); i += layout.x_step) {
    const auto x = number(x_of(layout, i));
    if (layout.rotate_x) {
      const auto y = number(layout.bottom + kTickGap + 4);
      text(out, chart.x_labels[i], layout.x_chars,
           fmt::format("x=\"{}\" y=\"{}\" dy=\"0.35em\" transform=\"rotate(-{} {} {})\"", x, y,
                       number(kRotation), x, y));
    } else {
      text(out, chart.x_labels[i], layout.x_chars,
           fmt::format("x=\"{}\" y=\"{}\"", x, number(layout.bottom + kTickGap + kFontSize)));
    }
  }
  fmt::format_to(out, "</g>\n");
}

std::string dash_attribute(std::size_t style) {
  const auto dash = kDashes[style];
  return dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", dash);
}

// Series past the seventh reuse a colour with a different dash pattern.
std::size_t colour_of(std::size_t index) {
  return (index + index / kStyles) % kStyles;
}

void draw_marker(Out out, double x, double y, std::size_t colour, std::string_view title) {
  fmt::format_to(out,
                 "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\" stroke=\"#ffffff\" "
                 "stroke-width=\"1.5\"><title>{}</title></circle>\n",
                 number(x), number(y), kPalette[colour], escape(title));
}

void draw_series(Out out, const LineChart& chart, const Layout& layout, std::size_t index) {
  const auto& series = chart.series[index];
  const auto colour = colour_of(index);
  const auto line_attributes = fmt::format("fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}",
                                           kPalette[colour], dash_attribute(index % kStyles));
  fmt::format_to(out, "<g class=\"chart-series chart-series-{}\">\n", index + 1);
  const auto count = series.values.size();
  for (std::size_t start = 0; start < count;) {
    if (!series.values[start]) {
      ++start;
      continue;
    }
    auto end = start;
    std::string points;
    for (; end < count && series.values[end]; ++end) {
      if (!points.empty()) points += ' ';
      points += number(x_of(layout, end)) + ',' + number(y_of(layout, chart, *series.values[end]));
    }
    if (end - start > 1)
      fmt::format_to(out, "<polyline {} points=\"{}\"/>\n", line_attributes, points);
    start = end;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (!series.values[i]) continue;
    const double value = *series.values[i];
    draw_marker(out, x_of(layout, i), y_of(layout, chart, value), colour,
                fmt::format("{}: {} \u2014 {:.1f}", series.name, chart.x_labels[i], value));
  }
  fmt::format_to(out, "</g>\n");
}

void draw_legend(Out out, const LineChart& chart, const Layout& layout) {
  if (chart.series.empty()) return;
  fmt::format_to(out, "<g class=\"chart-legend\" fill=\"{}\">\n", kTextColour);
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto [x, y] = layout.legend[i];
    const auto colour = colour_of(i);
    fmt::format_to(out,
                   "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
                   "stroke-width=\"2.5\"{}/>\n",
                   number(x), number(y), number(x + kLegendSample), number(y), kPalette[colour],
                   dash_attribute(i % kStyles));
    fmt::format_to(out, "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\"/>\n",
                   number(x + kLegendSample / 2), number(y), kPalette[colour]);
    text(out, chart.series[i].name, layout.legend_chars,
         fmt::format("x=\"{}\" y=\"{}\" dy=\"0.35em\"", number(x + kLegendSample + 6), number(y)));
  }
  fmt::format_to(out, "</g>\n");
}

}  // namespace

std::string render_line_chart(const LineChart& chart) {
  validate(chart);
  const Layout layout = plan(chart);
  const auto id = escape(chart.id);
  std::string svg;
  auto out = std::back_inserter(svg);
  fmt::format_to(out,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\" "
                 "viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
                 "aria-labelledby=\"{}-title {}-desc\" font-family=\"system-ui, sans-serif\" "
                 "font-size=\"{}\">\n",
                 number(layout.width), number(layout.height), id, id, number(kFontSize));
  fmt::format_to(out, "<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n", id,
                 escape(chart.title), id, escape(chart.description));
  draw_grid(out, chart, layout);
  draw_axes(out, chart, layout);
  draw_x_labels(out, chart, layout);
  for (std::size_t i = 0; i < chart.series.size(); ++i) draw_series(out, chart, layout, i);
  draw_legend(out, chart, layout);
  svg += "</svg>\n";
  return svg;
}

}  // namespace lodestar::web
