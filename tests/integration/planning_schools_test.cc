// Schools' plans over HTTP on the demo district, on both databases: the district view's support
// and gaps; a principal writes their own school's plan and no other; bad input comes back beside
// its field with the input kept and nothing saved; a step's owner must work at the school; an
// unknown or foreign school is a 404; every change is audited.
#include <gtest/gtest.h>

#include <string>

#include "demo/demo.h"
#include "demo/planning.h"
#include "planning/schools/service.h"
#include "planning/schools/store.h"
#include "platform/audit/audit.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::planning {
namespace {

using testing::Fields;
using testing::HttpResponse;
using Session = testing::WebSession;

constexpr const char* kSchools = "/planning/plans/demo-plan/schools";

class PlanningSchoolsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    demo::load(app_->app().db());
    demo::load_growth(app_->app().db(), "http://127.0.0.1");
    demo::load_planning(app_->app().db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static Session sign_in(const std::string& who) {
    return testing::sign_in(app_->port(), who + "@lusd.example.org");
  }
  static std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return app_->app().db().read(
        [&](store::Tx& tx) { return tx.query_one(sql, params)->integer("n"); });
  }
  static std::optional<schools::SchoolPlan> school_plan(const std::string& school) {
    return app_->app().db().read(
        [&](store::Tx& tx) { return schools::db::school_plan(tx, demo::kDemoPlan, school); });
  }
  static std::string person(const std::string& email) {
    return app_->app().db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", email}})
          ->text("sourced_id");
    });
  }
  static std::size_t audited(const std::string& action) {
    return app_->app().db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      return audit::search(tx, filter).size();
    });
  }
  static schools::Coverage coverage() {
    auth::Principal director;
    director.administrator = true;
    schools::SchoolPlanService service(app_->app().db(), app_->app().policy());
    return service.overview(director, demo::kDemoPlan).coverage;
  }
  static std::size_t index_of(const schools::Coverage& c, const std::string& code) {
    for (std::size_t i = 0; i < c.goals.size(); ++i) {
      if (c.goals[i].goal.code == code) return i;
    }
    ADD_FAILURE() << "no goal " << code;
    return 0;
  }

  static testing::TestApp* app_;
};
testing::TestApp* PlanningSchoolsTest::app_ = nullptr;

TEST_F(PlanningSchoolsTest, TheDistrictViewShowsWhichGoalsEachSchoolSupportsAndTheGaps) {
  auto c = coverage();
  ASSERT_EQ(c.goals.size(), 4u);
  EXPECT_EQ(c.schools.size(), 12u) << "every school of the district is listed, with a plan or not";
  EXPECT_EQ(c.submitted + c.drafts + c.not_started, c.schools.size());
  // G4 is supported only by Jefferson's draft: a gap, with the draft counted apart.
  auto g4 = c.goals[index_of(c, "G4")];
  EXPECT_TRUE(g4.gap);
  EXPECT_EQ(g4.schools, 0u);
  EXPECT_GE(g4.drafts, 1u);
  EXPECT_FALSE(c.goals[index_of(c, "G2")].gap);

  auto page = sign_in("superintendent").get(kSchools);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Arroyo Seco Elementary"), std::string::npos);
  auto gaps = testing::between(page.body, "class=\"plain-list school-gaps\"", "</ul>");
  EXPECT_NE(gaps.find(">G4<"), std::string::npos) << gaps;
  EXPECT_EQ(gaps.find(">G2<"), std::string::npos) << gaps;
}

TEST_F(PlanningSchoolsTest, APrincipalWritesTheirOwnSchoolsPlanAndNoOther) {
  auto principal = sign_in("principal");  // school leader at arroyo
  auto before = school_plan("arroyo");
  ASSERT_TRUE(before.has_value());
  auto goals_before = before->goals.size();
  auto audits = audited("planning.school_goal.create");

  auto created = principal.post(std::string(kSchools) + "/arroyo/goals",
                                {{"title", "Families understand student data use"},
                                 {"achievement_goal", "Survey: 40% to 75%"},
                                 {"district_goal", "demo-plan-g4"},
                                 {"district_goal", "demo-plan-g1"}});
  ASSERT_EQ(created.status, 303) << created.body;
  auto after = school_plan("arroyo");
  ASSERT_EQ(after->goals.size(), goals_before + 1);
  const auto& goal = after->goals.back();
  EXPECT_EQ(goal.title, "Families understand student data use");
  // Links are kept in the district plan's order, whatever the order ticked.
  EXPECT_EQ(goal.district_goals, (std::vector<std::string>{"demo-plan-g1", "demo-plan-g4"}));
  EXPECT_EQ(audited("planning.school_goal.create"), audits + 1);

  // Another school of the district: denied, nothing written.
  auto plans = count("SELECT COUNT(*) AS n FROM planning_school_plans");
  auto other = principal.post(std::string(kSchools) + "/bellavista/goals",
                              {{"title", "Not mine"}, {"achievement_goal", "x"}});
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_school_plans"), plans);

  // A teacher reads the plan but may not change it.
  auto teacher = sign_in("teacher");
  EXPECT_EQ(teacher.get(std::string(kSchools) + "/arroyo").status, 200);
  EXPECT_EQ(teacher
                .post(std::string(kSchools) + "/arroyo/goals",
                      {{"title", "Mine"}, {"achievement_goal", "x"}})
                .status,
            403);
}

