// Schools' instructional technology plans as values: a school's plan under a district plan (its
// vision, digital citizenship and change management), its goals (each serving one of the
// school's own achievement goals and linked to the district goals it supports) and their action
// steps; the rules their input must follow; and the district view of which district goals each
// school supports and where the gaps are. Nothing here touches the database.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.h"

namespace lodestar::planning::schools {

// A school plan's statuses: the school is writing it, or shares it as its plan.
const std::vector<std::string>& school_plan_statuses();  // draft, submitted

inline constexpr std::size_t kMaxSchoolTitle = 200;
inline constexpr std::size_t kMaxSchoolText = 8000;

struct SchoolAction {
  std::string id, goal_id, title, owner_id, owner_name, due_on, status;
};

struct SchoolGoal {
  std::string id, title, achievement_goal, description;
  std::vector<std::string> district_goals;  // ids of the district plan's goals, in its order
  std::vector<SchoolAction> actions;
};

struct SchoolPlan {
  std::string id, plan_id, school_id, school_name, vision, digital_citizenship, change_management,
      status, updated_at;
  std::vector<SchoolGoal> goals;
};

struct SchoolPlanInput {
  std::string vision, digital_citizenship, change_management, status;
};
struct SchoolGoalInput {
  std::string title, achievement_goal, description;
  std::vector<std::string> district_goals;
};
struct SchoolActionInput {
  std::string title, owner_id, due_on, status;
};

// Each problem names its field. A plan may be saved as a draft with blanks; submitting it needs
// its vision, digital citizenship and change management written.
std::vector<FieldProblem> check_school_plan(const SchoolPlanInput& input);
// `district_goals` are the ids of the district plan's goals: a link to anything else is a
// problem of "district_goals".
std::vector<FieldProblem> check_school_goal(const SchoolGoalInput& input,
                                            const std::set<std::string>& district_goals);
// The owner is checked against the school's staff by the service.
std::vector<FieldProblem> check_school_action(const SchoolActionInput& input);

// The district view.
struct DistrictGoal {
  std::string id, code, title;
};
struct SchoolEntry {
  std::string school_id, school_name;
  const SchoolPlan* plan = nullptr;  // null: the school has not started one
};
struct SchoolCoverage {
  std::string school_id, school_name, status;  // status "" when there is no plan
  std::vector<bool> supports;                  // one per district goal, in order
  std::size_t supported = 0;                   // how many district goals it supports
  std::size_t unlinked_goals = 0;              // its goals that support no district goal
};
struct GoalCoverage {
  DistrictGoal goal;
  std::size_t schools = 0;  // submitted plans that support it
  std::size_t drafts = 0;   // draft plans that support it
  bool gap = false;         // no submitted plan supports it
};
struct Coverage {
  std::vector<GoalCoverage> goals;
  std::vector<SchoolCoverage> schools;  // in the order given
  std::size_t submitted = 0, drafts = 0, not_started = 0;
};
// Which district goals each school's plan supports (a plan supports a goal when one of its goals
// links to it), how many submitted plans support each goal, and the gaps: goals no submitted plan
// supports.
Coverage coverage(const std::vector<DistrictGoal>& goals, const std::vector<SchoolEntry>& schools);

}  // namespace lodestar::planning::schools
