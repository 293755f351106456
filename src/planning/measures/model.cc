#include "planning/measures/model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "platform/iso8601.h"
#include "platform/privacy.h"
#include "platform/text.h"

namespace lodestar::planning::measures {
namespace {

using text::trimmed;

double round_to(double value, double step) {
  return std::round(value / step) * step;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  auto t = trimmed(text);
  std::size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  std::size_t digits = 0, decimals = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++decimals;
    if (decimals == 0) return std::nullopt;
  }
  if (digits == 0 || i != t.size() || digits > 12) return std::nullopt;
  return std::stod(t);
}

std::string format_number(double value) {
  auto text = fmt::format("{:.2f}", round_to(value, 0.01));
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::vector<FieldProblem> check_measure(const MeasureInput& input) {
  std::vector<FieldProblem> problems;
  auto required = [&](std::string_view field, const std::string& value) {
    if (trimmed(value).empty())
      problems.push_back({std::string(field), "planning.measures.error.required", {}});
  };
  required("name", input.name);
  if (input.name.size() > 200) problems.push_back({"name", "planning.measures.error.too_long", {}});
  required("unit", input.unit);
  if (input.direction != "increase" && input.direction != "decrease") {
    problems.push_back({"direction", "planning.measures.error.direction", {}});
  }
  auto baseline = parse_number(input.baseline);
  auto target = parse_number(input.target);
  if (!baseline) problems.push_back({"baseline", "planning.measures.error.number", {}});
  if (!target) problems.push_back({"target", "planning.measures.error.number", {}});
  bool baseline_date = iso8601::is_date(input.baseline_on);
  bool target_date = iso8601::is_date(input.target_on);
  if (!baseline_date) problems.push_back({"baseline_on", "planning.measures.error.date", {}});
  if (!target_date) problems.push_back({"target_on", "planning.measures.error.date", {}});
  if (baseline && target) {
    bool ok = input.direction == "decrease" ? *target < *baseline : *target > *baseline;
    if (!ok && (input.direction == "increase" || input.direction == "decrease")) {
      problems.push_back({"target", "planning.measures.error.target_" + input.direction, {}});
    }
  }
  if (baseline_date && target_date && input.target_on <= input.baseline_on) {
    problems.push_back({"target_on", "planning.measures.error.target_on", {}});
  }
  if (!input.computation.empty()) {
    const auto* computation = find_computation(input.computation);
    if (!computation) {
      problems.push_back({"computation", "planning.measures.error.computation", {}});
    } else {
      for (const auto& p : computation->parameters) {
        const auto& value = p == "cycle"       ? input.cycle
                            : p == "indicator" ? input.indicator
                                               : input.level;
        if (trimmed(value).empty()) {
          problems.push_back({p, "planning.measures.error.required", {}});
        } else if (p == "level") {
          auto level = parse_number(value);
          if (!level || *level < 1 || *level > 10 || *level != std::floor(*level)) {
            problems.push_back({"level", "planning.measures.error.level", {}});
          }
        }
      }
    }
  }
  // The summary lists them in the form's order.
  static const std::vector<std::string> kOrder = {
      "name",      "unit",        "direction", "baseline",  "baseline_on", "target",
      "target_on", "computation", "cycle",     "indicator", "level"};
  auto rank = [](const FieldProblem& p) {
    return std::find(kOrder.begin(), kOrder.end(), p.field) - kOrder.begin();
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return problems;
}

Measure measure_of(const MeasureInput& input) {
  Measure m;
  m.name = trimmed(input.name);
  m.unit = trimmed(input.unit);
  m.direction = input.direction;
  m.baseline = *parse_number(input.baseline);
  m.baseline_on = input.baseline_on;
  m.target = *parse_number(input.target);
  m.target_on = input.target_on;
  if (!input.computation.empty()) {
    m.computation = input.computation;
    const auto* computation = find_computation(input.computation);
    std::string params = "{";
    for (const auto& p : computation->parameters) {
      if (params.size() > 1) params += ",";
      auto value = trimmed(p == "cycle"       ? input.cycle
                           : p == "indicator" ? input.indicator
                                              : input.level);
      if (p == "level") {
        params += fmt::format("\"level\":{}", value);
      } else {
        // Ids and indicator codes: letters, digits, dots and dashes; quotes escaped anyway.
        std::string escaped;
        for (char c : value) {
          if (c == '"' || c == '\\') escaped += '\\';
          escaped += c;
        }
        params += fmt::format("\"{}\":\"{}\"", p, escaped);
      }
    }
    m.parameters = params + "}";
  }
  return m;
}

std::vector<FieldProblem> check_measurement(const MeasurementInput& input, const Measure& measure) {
  std::vector<FieldProblem> problems;
  if (!iso8601::is_date(input.measured_on)) {
    problems.push_back({"measured_on", "planning.measures.error.date", {}});
  } else if (input.measured_on < measure.baseline_on) {
    problems.push_back(
        {"measured_on", "planning.measures.error.before_baseline", measure.baseline_on});
  }
  if (!parse_number(input.value)) {
    problems.push_back({"value", "planning.measures.error.number", {}});
  }
  if (input.note.size() > kMaxNote) {
    problems.push_back({"note", "planning.measures.error.too_long", {}});
  }
  return problems;
}

std::string add_months(std::string_view date, int months) {
  int year = iso8601::number(date, 0, 4);
  int month = iso8601::number(date, 5, 2) - 1 + months;
  int day = iso8601::number(date, 8, 2);
  year += month / 12;
  month = month % 12 + 1;
  std::chrono::year_month_day_last last{std::chrono::year(year) / std::chrono::month(month) /
                                        std::chrono::last};
  day = std::min(day, static_cast<int>(static_cast<unsigned>(last.day())));
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string next_review_on(std::string_view start, int every_months,
                           const std::optional<std::string>& last_held) {
  if (!last_held) return std::string(start);
  // Each date counted from the start, so a clamped month end never drifts (Jan 31, Feb 28,
  // Mar 31 …).
  for (int k = 0; k < 12 * 200; ++k) {
    auto date = add_months(start, k * every_months);
    if (date > *last_held) return date;
  }
  return std::string(start);
}

const std::vector<Computation>& computations() {
  static const std::vector<Computation> all = {
      {"growth_share",
       "planning.measures.computation.growth_share",
       true,
       {"cycle", "indicator", "level"}},
      {"learning_hours", "planning.measures.computation.learning_hours", true, {}},
      {"actions_done", "planning.measures.computation.actions_done", false, {}},
  };
  return all;
}

const Computation* find_computation(std::string_view name) {
  for (const auto& c : computations()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Computed share_percent(std::int64_t count, std::int64_t of, bool about_people) {
  Computed out;
  out.people = about_people ? of : 0;
  if (of <= 0) {
    out.withheld_key = "planning.measures.compute.nothing";
  } else if (about_people && privacy::suppressed(of)) {
    out.withheld_key = "planning.measures.compute.small_group";
  } else {
    out.value = round_to(100.0 * static_cast<double>(count) / static_cast<double>(of), 0.1);
  }
  return out;
}

Computed mean_hours(std::int64_t minutes, std::int64_t people) {
  Computed out;
  out.people = people;
  if (people <= 0) {
    out.withheld_key = "planning.measures.compute.nothing";
  } else if (privacy::suppressed(people)) {
    out.withheld_key = "planning.measures.compute.small_group";
  } else {
    out.value = round_to(static_cast<double>(minutes) / 60.0 / static_cast<double>(people), 0.1);
  }
  return out;
}

Sentence explain(const Measure& measure, const Trajectory& trajectory, std::string_view today) {
  auto target = format_number(measure.target);
  switch (trajectory.standing) {
    case Standing::kNoData:
      return {"planning.measures.explain.no_data", {{"baseline_on", measure.baseline_on}}};
    case Standing::kMet:
      return {"planning.measures.explain.met",
              {{"latest", format_number(*trajectory.latest)},
               {"target", target},
               {"unit", measure.unit}}};
    default:
      break;
  }
  if (today > measure.target_on) {
    return {"planning.measures.explain.passed",
            {{"target_on", measure.target_on},
             {"latest", format_number(*trajectory.latest)},
             {"target", target},
             {"unit", measure.unit}}};
  }
  double projected = measure.baseline + trajectory.projected * (measure.target - measure.baseline);
  return {
      std::string("planning.measures.explain.") + std::string(standing_key(trajectory.standing)),
      {{"projected", format_number(projected)},
       {"target", target},
       {"unit", measure.unit},
       {"target_on", measure.target_on}}};
}

std::vector<TrendPoint> trend(const Measure& measure) {
  auto origin = static_cast<double>(day_number(measure.baseline_on));
  auto span = static_cast<double>(day_number(measure.target_on)) - origin;
  auto path = [&](std::string_view date) {
    double share = (static_cast<double>(day_number(date)) - origin) / span;
    return measure.baseline + share * (measure.target - measure.baseline);
  };
  std::vector<TrendPoint> out = {{measure.baseline_on, measure.baseline, measure.baseline}};
  for (const auto& m : measure.measurements) {
    if (m.measured_on <= measure.baseline_on) {
      if (m.measured_on == measure.baseline_on) out.front().measured = m.value;
      continue;
    }
    out.push_back({m.measured_on, m.value, path(m.measured_on)});
  }
  if (out.back().date < measure.target_on) {
    out.push_back({measure.target_on, std::nullopt, measure.target});
  }
  return out;
}

double ValueScale::position(double value) const {
  double at = 1.0 + (value - low) / (high - low) * static_cast<double>(count - 1);
  return std::clamp(at, 1.0, static_cast<double>(count));
}

std::vector<std::string> ValueScale::labels() const {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(format_number(low + (high - low) * i / static_cast<double>(count - 1)));
  }
  return out;
}

ValueScale value_scale(const std::vector<TrendPoint>& points, double target) {
  double low = target, high = target;
  for (const auto& p : points) {
    low = std::min({low, p.path, p.measured.value_or(p.path)});
    high = std::max({high, p.path, p.measured.value_or(p.path)});
  }
  if (high - low < 1e-9) high = low + 1;
  // Round outwards to a step that gives four even intervals.
  double raw = (high - low) / 4;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0}) {
    step = m * magnitude;
    if (std::floor(low / step) * step + 4 * step >= high) break;
  }
  ValueScale scale;
  scale.low = std::floor(low / step) * step;
  scale.high = scale.low + 4 * step;
  if (scale.high < high) {
    scale.low = low;
    scale.high = high;
  }
  scale.count = 5;
  return scale;
}

}  // namespace lodestar::planning::measures
