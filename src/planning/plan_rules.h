// The plan's pure rules: money typed in dollars, evidence links, dependency cycles between
// action steps, and the scale of the timeline. Nothing here touches the database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lodestar::planning {

// Cents from an amount typed in dollars ("1200", "1,200.50", "$75"); nothing when it is not a
// non-negative amount with at most two decimals (or is absurdly large).
std::optional<std::int64_t> parse_dollars(std::string_view text);
// "$1,200.50"; whole dollars drop the cents ("$1,200").
std::string format_dollars(std::int64_t cents);
// The amount as a form field shows it again: "1200.50", "1200".
std::string dollars_field(std::int64_t cents);

// True for an absolute http:// or https:// URL with a host and no spaces or quotes.
bool is_web_url(std::string_view text);

// Dependencies as edges: action id → the ids it depends on.
using DependencyGraph = std::map<std::string, std::vector<std::string>>;
// The cycle that making `action` depend on `depends_on` would close in `graph` (its present
// edges for `action` are replaced), as a path that starts and ends with `action`; empty when
// there is none.
std::vector<std::string> dependency_cycle(const DependencyGraph& graph, const std::string& action,
                                          const std::vector<std::string>& depends_on);

// The timeline's horizontal scale: dates from `first` to `last` (inclusive) spread over `width`
// units starting at `left`.
struct TimeScale {
  std::int64_t first_day = 0, last_day = 0;
  double left = 0, width = 0;
  // The x of the start of `date` (clamped to the scale).
  double x(std::string_view date) const;
  // The x just after the end of `date`.
  double x_end(std::string_view date) const;
};
// REQUIRES: both are dates and first <= last.
TimeScale time_scale(std::string_view first, std::string_view last, double left, double width);

struct Tick {
  std::string date;  // the first day of the month
  double x = 0;
  bool quarter = false;  // January, April, July or October: labelled
  std::string label;     // "2025-07" on quarters, empty otherwise
};
// One tick per month that starts within the scale.
std::vector<Tick> month_ticks(const TimeScale& scale);

}  // namespace lodestar::planning
