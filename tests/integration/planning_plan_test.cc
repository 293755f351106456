// The strategic plan over HTTP on the demo district, on both databases: a director builds a plan
// (goal aligned to an indicator, strategy, action steps with owners, budgets and funding
// sources); bad input comes back beside its field with the input kept; a dependency loop is
// refused; a step's owner reports status and evidence but another educator may not; budgets add
// up by funding source; the timeline and the board show the steps; every change is audited.
#include <gtest/gtest.h>

#include <string>

#include "demo/demo.h"
#include "platform/audit/audit.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::planning {
namespace {

using testing::Fields;
using testing::HttpResponse;
using Session = testing::WebSession;

class PlanningPlanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    demo::load(app_->app().db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static Session sign_in(const std::string& who) {
    return testing::sign_in(app_->port(), who + "@lusd.example.org");
  }

  static std::string person(const std::string& who) {
    return app_->app().db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT sourced_id FROM people WHERE email = :e",
                     {{"e", who + "@lusd.example.org"}})
          ->text("sourced_id");
    });
  }

  static std::string scalar(const std::string& sql, const store::Params& params = {}) {
    return app_->app().db().read([&](store::Tx& tx) {
      auto row = tx.query_one(sql, params);
      return row ? row->text("v") : std::string();
    });
  }

  static std::size_t audited(const std::string& action, const std::string& subject) {
    return app_->app().db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      filter.subject_id = subject;
      return audit::search(tx, filter).size();
    });
  }

  // The last path segment of a redirect, before any '#' or '?'.
  static std::string created_id(const HttpResponse& response) {
    auto location = response.header("location");
    location = location.substr(0, location.find_first_of("#?"));
    return location.substr(location.rfind('/') + 1);
  }

  // The id after "#<prefix>" in a redirect's fragment.
  static std::string fragment_id(const HttpResponse& response, const std::string& prefix) {
    auto location = response.header("location");
    auto at = location.find("#" + prefix);
    return at == std::string::npos ? std::string() : location.substr(at + 1 + prefix.size());
  }

  static std::string funding_source(const Session& director, const std::string& name) {
    auto added = director.post("/planning/funding", {{"org_id", "lusd"}, {"name", name}});
    EXPECT_EQ(added.status, 303) << added.body;
    return scalar(
        "SELECT id AS v FROM planning_funding_sources WHERE org_id = 'lusd' AND name = :n",
        {{"n", name}});
  }

  struct Built {
    std::string plan, goal, strategy;
  };

  // A plan with one goal and one strategy, by the director.
  static Built build(const Session& director, const std::string& title) {
    Built b;
    auto plan = director.post("/planning/plans", {{"title", title},
                                                  {"summary", "Our plan."},
                                                  {"org_id", "lusd"},
                                                  {"starts_on", "2026-07-01"},
                                                  {"ends_on", "2029-06-30"},
                                                  {"status", "draft"}});
    EXPECT_EQ(plan.status, 303) << plan.body;
    b.plan = created_id(plan);
    auto goal = director.post("/planning/plans/" + b.plan + "/goals",
                              {{"code", "G1"}, {"title", "Every classroom connected"}});
    EXPECT_EQ(goal.status, 303) << goal.body;
    b.goal = fragment_id(goal, "g-");
    auto strategy = director.post("/planning/goals/" + b.goal + "/strategies",
                                  {{"title", "Refresh the wireless network"}});
    EXPECT_EQ(strategy.status, 303) << strategy.body;
    b.strategy = fragment_id(strategy, "s-");
    return b;
  }

  static std::string add_action(const Session& director, const std::string& strategy,
                                Fields fields) {
    auto created = director.post("/planning/strategies/" + strategy + "/actions", fields);
    EXPECT_EQ(created.status, 303) << created.body;
    return fragment_id(created, "a-");
  }

  static inline testing::TestApp* app_ = nullptr;
};

