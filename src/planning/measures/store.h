// The SQL of measures, measurements, computed values and reviews beyond planning/store.h.
// Callers hold the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/model.h"
#include "platform/store/database.h"

namespace lodestar::planning::measures::db {

// The district a plan, goal, measure, measurement or review belongs to; nothing when the record
// does not exist. `kind`: plan, goal, measure, measurement, review.
std::optional<std::string> org_of(store::Tx& tx, std::string_view kind, std::string_view id);

// Where a goal sits.
struct GoalPlace {
  std::string goal_id, goal_code, goal_title, plan_id, plan_title, org_id;
};
std::optional<GoalPlace> goal_place(store::Tx& tx, std::string_view goal_id);

// A measure with its measurements (oldest first, each with its source) and where it sits.
struct MeasureRecord {
  Measure measure;
  GoalPlace place;
};
std::optional<MeasureRecord> measure(store::Tx& tx, std::string_view id);
std::int64_t next_measure_position(store::Tx& tx, std::string_view goal_id);
void update_measure(store::Tx& tx, const Measure& measure, std::string_view now);
// The target (and its date) only: a course correction.
void set_target(store::Tx& tx, std::string_view id, double target, std::string_view target_on,
                std::string_view now);
void delete_measure(store::Tx& tx, std::string_view id);

struct MeasurementRecord {
  Measurement measurement;
  std::string measure_id;
};
std::optional<MeasurementRecord> measurement(store::Tx& tx, std::string_view id);
// The measurement of that measure on that date, if any.
std::optional<Measurement> measurement_on(store::Tx& tx, std::string_view measure_id,
                                          std::string_view date);
void update_measurement(store::Tx& tx, std::string_view id, const Measurement& m,
                        std::string_view by, std::string_view now);
void delete_measurement(store::Tx& tx, std::string_view id);

// ---- What computed measures count ----
struct Count {
  std::int64_t count = 0, of = 0;
};
// Submitted self-assessments in the cycle (of) and those rating the item at or above `level`.
Count growth_at_level(store::Tx& tx, std::string_view cycle, std::string_view item,
                      std::int64_t level);
// Leaders (district and school leaders at the district or under it: of) and their learning-log
// minutes between the dates (count).
Count leader_minutes(store::Tx& tx, std::string_view org, std::string_view from,
                     std::string_view to);
// The plan's action steps that are not dropped (of) and those done (count).
Count actions_done(store::Tx& tx, std::string_view plan);

struct Choice {
  std::string id, label;
};
// Growth cycles, newest first.
std::vector<Choice> cycles(store::Tx& tx);
// The item coded `code` ("3.2.b", any case) in the framework of `cycle`.
std::optional<std::string> indicator_in_cycle(store::Tx& tx, std::string_view cycle,
                                              std::string_view code);

// ---- Reviews ----
struct Schedule {
  std::int64_t every_months = 3;
  std::string starts_on;
};
std::optional<Schedule> schedule(store::Tx& tx, std::string_view plan);
void put_schedule(store::Tx& tx, std::string_view plan, const Schedule& schedule,
                  std::string_view now);

struct Correction {
  std::string id, kind, subject_type, subject_id, subject_label, what, why;
  std::string applied = "{}";  // JSON
};
struct Review {
  std::string id, plan_id, held_on, attendees, decisions, snapshot, recorded_by_name, created_at;
  std::vector<Correction> corrections;
};
// The plan's reviews with their corrections, newest first.
std::vector<Review> reviews(store::Tx& tx, std::string_view plan);
std::optional<Review> review(store::Tx& tx, std::string_view id);
std::optional<std::string> last_held_on(store::Tx& tx, std::string_view plan);
void insert_review(store::Tx& tx, const Review& review, std::string_view recorded_by,
                   std::string_view now);
void insert_correction(store::Tx& tx, std::string_view review_id, std::int64_t position,
                       const Correction& correction);

// Open action steps (not done, not dropped) whose row has not changed since `since` (an
// ISO-8601 date; every open step when empty), soonest due first.
struct StaleAction {
  std::string id, title, goal_code, owner_name, status, due_on, updated_at;
};
std::vector<StaleAction> stale_actions(store::Tx& tx, std::string_view plan,
                                       std::string_view since);
// The due date of an action step (a course correction that retimes it).
void set_action_due(store::Tx& tx, std::string_view id, std::string_view due_on,
                    std::string_view now);
void set_action_dropped(store::Tx& tx, std::string_view id, std::string_view now);

}  // namespace lodestar::planning::measures::db
