#include "planning/schools/model.h"

#include <gtest/gtest.h>

namespace lodestar::planning::schools {
namespace {

bool has(const std::vector<FieldProblem>& problems, const std::string& field) {
  for (const auto& p : problems) {
    if (p.field == field) return true;
  }
  return false;
}

SchoolPlan plan_linking(const std::string& status, std::vector<std::vector<std::string>> goals) {
  SchoolPlan p;
  p.status = status;
  for (auto& links : goals) {
    SchoolGoal g;
    g.title = "goal";
    g.district_goals = std::move(links);
    p.goals.push_back(std::move(g));
  }
  return p;
}

TEST(SchoolPlanRules, ADraftMayHaveBlanksButASubmittedPlanMayNot) {
  EXPECT_TRUE(check_school_plan({"", "", "", "draft"}).empty());
  auto submitted = check_school_plan({"A vision", "", " \n", "submitted"});
  EXPECT_FALSE(has(submitted, "vision"));
  EXPECT_TRUE(has(submitted, "digital_citizenship"));
  EXPECT_TRUE(has(submitted, "change_management"));
  EXPECT_TRUE(has(check_school_plan({"", "", "", "approved"}), "status"));
  EXPECT_TRUE(
      has(check_school_plan({std::string(kMaxSchoolText + 1, 'x'), "", "", "draft"}), "vision"));
}

TEST(SchoolPlanRules, AGoalLinksOnlyToTheDistrictPlansGoals) {
  std::set<std::string> district = {"g1", "g2"};
  EXPECT_TRUE(check_school_goal({"Title", "Achievement", "", {"g1", "g2"}}, district).empty());
  EXPECT_TRUE(
      has(check_school_goal({"Title", "Achievement", "", {"g3"}}, district), "district_goals"));
  auto blank = check_school_goal({" ", "", "", {}}, district);
  EXPECT_TRUE(has(blank, "title"));
  EXPECT_TRUE(has(blank, "achievement_goal"));
}

TEST(SchoolPlanRules, AStepNeedsATitleARealDateAndAKnownStatus) {
  EXPECT_TRUE(check_school_action({"Step", "", "2027-02-28", "not_started"}).empty());
  EXPECT_TRUE(has(check_school_action({"Step", "", "2027-02-30", "not_started"}), "due_on"));
  EXPECT_TRUE(has(check_school_action({"Step", "", "2027-02-28", "finished"}), "status"));
  EXPECT_TRUE(has(check_school_action({"", "", "2027-02-28", "done"}), "title"));
}

TEST(SchoolCoverage, CountsSubmittedSupportAndLeavesDraftsOutOfClosingGaps) {
  std::vector<DistrictGoal> goals = {
      {"g1", "G1", "Leaders"}, {"g2", "G2", "Educators"}, {"g3", "G3", "Privacy"}};
  auto a = plan_linking("submitted", {{"g1"}, {"g1", "g2"}, {}});
  auto b = plan_linking("draft", {{"g3"}});
  auto c =
      coverage(goals, {{"a", "School A", &a}, {"b", "School B", &b}, {"c", "School C", nullptr}});
  ASSERT_EQ(c.schools.size(), 3u);
  EXPECT_EQ(c.submitted, 1u);
  EXPECT_EQ(c.drafts, 1u);
  EXPECT_EQ(c.not_started, 1u);

  EXPECT_EQ(c.schools[0].supports, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(c.schools[0].supported, 2u) << "a goal linked twice counts once";
  EXPECT_EQ(c.schools[0].unlinked_goals, 1u);
  EXPECT_EQ(c.schools[2].status, "");
  EXPECT_EQ(c.schools[2].supported, 0u);

  EXPECT_EQ(c.goals[0].schools, 1u);
  EXPECT_FALSE(c.goals[0].gap);
  EXPECT_EQ(c.goals[2].schools, 0u);
  EXPECT_EQ(c.goals[2].drafts, 1u);
  EXPECT_TRUE(c.goals[2].gap) << "only a draft supports it";
}

TEST(SchoolCoverage, IgnoresLinksToGoalsNoLongerInThePlan) {
  std::vector<DistrictGoal> goals = {{"g1", "G1", "Leaders"}};
  auto a = plan_linking("submitted", {{"gone"}});
  auto c = coverage(goals, {{"a", "School A", &a}});
  EXPECT_EQ(c.schools[0].supported, 0u);
  EXPECT_EQ(c.schools[0].unlinked_goals, 1u);
  EXPECT_TRUE(c.goals[0].gap);
}

}  // namespace
}  // namespace lodestar::planning::schools
