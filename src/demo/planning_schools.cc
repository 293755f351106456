// The demo's school plans under the district plan: Arroyo Seco Elementary (the demo principal's
// school) and two more have submitted theirs, Jefferson High is still drafting, the others have
// not started. No submitted plan supports the privacy goal (G4), so the district view shows it as
// a gap; Jefferson's draft would close it.
#include <string>
#include <vector>

#include "demo/planning.h"
#include "planning/schools/store.h"

namespace lodestar::demo {
namespace {

namespace sdb = planning::schools::db;

constexpr const char* kSchoolNow = "2025-10-01T16:00:00Z";

struct StepSpec {
  const char* title;
  const char* owner_email;  // nullptr: no owner yet
  const char* due_on;
  const char* status;
};
struct SchoolGoalSpec {
  const char* title;
  const char* achievement_goal;
  const char* description;
  std::vector<int> district_goals;  // 1-based: demo-plan-g1 …
  std::vector<StepSpec> steps;
};
struct SchoolPlanSpec {
  const char* school;
  const char* status;
  const char* vision;
  const char* digital_citizenship;
  const char* change_management;
  std::vector<SchoolGoalSpec> goals;
};

std::string owner(store::Tx& tx, const char* email) {
  if (!email) return {};
  auto row =
      tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", std::string(email)}});
  return row ? row->text("sourced_id") : std::string();
}

std::vector<SchoolPlanSpec> school_plans() {
  return {
      {"arroyo",
       "submitted",
       "Every Arroyo Seco student creates, codes and explains their thinking with technology by "
       "grade 5, and every family can reach their child's classroom online.",
       "Common Sense digital citizenship lessons every month in grades K–5, taught by classroom "
       "teachers with the librarian; a family night each semester in English and Spanish.",
       "Two teacher leaders coach grade-level teams on Wednesdays; the principal visits "
       "classrooms each week and shares what works at staff meetings; families hear about every "
       "change in the Friday letter.",
       {{"Students explain their reasoning with digital tools",
         "Grade 3–5 math proficiency from 44% to 52% (school plan for student achievement, goal 1)",
         "Students record short explanations of their problem solving and teachers give feedback "
         "on them.",
         {2},
         {{"Teacher leaders model recorded explanations in each grade", "teacher@lusd.example.org",
           "2025-12-19", "done"},
          {"Every grade 3–5 class records one explanation a week", nullptr, "2026-05-29",
           "in_progress"}}},
        {"Every student has a device at school and at home",
         "Chronic absence from 14% to 9% (school plan, goal 3)",
         "Devices go home from grade 3; families without internet borrow a hotspot.",
         {3},
         {{"Hand out take-home devices with a family agreement", "principal@lusd.example.org",
           "2025-09-26", "done"}}},
        {"The principal leads as a connected learner",
         "Teacher retention above 90% (school plan, goal 4)",
         "The principal completes the self-assessment, sets a growth goal and joins the "
         "principals' network.",
         {1},
         {}}}},
      {"foothill",
       "submitted",
       "Foothill students research, create and publish for real audiences in every subject.",
       "Advisory teaches digital citizenship weekly; grade 7 earns the district's digital "
       "citizenship badge.",
       "Department leads meet monthly with the coach; new practices start with one department "
       "and spread.",
       {{"Project-based units with a published product in every department",
         "English language arts proficiency from 39% to 47% (school plan, goal 1)",
         "",
         {2},
         {{"Each department designs one published-product unit", nullptr, "2026-03-13",
           "in_progress"}}},
        {"Reliable devices in every classroom",
         "Grade 8 science proficiency from 28% to 35% (school plan, goal 2)",
         "",
         {3},
         {}}}},
      {"kingsley",
       "submitted",
       "Kingsley Heights graduates are ready for college, careers and civic life online.",
       "Grade 9 seminar covers digital footprint, media literacy and privacy; seniors mentor "
       "freshmen.",
       "A technology committee of teachers, students and parents meets each quarter and reports "
       "to the school site council.",
       {{"Every teacher uses the learning platform for feedback",
         "A–G completion from 61% to 68% (school plan, goal 1)",
         "",
         {2, 3},
         {{"Coach-led workshops on feedback in the learning platform", nullptr, "2025-11-21",
           "done"}}}}},
      {"jefferson",
       "draft",
       "Jefferson students and staff use technology safely, wisely and well.",
       "",
       "",
       {{"Students and families know how their data is used",
         "Family engagement survey: 'I understand how the school uses my child's data' from 35% "
         "to 70% (school plan, goal 5)",
         "",
         {4},
         {}}}},
  };
}

}  // namespace

void load_planning_schools(store::Tx& tx) {
  int goal_number = 0, step_number = 0;
  for (const auto& spec : school_plans()) {
    planning::schools::SchoolPlan plan;
    plan.id = std::string(kDemoPlan) + "-school-" + spec.school;
    plan.plan_id = kDemoPlan;
    plan.school_id = spec.school;
    plan.vision = spec.vision;
    plan.digital_citizenship = spec.digital_citizenship;
    plan.change_management = spec.change_management;
    plan.status = spec.status;
    sdb::insert_school_plan(tx, plan, kSchoolNow);
    for (const auto& g : spec.goals) {
      planning::schools::SchoolGoal goal;
      goal.id = std::string(kDemoPlan) + "-sg" + std::to_string(++goal_number);
      goal.title = g.title;
      goal.achievement_goal = g.achievement_goal;
      goal.description = g.description;
      for (int d : g.district_goals) {
        goal.district_goals.push_back(std::string(kDemoPlan) + "-g" + std::to_string(d));
      }
      sdb::insert_school_goal(tx, plan.id, goal, kSchoolNow);
      for (const auto& s : g.steps) {
        planning::schools::SchoolAction step;
        step.id = std::string(kDemoPlan) + "-ss" + std::to_string(++step_number);
        step.goal_id = goal.id;
        step.title = s.title;
        step.owner_id = owner(tx, s.owner_email);
        step.due_on = s.due_on;
        step.status = s.status;
        sdb::insert_school_action(tx, step, kSchoolNow);
      }
    }
  }
}

}  // namespace lodestar::demo
