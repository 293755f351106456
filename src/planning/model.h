// The strategic plan as values: a plan, its goals, strategies, action steps and measures, and
// the one rule that says whether a measure is on track. Nothing here touches the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lodestar::planning {

// Subject type of a plan goal in `alignments`.
inline constexpr std::string_view kGoalType = "plan_goal";

// Status keys, in the order a board shows them.
const std::vector<std::string>& action_statuses();  // not_started … dropped
const std::vector<std::string>& plan_statuses();    // draft, adopted, archived
bool is_action_status(std::string_view status);

struct Measurement {
  std::string id;
  std::string measured_on;  // YYYY-MM-DD
  double value = 0;
  std::string note;
  std::string source;  // manual, upload, computed
};

struct Measure {
  std::string id, goal_id, name, unit, direction;  // direction: increase | decrease
  double baseline = 0;
  std::string baseline_on;
  double target = 0;
  std::string target_on;
  std::optional<std::string> computation;  // empty: entered by hand or uploaded
  std::string parameters = "{}";
  std::vector<Measurement> measurements;  // oldest first
};

struct Action {
  std::string id, strategy_id, title, description, owner_id, owner_name, starts_on, due_on, status,
      budget_line, funding_source_id, funding_source_name, status_note, evidence_url;
  std::int64_t budget_cents = 0;
  std::vector<std::string> depends_on;  // action ids
};

struct Strategy {
  std::string id, goal_id, title, description;
  std::vector<Action> actions;
};

struct Goal {
  std::string id, plan_id, code, title, description;
  std::vector<Strategy> strategies;
  std::vector<Measure> measures;
};

struct Plan {
  std::string id, org_id, org_name, title, summary, starts_on, ends_on, status;
  bool published = false;
  std::string updated_at;
  std::vector<Goal> goals;
};

// Where a measure stands, computed from its measurements, never typed.
enum class Standing {
  kNoData,    // nothing measured since the baseline
  kMet,       // the latest measurement reaches the target
  kOnTrack,   // the trend reaches the target by its date
  kAtRisk,    // the trend reaches at least three quarters of the way
  kOffTrack,  // it falls short of that, or the target date passed unmet
};

// The key of a standing for the catalog and CSS: "no_data", "met", "on_track", "at_risk",
// "off_track".
std::string_view standing_key(Standing standing);

struct Trajectory {
  Standing standing = Standing::kNoData;
  // The share of the way from baseline to target the latest measurement has come (can be below
  // 0 or above 1), and the share the trend is projected to reach by the target date.
  double progress = 0;
  double projected = 0;
  std::optional<double> latest;
};

// The trajectory of `measure` as of `today` (YYYY-MM-DD). The trend is the least-squares line
// through the baseline and every measurement taken on or before today; projected to the target
// date it must reach the target to be on track, three quarters of the way to be at risk. Once
// the target date has passed, only the latest measurement counts: met, or off track.
Trajectory track(const Measure& measure, std::string_view today);

// Days since 1970-01-01 of a YYYY-MM-DD date. REQUIRES: iso8601::is_date(date).
std::int64_t day_number(std::string_view date);
// The date `days` after 1970-01-01, as YYYY-MM-DD.
std::string date_of_day(std::int64_t days);
// Today's date in UTC.
std::string today();

}  // namespace lodestar::planning