TEST_F(PlanningPlanTest, ADirectorBuildsAPlanWithGoalsStrategiesAndStepsAndTotalsByFunding) {
  auto director = sign_in("director");
  auto erate = funding_source(director, "E-Rate (test)");
  auto title4 = funding_source(director, "Title IV-A (test)");
  auto b = build(director, "Connectivity plan");
  ASSERT_FALSE(b.strategy.empty());
  auto owner = person("techstaff");
  auto first = add_action(director, b.strategy,
                          {{"title", "Survey every access point"},
                           {"owner_id", owner},
                           {"starts_on", "2026-08-01"},
                           {"due_on", "2026-10-31"},
                           {"status", "in_progress"},
                           {"budget", "12,000.50"},
                           {"budget_line", "5600-0100"},
                           {"funding_source_id", erate}});
  auto second = add_action(director, b.strategy,
                           {{"title", "Replace the oldest switches"},
                            {"starts_on", "2026-11-01"},
                            {"due_on", "2027-03-31"},
                            {"status", "not_started"},
                            {"budget", "8000"},
                            {"funding_source_id", title4},
                            {"depends_on", first}});
  add_action(director, b.strategy,
             {{"title", "Train staff on the new network"},
              {"starts_on", "2027-04-01"},
              {"due_on", "2027-05-31"},
              {"status", "not_started"},
              {"budget", "1000"},
              {"funding_source_id", erate}});

  EXPECT_EQ(
      scalar("SELECT budget_cents AS v FROM planning_actions WHERE id = :id", {{"id", first}}),
      "1200050");
  EXPECT_EQ(scalar("SELECT depends_on_id AS v FROM planning_action_dependencies WHERE action_id "
                   "= :id",
                   {{"id", second}}),
            first);

  auto page = director.get("/planning/plans/" + b.plan);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Every classroom connected"), std::string::npos);
  EXPECT_NE(page.body.find("Survey every access point"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"a-" + first + "\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#a-" + first + "\""), std::string::npos);  // the dependency
  // E-Rate: 12,000.50 + 1,000; Title IV-A: 8,000; the goal and the plan: 21,000.50.
  EXPECT_NE(page.body.find("E-Rate (test)</th><td class=\"number\">$13,000.50"), std::string::npos);
  EXPECT_NE(page.body.find("Title IV-A (test)</th><td class=\"number\">$8,000"), std::string::npos);
  EXPECT_NE(page.body.find("$21,000.50"), std::string::npos);

  auto home = director.get("/planning");
  EXPECT_NE(home.body.find("Connectivity plan"), std::string::npos);
  EXPECT_NE(home.body.find("0 of 3"), std::string::npos);

  EXPECT_EQ(audited("planning.plan.create", b.plan), 1u);
  EXPECT_EQ(audited("planning.action.create", first), 1u);
  auto detail = app_->app().db().read([&](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "planning.action.create";
    filter.subject_id = first;
    return audit::search(tx, filter).at(0).detail;
  });
  EXPECT_NE(detail.find("\"after\""), std::string::npos);
  EXPECT_NE(detail.find("1200050"), std::string::npos);
}

TEST_F(PlanningPlanTest, AGoalIsAlignedToTheIndicatorsTickedAndUnalignedWhenUnticked) {
  auto director = sign_in("director");
  auto b = build(director, "Aligned plan");
  auto indicator = scalar(
      "SELECT i.id AS v FROM case_items i JOIN case_documents d ON d.id = i.document_id WHERE "
      "d.title LIKE '%Leaders%' AND d.title LIKE '%2024%' AND i.human_coding_scheme = '3.2.b'");
  ASSERT_FALSE(indicator.empty());
  auto form = director.get("/planning/goals/" + b.goal + "/edit");
  EXPECT_NE(form.body.find("value=\"" + indicator + "\""), std::string::npos);
  auto saved = director.post(
      "/planning/goals/" + b.goal,
      {{"code", "G1"}, {"title", "Every classroom connected"}, {"indicator", indicator}});
  EXPECT_EQ(saved.status, 303);
  auto page = director.get("/planning/plans/" + b.plan);
  EXPECT_NE(page.body.find("/frameworks/items/" + indicator), std::string::npos);
  EXPECT_EQ(audited("planning.goal.update", b.goal), 1u);
  auto unticked = director.post("/planning/goals/" + b.goal,
                                {{"code", "G1"}, {"title", "Every classroom connected"}});
  EXPECT_EQ(unticked.status, 303);
  page = director.get("/planning/plans/" + b.plan);
  EXPECT_EQ(page.body.find("/frameworks/items/" + indicator), std::string::npos);
  // An indicator that is not offered is refused beside the field.
  auto refused = director.post(
      "/planning/goals/" + b.goal,
      {{"code", "G1"}, {"title", "Every classroom connected"}, {"indicator", "no-such-item"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"indicators-error\""), std::string::npos);
}

TEST_F(PlanningPlanTest, BadInputComesBackBesideItsFieldWithTheInputKept) {
  auto director = sign_in("director");
  auto plan = director.post("/planning/plans", {{"title", ""},
                                                {"summary", "Kept summary"},
                                                {"org_id", "lusd"},
                                                {"starts_on", "2027-07-01"},
                                                {"ends_on", "2026-06-30"},
                                                {"status", "draft"}});
  EXPECT_EQ(plan.status, 422);
  EXPECT_NE(plan.body.find("id=\"title-error\""), std::string::npos);
  EXPECT_NE(plan.body.find("id=\"ends_on-error\""), std::string::npos);
  EXPECT_NE(plan.body.find("Kept summary"), std::string::npos);
  EXPECT_NE(plan.body.find("value=\"2027-07-01\""), std::string::npos);

  auto b = build(director, "Validation plan");
  auto before = scalar("SELECT COUNT(*) AS v FROM planning_actions");
  auto action =
      director.post("/planning/strategies/" + b.strategy + "/actions", {{"title", "Kept title"},
                                                                        {"starts_on", "2027-05-01"},
                                                                        {"due_on", "2027-04-01"},
                                                                        {"status", "not_started"},
                                                                        {"budget", "twelve"}});
  EXPECT_EQ(action.status, 422);
  EXPECT_NE(action.body.find("id=\"due_on-error\""), std::string::npos);
  EXPECT_NE(action.body.find("id=\"budget-error\""), std::string::npos);
  EXPECT_NE(action.body.find("value=\"Kept title\""), std::string::npos);
  EXPECT_NE(action.body.find("value=\"twelve\""), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) AS v FROM planning_actions"), before);  // nothing saved
}

TEST_F(PlanningPlanTest, ADependencyLoopIsRefusedBesideTheField) {
  auto director = sign_in("director");
  auto b = build(director, "Loop plan");
  Fields base = {{"starts_on", "2026-08-01"}, {"due_on", "2026-09-30"}, {"status", "not_started"}};
  auto with = [&](Fields f, const Fields& more) {
    f.insert(f.end(), more.begin(), more.end());
    return f;
  };
  auto a = add_action(director, b.strategy, with(base, {{"title", "Step A"}}));
  auto c = add_action(director, b.strategy, with(base, {{"title", "Step B"}, {"depends_on", a}}));
  auto refused = director.post("/planning/actions/" + a + "/edit",
                               with(base, {{"title", "Step A"}, {"depends_on", c}}));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"depends_on-error\""), std::string::npos);
  EXPECT_NE(refused.body.find("Step A → Step B → Step A"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) AS v FROM planning_action_dependencies WHERE action_id = :a",
                   {{"a", a}}),
            "0");
  // A step depending on itself is refused too.
  auto self = director.post("/planning/actions/" + a + "/edit",
                            with(base, {{"title", "Step A"}, {"depends_on", a}}));
  EXPECT_EQ(self.status, 422);
}

