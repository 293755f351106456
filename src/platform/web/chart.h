// SVG charts rendered on the server, for pages such as a team's growth across assessment cycles.
// The markup obeys the site's Content-Security-Policy: no style attributes and no <style>
// elements, only SVG presentation attributes and CSS classes (chart-*) that the site stylesheet
// may override. Each chart is an image to assistive technology (role="img", labelled by its
// <title> and <desc>); the page must show the same numbers in a data table beside it, because a
// chart alone is not accessible (WCAG 2.1 1.1.1, 1.4.1). Colours come from the Okabe–Ito
// colour-blind-safe palette and every series also has its own dash pattern, so colour is never
// the only cue. Output depends only on the input: the same chart renders to the same bytes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lodestar::web {

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per x label; nullopt = no data (a gap)
};

struct LineChart {
  std::string id;                     // unique in the page; prefixes the aria ids
  std::string title, description;     // for <title> and <desc>
  std::vector<std::string> x_labels;  // e.g. cycle names, left to right
  std::vector<std::string> y_labels;  // level names for y = 1..n (Beginning … Transformative)
  std::vector<ChartSeries> series;
  int width = 640, height = 320;  // viewBox units; the SVG itself is width="100%"
};

// The chart as one <svg> element: axes, a grid line and label per level, the x labels, one
// polyline per contiguous run of values in each series (a gap breaks the line; a lone value is a
// marker only), a circle marker per value whose <title> reads "series: x — value" with one
// decimal, and a legend below. Labels too long for their space are shortened with "…" and keep
// the full text in a <title>; crowded x labels are rotated, and thinned when even that cannot fit.
// The height grows beyond `height` when labels and legend would leave the plot too small.
// All text is the caller's (already translated) and is XML-escaped here.
// REQUIRES: `id` is non-empty without whitespace; y_labels is non-empty; each series has one
// value per x label, each finite and within [1, y_labels.size()]; width >= 200 and height >= 100.
// Throws std::invalid_argument otherwise (a programming error in the caller).
std::string render_line_chart(const LineChart& chart);

}  // namespace lodestar::web
