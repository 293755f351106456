// Measures and the review cycle over HTTP on the demo district, on both databases: a measure's
// rules beside their fields with the input kept; measurements by hand; a CSV upload checked with
// a full report, saved all or nothing, and idempotent; computed measures, withheld below five
// people; a review whose course correction lowers a target and moves a due date in the same
// transaction, visible in the plan's history while the review's snapshot keeps the old standing.
// Every change is audited.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "demo/demo.h"
#include "demo/planning.h"
#include "planning/measures/model.h"
#include "planning/measures/store.h"
#include "planning/model.h"
#include "planning/store.h"
#include "platform/audit/audit.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::planning {
namespace {

using testing::Fields;
using testing::HttpResponse;
using Session = testing::WebSession;

constexpr const char* kBoundary = "----lodestar-measures-test";

class PlanningMeasuresTest : public ::testing::Test {
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

  static std::string scalar(const std::string& sql, const store::Params& params = {}) {
    return app_->app().db().read([&](store::Tx& tx) {
      auto row = tx.query_one(sql, params);
      return row ? row->text("v") : std::string();
    });
  }
  static std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return app_->app().db().read(
        [&](store::Tx& tx) { return tx.query_one(sql, params)->integer("n"); });
  }
  static std::int64_t measurements(const std::string& measure) {
    return count("SELECT COUNT(*) AS n FROM planning_measurements WHERE measure_id = :m",
                 {{"m", measure}});
  }
  static Measure measure(const std::string& id) {
    return app_->app().db().read([&](store::Tx& tx) {
      auto found = measures::db::measure(tx, id);
      return found ? found->measure : Measure{};
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

  static std::string created_id(const HttpResponse& response) {
    auto location = response.header("location");
    location = location.substr(0, location.find_first_of("#?"));
    return location.substr(location.rfind('/') + 1);
  }

  static HttpResponse upload(const Session& s, const std::string& csv) {
    std::string body;
    for (const auto& [name, value, file] : std::vector<std::tuple<std::string, std::string, bool>>{
             {"csrf_token", s.csrf, false}, {"file", csv, true}}) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"";
      if (file) body += "; filename=\"measurements.csv\"\r\nContent-Type: text/csv";
      body += "\r\n\r\n" + value + "\r\n";
    }
    body += std::string("--") + kBoundary + "--\r\n";
    return testing::fetch(
        app_->port(), "POST", "/planning/plans/demo-plan/measurements/upload",
        {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary},
         {"Cookie", s.cookie}},
        body);
  }

  static Fields measure_fields(Fields changes = {}) {
    Fields fields = {{"name", "Classrooms with a working projector"},
                     {"unit", "% of classrooms"},
                     {"direction", "increase"},
                     {"baseline", "60"},
                     {"baseline_on", "2025-07-01"},
                     {"target", "95"},
                     {"target_on", "2027-06-30"}};
    for (auto& [k, v] : changes) {
      bool replaced = false;
      for (auto& f : fields) {
        if (f.first == k) f.second = v, replaced = true;
      }
      if (!replaced) fields.emplace_back(k, v);
    }
    return fields;
  }

  static testing::TestApp* app_;
};
testing::TestApp* PlanningMeasuresTest::app_ = nullptr;

TEST_F(PlanningMeasuresTest, MeasureRulesComeBackBesideTheirFieldsWithTheInputKept) {
  auto leader = sign_in("superintendent");
  auto before = count("SELECT COUNT(*) AS n FROM planning_measures");
  auto wrong_way =
      leader.post("/planning/goals/demo-plan-g3/measures", measure_fields({{"target", "50"}}));
  EXPECT_EQ(wrong_way.status, 422);
  EXPECT_NE(wrong_way.body.find("id=\"target-error\""), std::string::npos);
  EXPECT_NE(wrong_way.body.find("the target must be above the baseline"), std::string::npos);
  EXPECT_NE(wrong_way.body.find("value=\"Classrooms with a working projector\""),
            std::string::npos);
  auto dates = leader.post(
      "/planning/goals/demo-plan-g3/measures",
      measure_fields({{"direction", "decrease"}, {"target", "40"}, {"target_on", "2025-06-30"}}));
  EXPECT_EQ(dates.status, 422);
  EXPECT_NE(dates.body.find("id=\"target_on-error\""), std::string::npos);
  EXPECT_EQ(dates.body.find("id=\"target-error\""), std::string::npos)
      << "40 below 60 is right for a decrease";
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_measures"), before);

  auto created = leader.post("/planning/goals/demo-plan-g3/measures", measure_fields());
  ASSERT_EQ(created.status, 303) << created.body;
  auto id = created_id(created);
  EXPECT_EQ(measure(id).target, 95);
  EXPECT_EQ(audited("planning.measure.create", id), 1u);
  auto page = leader.get("/planning/measures/" + id);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nothing has been measured since the baseline"), std::string::npos);

  // Editing keeps the rules; deleting takes the measurements too.
  EXPECT_EQ(leader.post("/planning/measures/" + id, measure_fields({{"target", "60"}})).status,
            422);
  EXPECT_EQ(leader.post("/planning/measures/" + id, measure_fields({{"target", "90"}})).status,
            303);
  EXPECT_EQ(measure(id).target, 90);
  EXPECT_EQ(audited("planning.measure.update", id), 1u);

  // A teacher may not delete it; a district leader may.
  auto teacher = sign_in("teacher");
  EXPECT_EQ(teacher.post("/planning/measures/" + id + "/delete").status, 403);
  EXPECT_EQ(leader.post("/planning/measures/" + id + "/delete").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_measures WHERE id = :id", {{"id", id}}), 0);
  EXPECT_EQ(audited("planning.measure.delete", id), 1u);
}

TEST_F(PlanningMeasuresTest, MeasurementsByHandAddEditAndDelete) {
  auto leader = sign_in("director");
  const std::string m = "demo-plan-m3";
  auto before = measurements(m);
  auto bad = leader.post("/planning/measures/" + m + "/measurements",
                         {{"measured_on", "2025-01-01"}, {"value", "x"}, {"note", "kept"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"measured_on-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"value-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"kept\""), std::string::npos);
  EXPECT_EQ(measurements(m), before);

  auto added = leader.post("/planning/measures/" + m + "/measurements",
                           {{"measured_on", "2026-11-15"}, {"value", "13.25"}, {"note", "fall"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(measurements(m), before + 1);
  auto id = scalar(
      "SELECT id AS v FROM planning_measurements WHERE measure_id = :m AND measured_on = "
      "'2026-11-15'",
      {{"m", m}});
  EXPECT_EQ(scalar("SELECT source AS v FROM planning_measurements WHERE id = :id", {{"id", id}}),
            "manual");
  auto page = leader.get("/planning/measures/" + m);
  EXPECT_NE(page.body.find("<th scope=\"row\">2026-11-15</th>"), std::string::npos);
  EXPECT_NE(page.body.find("13.25"), std::string::npos);

  EXPECT_EQ(leader.get("/planning/measurements/" + id + "/edit").status, 200);
  auto edited = leader.post("/planning/measurements/" + id,
                            {{"measured_on", "2026-11-16"}, {"value", "14"}, {"note", "fall"}});
  EXPECT_EQ(edited.status, 303);
  EXPECT_EQ(
      scalar("SELECT measured_on AS v FROM planning_measurements WHERE id = :id", {{"id", id}}),
      "2026-11-16");
  EXPECT_EQ(audited("planning.measurement.update", id), 1u);
  EXPECT_EQ(leader.post("/planning/measurements/" + id + "/delete").status, 303);
  EXPECT_EQ(measurements(m), before);
  EXPECT_EQ(audited("planning.measurement.delete", id), 1u);
}

TEST_F(PlanningMeasuresTest, UploadReportsEveryProblemAndSavesAllOrNothing) {
  auto leader = sign_in("director");
  auto m1 = measurements("demo-plan-m1"), m5 = measurements("demo-plan-m5");
  auto bad = upload(leader,
                    "goal,measure,date,value,note\n"
                    "G1,Leaders Proficient or above on 3.2.b,2026-11-20,49,\n"
                    "G7,Leaders Proficient or above on 3.2.b,2026-11-20,49,\n"
                    "G3,Students without internet at home,20-11-2026,three,\n");
  EXPECT_EQ(bad.status, 422);
  for (const char* expect :
       {"<th scope=\"row\" class=\"number\">3</th><td><span "
        "class=\"code\">goal</span>",
        "The plan has no goal coded", "<th scope=\"row\" class=\"number\">4</th>",
        "is not a number", "is not a date"}) {
    EXPECT_NE(bad.body.find(expect), std::string::npos) << expect;
  }
  EXPECT_EQ(measurements("demo-plan-m1"), m1) << "the good line was not saved either";

  const std::string csv =
      "goal,measure,date,value,note\r\n"
      "G1,Leaders Proficient or above on 3.2.b,2026-11-20,49,\"from the fall, cycle\"\r\n"
      "g3,students without internet at home,2026-11-20,3.4,\r\n";
  auto good = upload(leader, csv);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_NE(good.body.find("Measurements ready to save: 2."), std::string::npos);
  EXPECT_EQ(measurements("demo-plan-m1"), m1) << "checking saves nothing";

  // A confirmation whose file was changed on the way is checked again and refused whole.
  auto tampered = leader.post("/planning/plans/demo-plan/measurements/upload/confirm",
                              {{"csv", csv + "G9,Nothing,2026-11-20,1,\r\n"}});
  EXPECT_EQ(tampered.status, 422);
  EXPECT_EQ(measurements("demo-plan-m1"), m1);

  auto saved = leader.post("/planning/plans/demo-plan/measurements/upload/confirm", {{"csv", csv}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(saved.body.find("Saved: 2. Already there, unchanged: 0."), std::string::npos);
  EXPECT_EQ(measurements("demo-plan-m1"), m1 + 1);
  EXPECT_EQ(measurements("demo-plan-m5"), m5 + 1);
  EXPECT_EQ(scalar("SELECT note AS v FROM planning_measurements WHERE measure_id = 'demo-plan-m1' "
                   "AND measured_on = '2026-11-20'"),
            "from the fall, cycle");
  auto recorded_at = scalar(
      "SELECT recorded_at AS v FROM planning_measurements WHERE measure_id = 'demo-plan-m5' AND "
      "measured_on = '2026-11-20'");

  // The same file again changes nothing.
  auto again = leader.post("/planning/plans/demo-plan/measurements/upload/confirm", {{"csv", csv}});
  EXPECT_NE(again.body.find("Saved: 0. Already there, unchanged: 2."), std::string::npos);
  EXPECT_EQ(measurements("demo-plan-m1"), m1 + 1);
  EXPECT_EQ(scalar("SELECT recorded_at AS v FROM planning_measurements WHERE measure_id = "
                   "'demo-plan-m5' AND measured_on = '2026-11-20'"),
            recorded_at);
  EXPECT_EQ(audited("planning.measurements.upload", "demo-plan"), 2u);

  auto csv_template = leader.get("/planning/plans/demo-plan/measurements/template.csv");
  EXPECT_EQ(csv_template.status, 200);
  EXPECT_TRUE(csv_template.body.starts_with("goal,measure,date,value,note\r\n"));
  EXPECT_NE(csv_template.body.find("G3,Students without internet at home,,,"), std::string::npos);
}

TEST_F(PlanningMeasuresTest, ComputedMeasuresAreStoredUnlessDrawnFromFewerThanFive) {
  auto leader = sign_in("superintendent");
  // The share of the plan's action steps done: not about people.
  auto created = leader.post("/planning/goals/demo-plan-g1/measures",
                             measure_fields({{"name", "Action steps done"},
                                             {"baseline", "0"},
                                             {"target", "100"},
                                             {"computation", "actions_done"}}));
  ASSERT_EQ(created.status, 303) << created.body;
  auto done = created_id(created);
  auto computed = leader.post("/planning/measures/" + done + "/compute");
  ASSERT_EQ(computed.status, 303);
  auto done_steps = count(
      "SELECT COUNT(*) AS n FROM planning_actions a JOIN planning_strategies s ON s.id = "
      "a.strategy_id JOIN planning_goals g ON g.id = s.goal_id WHERE g.plan_id = 'demo-plan' AND "
      "a.status = 'done'");
  auto live_steps = count(
      "SELECT COUNT(*) AS n FROM planning_actions a JOIN planning_strategies s ON s.id = "
      "a.strategy_id JOIN planning_goals g ON g.id = s.goal_id WHERE g.plan_id = 'demo-plan' AND "
      "a.status <> 'dropped'");
  ASSERT_GT(live_steps, 0);
  double share = std::round(1000.0 * done_steps / live_steps) / 10;
  EXPECT_EQ(measure(done).measurements.size(), 1u);
  EXPECT_NEAR(measure(done).measurements.at(0).value, share, 1e-9);
  EXPECT_EQ(measure(done).measurements.at(0).source, "computed");
  EXPECT_EQ(measure(done).measurements.at(0).measured_on, planning::today());
  EXPECT_EQ(audited("planning.measure.compute", done), 1u);
  EXPECT_NE(leader.get(computed.header("location"))
                .body.find("Computed today: " + measures::format_number(share)),
            std::string::npos);

  // The share of a cycle's self-assessments at Proficient (3) or above on 3.2.b.
  auto cycle = scalar(
      "SELECT c.id AS v FROM growth_cycles c JOIN case_items i ON i.document_id = c.framework_id "
      "WHERE i.human_coding_scheme = '3.2.b' ORDER BY c.opens_on DESC");
  ASSERT_FALSE(cycle.empty());
  auto unknown = leader.post("/planning/goals/demo-plan-g1/measures",
                             measure_fields({{"name", "Proficient on 9.9"},
                                             {"computation", "growth_share"},
                                             {"cycle", cycle},
                                             {"indicator", "9.9.z"},
                                             {"level", "3"}}));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("id=\"indicator-error\""), std::string::npos);
  auto share_measure = leader.post("/planning/goals/demo-plan-g1/measures",
                                   measure_fields({{"name", "Proficient on 3.2.b (computed)"},
                                                   {"computation", "growth_share"},
                                                   {"cycle", cycle},
                                                   {"indicator", "3.2.B"},
                                                   {"level", "3"}}));
  ASSERT_EQ(share_measure.status, 303) << share_measure.body;
  auto proficient = created_id(share_measure);
  store::Params p = {{"cycle", cycle}};
  auto submitted = count(
      "SELECT COUNT(*) AS n FROM growth_assessments WHERE cycle_id = :cycle AND status = "
      "'submitted'",
      p);
  auto at_level = count(
      "SELECT COUNT(*) AS n FROM growth_assessments a JOIN growth_ratings r ON r.assessment_id = "
      "a.id JOIN case_items i ON i.id = r.item_id WHERE a.cycle_id = :cycle AND a.status = "
      "'submitted' AND i.human_coding_scheme = '3.2.b' AND r.level >= 3",
      p);
  ASSERT_GE(submitted, 5);
  EXPECT_EQ(leader.post("/planning/measures/" + proficient + "/compute").status, 303);
  ASSERT_EQ(measure(proficient).measurements.size(), 1u);
  EXPECT_NEAR(measure(proficient).measurements[0].value,
              std::round(1000.0 * at_level / submitted) / 10, 1e-9);

  // A cycle with three submitted self-assessments: nothing recorded, and the page says why.
  app_->app().db().write([&](store::Tx& tx) {
    tx.exec(
        "INSERT INTO growth_cycles (id, name, framework_id, rubric_id, opens_on, closes_on, "
        "status, roles, created_at) SELECT 'small-cycle', 'Pilot', framework_id, rubric_id, "
        "opens_on, closes_on, 'closed', roles, created_at FROM growth_cycles WHERE id = :cycle",
        p);
    auto people = tx.query(
        "SELECT DISTINCT person_id FROM growth_assessments WHERE cycle_id = :cycle ORDER BY "
        "person_id LIMIT 3",
        p);
    for (std::size_t i = 0; i < people.size(); ++i) {
      tx.exec(
          "INSERT INTO growth_assessments (id, cycle_id, person_id, status, updated_at, "
          "submitted_at) VALUES (:id, 'small-cycle', :person, 'submitted', '2026-01-01', "
          "'2026-01-01')",
          {{"id", "small-" + std::to_string(i)}, {"person", people[i].text("person_id")}});
    }
  });
  auto small = leader.post("/planning/goals/demo-plan-g1/measures",
                           measure_fields({{"name", "Pilot proficient on 3.2.b"},
                                           {"computation", "growth_share"},
                                           {"cycle", "small-cycle"},
                                           {"indicator", "3.2.b"},
                                           {"level", "3"}}));
  ASSERT_EQ(small.status, 303) << small.body;
  auto pilot = created_id(small);
  auto withheld = leader.post("/planning/measures/" + pilot + "/compute");
  ASSERT_EQ(withheld.status, 303);
  auto shown = leader.get(withheld.header("location"));
  EXPECT_NE(shown.body.find("drawn from 3 people, fewer than 5"), std::string::npos);
  EXPECT_EQ(measurements(pilot), 0);
  EXPECT_EQ(audited("planning.measure.compute", pilot), 1u);

  // Mean learning-log hours per leader in the plan's window.
  auto hours = leader.post("/planning/goals/demo-plan-g2/measures",
                           measure_fields({{"name", "PD hours per leader"},
                                           {"unit", "hours"},
                                           {"baseline", "2"},
                                           {"target", "20"},
                                           {"computation", "learning_hours"}}));
  ASSERT_EQ(hours.status, 303);
  auto hours_id = created_id(hours);
  EXPECT_EQ(leader.post("/planning/measures/" + hours_id + "/compute").status, 303);
  auto leaders = count(
      "SELECT COUNT(DISTINCT rg.person_sourced_id) AS n FROM role_grants rg JOIN orgs o ON "
      "o.sourced_id = rg.org_sourced_id WHERE rg.role IN ('district_leader', 'school_leader') "
      "AND (o.sourced_id = 'lusd' OR o.parent_sourced_id = 'lusd')");
  if (leaders >= 5) {
    auto minutes = count(
        "SELECT COALESCE(SUM(minutes), 0) AS n FROM growth_learning_log WHERE happened_on >= "
        "'2025-07-01' AND happened_on <= :today AND person_id IN (SELECT rg.person_sourced_id "
        "FROM role_grants rg JOIN orgs o ON o.sourced_id = rg.org_sourced_id WHERE rg.role IN "
        "('district_leader', 'school_leader') AND (o.sourced_id = 'lusd' OR o.parent_sourced_id "
        "= 'lusd'))",
        {{"today", planning::today()}});
    ASSERT_EQ(measure(hours_id).measurements.size(), 1u);
    EXPECT_NEAR(measure(hours_id).measurements[0].value,
                std::round(10.0 * minutes / 60.0 / leaders) / 10, 1e-9);
  } else {
    EXPECT_EQ(measurements(hours_id), 0);
  }
}

TEST_F(PlanningMeasuresTest, ACourseCorrectionChangesTheTargetAndHistoryKeepsTheOldStanding) {
  auto leader = sign_in("superintendent");
  const std::string m = "demo-plan-m6";
  const std::string action = "demo-plan-g4-s2-a2";
  auto old_measure = measure(m);
  auto today = planning::today();
  auto old_standing = std::string(standing_key(track(old_measure, today).standing));
  Measure lowered = old_measure;
  lowered.target = 70;
  auto new_standing = std::string(standing_key(track(lowered, today).standing));
  ASSERT_NE(old_standing, new_standing) << "pick a target that changes the standing";
  auto reviews = count("SELECT COUNT(*) AS n FROM planning_reviews");

  Fields review = {{"held_on", today},
                   {"attendees", "Cabinet"},
                   {"decisions", "Lower the privacy target; give families more time."},
                   {"c1_kind", "target_changed"},
                   {"c1_subject", "measure:" + m},
                   {"c1_what", "Target lowered to 70%."},
                   {"c1_why", ""},
                   {"c1_new_target", "70"},
                   {"c2_kind", "action_rescheduled"},
                   {"c2_subject", "action:" + action},
                   {"c2_what", "Acknowledgements due in the fall."},
                   {"c2_why", "Families asked for the summer."},
                   {"c2_new_due_on", "2026-10-30"},
                   {"c3_kind", "action_dropped"},
                   {"c3_subject", "action:demo-plan-g1-s2-a1"},
                   {"c3_what", "The PLN meetups stop."},
                   {"c3_why", "Principals now meet in the county network."}};
  auto refused = leader.post("/planning/plans/demo-plan/reviews", review);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"c1_why-error\""), std::string::npos);
  EXPECT_NE(refused.body.find("Target lowered to 70%."), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM planning_reviews"), reviews);
  EXPECT_EQ(measure(m).target, old_measure.target) << "nothing applied";

  review[6].second = "Three vendors left the state consortium.";
  auto recorded = leader.post("/planning/plans/demo-plan/reviews", review);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  auto id = created_id(recorded);
  EXPECT_EQ(measure(m).target, 70);
  EXPECT_EQ(scalar("SELECT due_on AS v FROM planning_actions WHERE id = :id", {{"id", action}}),
            "2026-10-30");
  EXPECT_EQ(scalar("SELECT status AS v FROM planning_actions WHERE id = 'demo-plan-g1-s2-a1'"),
            "dropped");
  EXPECT_EQ(audited("planning.review.create", id), 1u);

  // The measure now stands by its new target; the review's snapshot keeps the old one.
  auto page = leader.get("/planning/measures/" + m);
  EXPECT_NE(page.body.find("standing--" + new_standing), std::string::npos);
  auto history = leader.get("/planning/plans/demo-plan/history");
  ASSERT_EQ(history.status, 200);
  auto at = history.body.find("Review of " + today);
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(at, history.body.find("Review of 2026-01-15")) << "newest first";
  auto row = history.body.find("Apps in use with a signed privacy agreement</th>", at);
  ASSERT_NE(row, std::string::npos);
  auto row_end = history.body.find("</tr>", row);
  auto snapshot_row = history.body.substr(row, row_end - row);
  EXPECT_NE(snapshot_row.find("standing--" + old_standing), std::string::npos) << snapshot_row;
  EXPECT_NE(snapshot_row.find("95 % of apps"), std::string::npos) << snapshot_row;
  EXPECT_NE(history.body.find("Three vendors left the state consortium."), std::string::npos);
  EXPECT_NE(history.body.find("target 95 by 2027-06-30 became 70 by 2027-06-30"),
            std::string::npos);
  EXPECT_NE(history.body.find("due date 2026-05-29 became 2026-10-30"), std::string::npos);

  // The schedule's next date follows the latest review.
  auto schedule = leader.get("/planning/plans/demo-plan/reviews");
  EXPECT_NE(schedule.body.find("Every 3 months from 2025-10-15"), std::string::npos);
  EXPECT_EQ(leader
                .post("/planning/plans/demo-plan/reviews/schedule",
                      {{"every_months", "0"}, {"starts_on", "2025-10-15"}})
                .status,
            422);
}

TEST_F(PlanningMeasuresTest, BeforeTheReviewListsStepsNotUpdatedSinceTheLastReview) {
  auto leader = sign_in("director");
  auto page = leader.get("/planning/plans/demo-plan/reviews/prepare");
  ASSERT_EQ(page.status, 200);
  // The demo's steps were last changed before its reviews; done steps are not listed.
  EXPECT_NE(page.body.find("Lend hotspots to families without home internet"), std::string::npos);
  EXPECT_EQ(page.body.find("Publish the approved-app list"), std::string::npos);
  EXPECT_NE(page.body.find("/planning/actions/demo-plan-g2-s1-a3"), std::string::npos);
  EXPECT_EQ(leader.get("/planning/plans/nope/reviews/prepare").status, 404);
}

}  // namespace
}  // namespace lodestar::planning