TEST_F(PlanningSchoolsTest, BadInputComesBackBesideItsFieldWithTheInputKeptAndNothingSaved) {
  auto director = sign_in("director");
  // Submitting needs the vision, digital citizenship and change management written.
  auto submit = director.post(std::string(kSchools) + "/cypress",
                              {{"vision", "Cypress students create with technology."},
                               {"digital_citizenship", ""},
                               {"change_management", ""},
                               {"status", "submitted"}});
  EXPECT_EQ(submit.status, 422);
  EXPECT_NE(submit.body.find("id=\"digital_citizenship-error\""), std::string::npos);
  EXPECT_NE(submit.body.find("id=\"change_management-error\""), std::string::npos);
  EXPECT_NE(submit.body.find("Cypress students create with technology."), std::string::npos);
  EXPECT_FALSE(school_plan("cypress").has_value()) << "nothing was saved";

  // As a draft the same text saves.
  auto draft =
      director.post(std::string(kSchools) + "/cypress",
                    {{"vision", "Cypress students create with technology."}, {"status", "draft"}});
  EXPECT_EQ(draft.status, 303) << draft.body;
  ASSERT_TRUE(school_plan("cypress").has_value());
  EXPECT_EQ(school_plan("cypress")->status, "draft");

  // A link to something that is not a goal of this plan.
  auto goals = count("SELECT COUNT(*) AS n FROM planning_school_goals");
  auto foreign = director.post(std::string(kSchools) + "/cypress/goals",
                               {{"title", "Coding club"},
                                {"achievement_goal", "Attendance up"},
                                {"district_goal", "no-such-goal"}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_NE(foreign.body.find("id=\"district_goals-error\""), std::string::npos);
  EXPECT_NE(foreign.body.find("value=\"Coding club\""), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_school_goals"), goals);
}

TEST_F(PlanningSchoolsTest, AStepsOwnerMustWorkAtTheSchool) {
  auto director = sign_in("director");
  auto plan = school_plan("foothill");
  ASSERT_TRUE(plan && !plan->goals.empty());
  const auto goal = plan->goals.front().id;
  auto steps = count("SELECT COUNT(*) AS n FROM planning_school_actions");
  auto outsider = director.post(std::string(kSchools) + "/foothill/goals/" + goal + "/actions",
                                {{"title", "Department showcase"},
                                 {"owner_id", person("teacher@lusd.example.org")},  // at arroyo
                                 {"due_on", "2027-03-12"},
                                 {"status", "not_started"}});
  EXPECT_EQ(outsider.status, 422);
  EXPECT_NE(outsider.body.find("id=\"owner_id-error\""), std::string::npos);
  auto bad_date = director.post(
      std::string(kSchools) + "/foothill/goals/" + goal + "/actions",
      {{"title", "Department showcase"}, {"due_on", "2027-02-30"}, {"status", "not_started"}});
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_NE(bad_date.body.find("id=\"due_on-error\""), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_school_actions"), steps);

  auto ok = director.post(
      std::string(kSchools) + "/foothill/goals/" + goal + "/actions",
      {{"title", "Department showcase"}, {"due_on", "2027-03-12"}, {"status", "in_progress"}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_school_actions"), steps + 1);
}

TEST_F(PlanningSchoolsTest, AnUnknownSchoolOrRecordIsNotFound) {
  auto director = sign_in("director");
  EXPECT_EQ(director.get(std::string(kSchools) + "/no-such-school").status, 404);
  EXPECT_EQ(director.get(std::string(kSchools) + "/lusd").status, 404) << "the district is not a "
                                                                          "school";
  EXPECT_EQ(director.get("/planning/plans/no-such-plan/schools").status, 404);
  EXPECT_EQ(director.get(std::string(kSchools) + "/arroyo/goals/no-such-goal/edit").status, 404);
  // A goal of one school is not reachable through another's path.
  auto arroyo = school_plan("arroyo");
  ASSERT_TRUE(arroyo && !arroyo->goals.empty());
  EXPECT_EQ(
      director
          .post(std::string(kSchools) + "/kingsley/goals/" + arroyo->goals.front().id + "/delete")
          .status,
      404);
  EXPECT_TRUE(school_plan("arroyo").has_value());
  EXPECT_EQ(school_plan("arroyo")->goals.size(), arroyo->goals.size());
}

TEST_F(PlanningSchoolsTest, DeletingAGoalDeletesItsStepsAndIsAudited) {
  auto director = sign_in("director");
  auto plan = school_plan("kingsley");
  ASSERT_TRUE(plan && !plan->goals.empty());
  const auto& goal = plan->goals.front();
  ASSERT_FALSE(goal.actions.empty());
  auto audits = audited("planning.school_goal.delete");
  auto deleted =
      director.post(std::string(kSchools) + "/kingsley/goals/" + goal.id + "/delete", {});
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_school_actions WHERE school_goal_id = :g",
                  {{"g", goal.id}}),
            0);
  EXPECT_EQ(audited("planning.school_goal.delete"), audits + 1);
}

}  // namespace
}  // namespace lodestar::planning