TEST_F(PlanningPlanTest, TheOwnerUpdatesStatusAndEvidenceButAnotherEducatorMayNot) {
  auto director = sign_in("director");
  auto b = build(director, "Owner plan");
  auto step = add_action(director, b.strategy,
                         {{"title", "Pilot the new gradebook"},
                          {"owner_id", person("principal")},
                          {"starts_on", "2026-08-01"},
                          {"due_on", "2026-12-15"},
                          {"status", "not_started"}});

  auto teacher = sign_in("teacher");
  auto read = teacher.get("/planning/actions/" + step);
  EXPECT_EQ(read.status, 200);  // an educator reads the district's plan
  EXPECT_EQ(read.body.find("name=\"evidence_url\""), std::string::npos);  // but no form
  auto denied = teacher.post("/planning/actions/" + step, {{"status", "done"}});
  EXPECT_EQ(denied.status, 403);
  auto moved = teacher.post("/planning/actions/" + step + "/move", {{"status", "done"}});
  EXPECT_EQ(moved.status, 403);
  EXPECT_EQ(scalar("SELECT status AS v FROM planning_actions WHERE id = :id", {{"id", step}}),
            "not_started");

  auto owner = sign_in("principal");
  auto bad = owner.post("/planning/actions/" + step, {{"status", "in_progress"},
                                                      {"status_note", "Kept note"},
                                                      {"evidence_url", "javascript:alert(1)"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"evidence_url-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("Kept note"), std::string::npos);
  auto ok =
      owner.post("/planning/actions/" + step, {{"status", "in_progress"},
                                               {"status_note", "Two schools piloting"},
                                               {"evidence_url", "https://docs.example.org/pilot"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(scalar("SELECT status AS v FROM planning_actions WHERE id = :id", {{"id", step}}),
            "in_progress");
  EXPECT_EQ(scalar("SELECT evidence_url AS v FROM planning_actions WHERE id = :id", {{"id", step}}),
            "https://docs.example.org/pilot");
  EXPECT_EQ(audited("planning.action.report", step), 1u);
  auto mine = owner.get("/planning/my-actions");
  EXPECT_NE(mine.body.find("Pilot the new gradebook"), std::string::npos);
  // The owner may not edit the step itself: that is the plan's managers'.
  EXPECT_EQ(owner.get("/planning/actions/" + step + "/edit").status, 403);
}

TEST_F(PlanningPlanTest, TheTimelineAndTheBoardShowTheStepsAndACardMoves) {
  auto director = sign_in("director");
  auto b = build(director, "Board plan");
  auto step = add_action(director, b.strategy,
                         {{"title", "Order the carts"},
                          {"owner_id", person("techstaff")},
                          {"starts_on", "2026-09-01"},
                          {"due_on", "2026-11-30"},
                          {"status", "not_started"}});
  auto timeline = director.get("/planning/plans/" + b.plan + "/timeline");
  ASSERT_EQ(timeline.status, 200);
  EXPECT_NE(timeline.body.find("<svg"), std::string::npos);
  EXPECT_NE(timeline.body.find("plan-bar--not_started"), std::string::npos);
  EXPECT_NE(timeline.body.find("<th scope=\"row\"><a href=\"/planning/actions/" + step),
            std::string::npos);  // the table
  auto filtered = director.get("/planning/plans/" + b.plan + "/timeline?status=done");
  EXPECT_EQ(filtered.body.find("Order the carts"), std::string::npos);

  auto board = director.get("/planning/plans/" + b.plan + "/board");
  ASSERT_EQ(board.status, 200);
  auto not_started = board.body.find("id=\"col-not_started\"");
  auto in_progress = board.body.find("id=\"col-in_progress\"");
  auto card = board.body.find("id=\"card-" + step + "\"");
  ASSERT_NE(card, std::string::npos);
  EXPECT_TRUE(not_started < card && card < in_progress);

  auto techstaff = sign_in("techstaff");
  auto moved =
      techstaff.post("/planning/actions/" + step + "/move",
                     {{"status", "in_progress"}, {"back", "/planning/plans/" + b.plan + "/board"}});
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(moved.header("location").rfind("/planning/plans/" + b.plan + "/board?moved=", 0), 0u);
  board = director.get("/planning/plans/" + b.plan + "/board");
  card = board.body.find("id=\"card-" + step + "\"");
  EXPECT_GT(card, board.body.find("id=\"col-in_progress\""));
  EXPECT_LT(card, board.body.find("id=\"col-blocked\""));
}

TEST_F(PlanningPlanTest, AnInactiveFundingSourceStaysOnOldStepsButIsNotOffered) {
  auto director = sign_in("director");
  auto source = funding_source(director, "Bond 2019 (test)");
  auto b = build(director, "Funding plan");
  auto step = add_action(director, b.strategy,
                         {{"title", "Buy projectors"},
                          {"starts_on", "2026-08-01"},
                          {"due_on", "2026-08-31"},
                          {"status", "done"},
                          {"budget", "500"},
                          {"funding_source_id", source}});
  EXPECT_EQ(director.post("/planning/funding/" + source + "/active", {{"active", "0"}}).status,
            303);
  auto form = director.get("/planning/strategies/" + b.strategy + "/actions/new");
  EXPECT_EQ(form.body.find("Bond 2019 (test)"), std::string::npos);
  auto edit = director.get("/planning/actions/" + step + "/edit");
  EXPECT_NE(edit.body.find("Bond 2019 (test)"), std::string::npos);
  auto refused = director.post("/planning/strategies/" + b.strategy + "/actions",
                               {{"title", "Buy more projectors"},
                                {"starts_on", "2026-09-01"},
                                {"due_on", "2026-09-30"},
                                {"status", "not_started"},
                                {"funding_source_id", source}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"funding_source_id-error\""), std::string::npos);
}

TEST_F(PlanningPlanTest, DeletingAGoalAsksFirstAndIsAudited) {
  auto director = sign_in("director");
  auto b = build(director, "Delete plan");
  auto ask = director.get("/planning/goals/" + b.goal + "/delete");
  EXPECT_EQ(ask.status, 200);
  EXPECT_NE(ask.body.find("Every classroom connected"), std::string::npos);
  auto gone = director.post("/planning/goals/" + b.goal + "/delete");
  EXPECT_EQ(gone.status, 303);
  EXPECT_EQ(scalar("SELECT COUNT(*) AS v FROM planning_goals WHERE id = :id", {{"id", b.goal}}),
            "0");
  EXPECT_EQ(audited("planning.goal.delete", b.goal), 1u);
}

TEST_F(PlanningPlanTest, AnEducatorReadsThePlanButMayNotChangeIt) {
  auto director = sign_in("director");
  auto b = build(director, "Read-only plan");
  auto teacher = sign_in("teacher");
  auto page = teacher.get("/planning/plans/" + b.plan);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("/goals/new"), std::string::npos);  // no editing links
  EXPECT_EQ(teacher.get("/planning/plans/" + b.plan + "/edit").status, 403);
  EXPECT_EQ(
      teacher.post("/planning/plans/" + b.plan + "/goals", {{"code", "X"}, {"title", "X"}}).status,
      403);
  EXPECT_EQ(scalar("SELECT COUNT(*) AS v FROM planning_goals WHERE plan_id = :p", {{"p", b.plan}}),
            "1");
}

}  // namespace
}  // namespace lodestar::planning
