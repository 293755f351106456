#include "planning/schools/model.h"

#include <algorithm>

#include "planning/model.h"
#include "platform/iso8601.h"

namespace lodestar::planning::schools {
namespace {

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

void check_length(std::vector<FieldProblem>& problems, std::string_view field,
                  const std::string& value, std::size_t max) {
  if (value.size() > max) {
    problems.push_back({std::string(field), "planning.plan.error.too_long", std::to_string(max)});
  }
}

void check_required(std::vector<FieldProblem>& problems, std::string_view field,
                    const std::string& value, std::size_t max) {
  if (blank(value)) {
    problems.push_back({std::string(field), "planning.plan.error.required", {}});
  } else {
    check_length(problems, field, value, max);
  }
}

}  // namespace

const std::vector<std::string>& school_plan_statuses() {
  static const std::vector<std::string> statuses = {"draft", "submitted"};
  return statuses;
}

std::vector<FieldProblem> check_school_plan(const SchoolPlanInput& input) {
  std::vector<FieldProblem> problems;
  const auto& statuses = school_plan_statuses();
  if (std::find(statuses.begin(), statuses.end(), input.status) == statuses.end()) {
    problems.push_back({"status", "planning.schools.error.status", {}});
  }
  const bool submitting = input.status == "submitted";
  for (const auto& [field, value] :
       {std::pair<std::string_view, const std::string&>{"vision", input.vision},
        {"digital_citizenship", input.digital_citizenship},
        {"change_management", input.change_management}}) {
    if (submitting) {
      check_required(problems, field, value, kMaxSchoolText);
    } else {
      check_length(problems, field, value, kMaxSchoolText);
    }
  }
  return problems;
}

std::vector<FieldProblem> check_school_goal(const SchoolGoalInput& input,
                                            const std::set<std::string>& district_goals) {
  std::vector<FieldProblem> problems;
  check_required(problems, "title", input.title, kMaxSchoolTitle);
  check_required(problems, "achievement_goal", input.achievement_goal, kMaxSchoolTitle * 5);
  check_length(problems, "description", input.description, kMaxSchoolText);
  for (const auto& id : input.district_goals) {
    if (!district_goals.contains(id)) {
      problems.push_back({"district_goals", "planning.schools.error.district_goal", {}});
      break;
    }
  }
  return problems;
}

std::vector<FieldProblem> check_school_action(const SchoolActionInput& input) {
  std::vector<FieldProblem> problems;
  check_required(problems, "title", input.title, kMaxSchoolTitle);
  if (!iso8601::is_date(input.due_on)) {
    problems.push_back({"due_on", "planning.plan.error.date", {}});
  }
  if (!is_action_status(input.status)) {
    problems.push_back({"status", "planning.schools.error.status", {}});
  }
  return problems;
}

Coverage coverage(const std::vector<DistrictGoal>& goals, const std::vector<SchoolEntry>& schools) {
  Coverage out;
  for (const auto& g : goals) out.goals.push_back({g, 0, 0, false});
  for (const auto& entry : schools) {
    SchoolCoverage row{entry.school_id, entry.school_name, {}, std::vector<bool>(goals.size())};
    if (!entry.plan) {
      ++out.not_started;
      out.schools.push_back(std::move(row));
      continue;
    }
    row.status = entry.plan->status;
    const bool submitted = row.status == "submitted";
    ++(submitted ? out.submitted : out.drafts);
    for (const auto& sg : entry.plan->goals) {
      bool linked = false;
      for (const auto& id : sg.district_goals) {
        for (std::size_t i = 0; i < goals.size(); ++i) {
          if (goals[i].id == id) {
            linked = true;
            row.supports[i] = true;
          }
        }
      }
      if (!linked) ++row.unlinked_goals;
    }
    for (std::size_t i = 0; i < goals.size(); ++i) {
      if (!row.supports[i]) continue;
      ++row.supported;
      ++(submitted ? out.goals[i].schools : out.goals[i].drafts);
    }
    out.schools.push_back(std::move(row));
  }
  for (auto& g : out.goals) g.gap = g.schools == 0;
  return out;
}

}  // namespace lodestar::planning::schools
