// The SQL of schools' plans. Callers hold the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/schools/model.h"
#include "platform/store/database.h"

namespace lodestar::planning::schools::db {

struct School {
  std::string id, name;
};
// The active schools under the district `org_id` (at any depth), by name.
std::vector<School> schools_under(store::Tx& tx, std::string_view org_id);
// The school `id` when it is an active school under `org_id`.
std::optional<School> school_under(store::Tx& tx, std::string_view org_id, std::string_view id);

// Every school plan of the district plan, with goals, links and actions. Four queries.
std::vector<SchoolPlan> school_plans(store::Tx& tx, std::string_view plan_id);
// The school's plan under the district plan, whole.
std::optional<SchoolPlan> school_plan(store::Tx& tx, std::string_view plan_id,
                                      std::string_view school_id);

void insert_school_plan(store::Tx& tx, const SchoolPlan& plan, std::string_view now);
void update_school_plan(store::Tx& tx, const SchoolPlan& plan, std::string_view now);
void touch_school_plan(store::Tx& tx, std::string_view id, std::string_view now);

void insert_school_goal(store::Tx& tx, std::string_view school_plan_id, const SchoolGoal& goal,
                        std::string_view now);
// Replaces the goal's links too.
void update_school_goal(store::Tx& tx, const SchoolGoal& goal, std::string_view now);
void delete_school_goal(store::Tx& tx, std::string_view id);

void insert_school_action(store::Tx& tx, const SchoolAction& action, std::string_view now);
void update_school_action(store::Tx& tx, const SchoolAction& action, std::string_view now);
void delete_school_action(store::Tx& tx, std::string_view id);

}  // namespace lodestar::planning::schools::db
