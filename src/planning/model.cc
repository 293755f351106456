#include "planning/model.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "platform/iso8601.h"

namespace lodestar::planning {

const std::vector<std::string>& action_statuses() {
  static const std::vector<std::string> statuses = {"not_started", "in_progress", "blocked", "done",
                                                    "dropped"};
  return statuses;
}

const std::vector<std::string>& plan_statuses() {
  static const std::vector<std::string> statuses = {"draft", "adopted", "archived"};
  return statuses;
}

bool is_action_status(std::string_view status) {
  const auto& all = action_statuses();
  return std::find(all.begin(), all.end(), status) != all.end();
}

std::string_view standing_key(Standing standing) {
  switch (standing) {
    case Standing::kNoData:
      return "no_data";
    case Standing::kMet:
      return "met";
    case Standing::kOnTrack:
      return "on_track";
    case Standing::kAtRisk:
      return "at_risk";
    case Standing::kOffTrack:
      return "off_track";
  }
  return "no_data";
}

std::int64_t day_number(std::string_view date) {
  std::chrono::year_month_day ymd{std::chrono::year(iso8601::number(date, 0, 4)),
                                  std::chrono::month(iso8601::number(date, 5, 2)),
                                  std::chrono::day(iso8601::number(date, 8, 2))};
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string date_of_day(std::int64_t days) {
  std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return date_of_day(now.time_since_epoch().count());
}

namespace {

// The share of the way from baseline to target that `value` has come. A measure whose target
// equals its baseline (the service refuses one) counts as all the way once it holds the target.
double share(const Measure& measure, double value) {
  double span = measure.target - measure.baseline;
  if (span == 0) {
    bool holds =
        measure.direction == "decrease" ? value <= measure.target : value >= measure.target;
    return holds ? 1.0 : 0.0;
  }
  return (value - measure.baseline) / span;
}

}  // namespace

Trajectory track(const Measure& measure, std::string_view today) {
  Trajectory out;
  auto origin = day_number(measure.baseline_on);
  auto target_day = day_number(measure.target_on);
  auto now = day_number(today);

  // The baseline, then each measurement after it up to today (measurements are oldest first).
  std::vector<std::pair<double, double>> points = {{0.0, measure.baseline}};
  for (const auto& m : measure.measurements) {
    auto day = day_number(m.measured_on);
    if (day <= origin || day > now) continue;
    points.emplace_back(static_cast<double>(day - origin), m.value);
    out.latest = m.value;
  }
  if (!out.latest) return out;

  out.progress = share(measure, *out.latest);
  if (out.progress >= 1.0) {
    out.standing = Standing::kMet;
    out.projected = out.progress;
    return out;
  }
  if (now > target_day) {
    out.standing = Standing::kOffTrack;
    out.projected = out.progress;
    return out;
  }

  // Least squares: value = intercept + slope × day.
  double n = static_cast<double>(points.size());
  double sum_x = 0, sum_y = 0;
  for (const auto& [x, y] : points) {
    sum_x += x;
    sum_y += y;
  }
  double mean_x = sum_x / n, mean_y = sum_y / n;
  double sxx = 0, sxy = 0;
  for (const auto& [x, y] : points) {
    sxx += (x - mean_x) * (x - mean_x);
    sxy += (x - mean_x) * (y - mean_y);
  }
  double slope = sxx > 0 ? sxy / sxx : 0;
  double at_target = mean_y + slope * (static_cast<double>(target_day - origin) - mean_x);
  out.projected = share(measure, at_target);
  if (out.projected >= 1.0) {
    out.standing = Standing::kOnTrack;
  } else if (out.projected >= 0.75) {
    out.standing = Standing::kAtRisk;
  } else {
    out.standing = Standing::kOffTrack;
  }
  return out;
}

}  // namespace lodestar::planning
