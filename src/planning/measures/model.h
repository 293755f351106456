// Measures, measurements and reviews as values: checking a measure typed in a form, reading and
// checking an uploaded CSV of measurements, the review schedule's dates, the arithmetic of the
// measures Lodestar computes from its own data, and the words and chart of a measure's trend.
// Nothing here touches the database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/model.h"
#include "platform/errors.h"

namespace lodestar::planning::measures {

// A number as typed: an optional minus, digits, an optional decimal part ("72", "-1.5", "0.25").
// Nothing for anything else (blank, "1e3", "12%", "1,000").
std::optional<double> parse_number(std::string_view text);
// A number as pages show it: at most two decimals, without trailing zeros ("72", "72.5").
std::string format_number(double value);

// What the measure form sends. Empty `computation`: entered by hand or uploaded.
struct MeasureInput {
  std::string name, unit, direction, baseline, baseline_on, target, target_on, computation, cycle,
      indicator, level;
};
// Problems by field: name, unit and both dates required; numbers that parse; the target lies in
// the measure's direction from the baseline; the target date after the baseline date; a known
// computation with its parameters present (whether the cycle and indicator exist is the
// service's to check).
std::vector<FieldProblem> check_measure(const MeasureInput& input);
// The measure the input describes. REQUIRES: check_measure(input) is empty.
Measure measure_of(const MeasureInput& input);

struct MeasurementInput {
  std::string measured_on, value, note;
};
// A date on or after the baseline date, a number, a note of at most 500 characters.
std::vector<FieldProblem> check_measurement(const MeasurementInput& input, const Measure& measure);

// ---- CSV upload: goal, measure, date, value, note ----

// Records of an RFC 4180 CSV with the line each starts on (1-based). Blank lines are skipped.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> cells;
};
// Nothing when a quoted cell never closes; `bad_line` then says where it opened.
std::optional<std::vector<CsvRecord>> parse_csv(std::string_view text, std::size_t* bad_line);

// A measure an upload may name.
struct UploadTarget {
  std::string goal_code, measure_name, measure_id, baseline_on;
};
struct UploadRow {
  std::size_t line = 0;
  std::string measure_id;
  Measurement measurement;  // source "upload"
};
struct UploadProblem {
  std::size_t line = 0;
  std::string column;      // goal, measure, date, value, note, or "" for the whole file/line
  std::string reason_key;  // planning.measures.upload.problem.*
  std::string detail;      // the value at fault, as typed
};
struct UploadCheck {
  std::vector<UploadRow> rows;
  std::vector<UploadProblem> problems;
};
// Every problem of the file, each with its line, column and reason: a missing column, an unknown
// goal code or measure, a bad date or number, a date before the measure's baseline, the same
// measure and date twice, a note over 500 characters. Goal codes and measure names match
// without regard to case or surrounding spaces.
UploadCheck check_upload(std::string_view csv, const std::vector<UploadTarget>& targets);
// The longest note a measurement keeps, typed or uploaded.
inline constexpr std::size_t kMaxNote = 500;
// The header line of the template CSV.
inline constexpr std::string_view kUploadColumns = "goal,measure,date,value,note";

// ---- Review schedule ----

// `date` moved by `months`, the day clamped to the month's length (2026-01-31 + 1 → 2026-02-28).
// REQUIRES: date is YYYY-MM-DD; months >= 0.
std::string add_months(std::string_view date, int months);
// The first scheduled date (start, start + every, start + 2·every, …) after `last_held`; the
// start itself when there has been no review. REQUIRES: every_months >= 1.
std::string next_review_on(std::string_view start, int every_months,
                           const std::optional<std::string>& last_held);

// ---- Computed measures ----

struct Computation {
  std::string name;       // stored in planning_measures.computation
  std::string label_key;  // planning.measures.computation.<name>
  bool about_people = false;
  std::vector<std::string> parameters;  // the form fields it needs: cycle, indicator, level
};
// The registry: growth_share (cycle, indicator, level), learning_hours (none: the plan's
// window), actions_done (none).
const std::vector<Computation>& computations();
const Computation* find_computation(std::string_view name);

// A computed value, or why there is none.
struct Computed {
  std::optional<double> value;
  std::int64_t people = 0;   // how many people the aggregate is drawn from
  std::string withheld_key;  // set when value is empty: small group or nothing to count
};
// `count` of `of` as a percentage, one decimal. Withheld when nothing is counted, or when it is
// about people and drawn from fewer than privacy::kSmallGroup.
Computed share_percent(std::int64_t count, std::int64_t of, bool about_people);
// Mean hours per person from total minutes, one decimal; withheld below the small group.
Computed mean_hours(std::int64_t minutes, std::int64_t people);

// ---- A measure's trend in words and as a chart ----

// The catalog key and arguments of the sentence explaining a trajectory ("Projected to reach 72
// of 80 % by 2027-06-30.").
struct Sentence {
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;
};
Sentence explain(const Measure& measure, const Trajectory& trajectory, std::string_view today);

// The chart's x labels (the baseline date, each measurement date, the target date) with the
// measured value and the straight path from baseline to target at each.
struct TrendPoint {
  std::string date;
  std::optional<double> measured;
  double path = 0;
};
std::vector<TrendPoint> trend(const Measure& measure);
// Value axis: `count` labels from low to high, and where a value falls on the 1…count scale the
// chart draws.
struct ValueScale {
  double low = 0, high = 1;
  int count = 5;
  double position(double value) const;
  std::vector<std::string> labels() const;
};
ValueScale value_scale(const std::vector<TrendPoint>& points, double target);

}  // namespace lodestar::planning::measures
