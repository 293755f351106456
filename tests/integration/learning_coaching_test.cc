// Coaching over HTTP on the demo district, on both databases: a coach logs a session at a school
// they coach and at no other; bad input comes back beside its field with the input kept and
// nothing saved; the people coached must work at the school; notes stay with the coach and the
// district's leads, not the school leader; only the log's coach or a district lead changes it;
// the coverage view withholds small counts; every change is audited without the notes.
#include <gtest/gtest.h>

#include <string>

#include "demo/demo.h"
#include "demo/learning.h"
#include "demo/planning.h"
#include "learning/coaching/store.h"
#include "planning/model.h"
#include "platform/audit/audit.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::learning::coaching {
namespace {

using testing::Fields;
using Session = testing::WebSession;

class LearningCoachingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    demo::load(app_->app().db());
    demo::load_planning(app_->app().db());
    demo::load_learning(app_->app().db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static Session sign_in(const std::string& who) {
    return testing::sign_in(app_->port(), who + "@lusd.example.org");
  }
  static std::int64_t logs() {
    return app_->app().db().read([](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) AS n FROM learning_coaching_logs")->integer("n");
    });
  }
  static std::vector<Person> staff(const std::string& school) {
    return app_->app().db().read([&](store::Tx& tx) { return db::school_staff(tx, school); });
  }
  static std::string yesterday() {
    return planning::date_of_day(planning::day_number(planning::today()) - 1);
  }
  static Fields session(Fields extra = {}) {
    Fields fields = {{"held_on", yesterday()},
                     {"activity", "classroom_visit"},
                     {"minutes", "40"},
                     {"notes", "Observed the exit-ticket routine; students were confident."},
                     {"next_steps", "Co-plan the next unit."}};
    // The first value of a repeated field wins: an extra one replaces the default.
    for (auto& [name, value] : extra) {
      bool replaced = false;
      for (auto& f : fields) {
        if (f.first == name && name != "people") f.second = value, replaced = true;
      }
      if (!replaced) fields.emplace_back(name, value);
    }
    return fields;
  }
  static std::string last_log_at(const std::string& school) {
    return app_->app().db().read([&](store::Tx& tx) {
      auto found = db::logs_at(tx, school, 1);
      return found.empty() ? std::string() : found.front().id;
    });
  }

  static testing::TestApp* app_;
};
testing::TestApp* LearningCoachingTest::app_ = nullptr;

TEST_F(LearningCoachingTest, ACoachLogsASessionAtTheirSchoolAndNoOther) {
  auto coach = sign_in("coach");  // coaches arroyo, dolores, glassell, jefferson
  auto teacher = staff("arroyo").front().id;
  auto before = logs();
  auto created = coach.post("/coaching/schools/arroyo/logs", session({{"people", teacher}}));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  EXPECT_EQ(logs(), before + 1);
  auto id = last_log_at("arroyo");
  auto saved = app_->app().db().read([&](store::Tx& tx) { return db::log(tx, id); });
  ASSERT_TRUE(saved.has_value());
  ASSERT_EQ(saved->people.size(), 1u);
  EXPECT_EQ(saved->people.front().id, teacher);
  EXPECT_EQ(saved->minutes, 40);

  // The audit event records the change but not what the coach wrote about a teacher.
  auto events = app_->app().db().read([&](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "learning.coaching_log.create";
    filter.subject_id = id;
    return audit::search(tx, filter);
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events.front().detail.find("exit-ticket"), std::string::npos);

  // Bella Vista is another coach's school.
  EXPECT_EQ(coach.post("/coaching/schools/bellavista/logs", session()).status, 403);
  EXPECT_EQ(logs(), before + 1);
  // A school leader reads coaching at their school but does not log it.
  EXPECT_EQ(sign_in("principal").post("/coaching/schools/arroyo/logs", session()).status, 403);
}

TEST_F(LearningCoachingTest, BadInputComesBackBesideItsFieldWithTheInputKept) {
  auto coach = sign_in("coach");
  auto before = logs();
  auto future = coach.post("/coaching/schools/dolores/logs", {{"held_on", "2999-01-01"},
                                                              {"activity", "classroom_visit"},
                                                              {"minutes", "ninety"},
                                                              {"notes", "Kept words"}});
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("id=\"held_on-error\""), std::string::npos);
  EXPECT_NE(future.body.find("id=\"minutes-error\""), std::string::npos);
  EXPECT_NE(future.body.find("Kept words"), std::string::npos);
  EXPECT_NE(future.body.find("value=\"ninety\""), std::string::npos);

  // Someone from another school is not one of this school's people.
  auto outsider = staff("arroyo").front().id;
  auto wrong = coach.post("/coaching/schools/dolores/logs", session({{"people", outsider}}));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"people-error\""), std::string::npos);
  auto focus =
      coach.post("/coaching/schools/dolores/logs", session({{"focus_item_id", "no-such-item"}}));
  EXPECT_EQ(focus.status, 422);
  EXPECT_NE(focus.body.find("id=\"focus_item_id-error\""), std::string::npos);
  EXPECT_EQ(logs(), before);
}

TEST_F(LearningCoachingTest, NotesStayWithTheCoachAndTheDistrictsLeads) {
  auto coach = sign_in("coach");
  ASSERT_EQ(coach
                .post("/coaching/schools/arroyo/logs",
                      session({{"notes", "Private observation about pacing."}}))
                .status,
            303);
  auto mine = coach.get("/coaching/schools/arroyo");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Private observation about pacing."), std::string::npos);
  auto director = sign_in("director").get("/coaching/schools/arroyo");
  EXPECT_NE(director.body.find("Private observation about pacing."), std::string::npos);
  auto principal = sign_in("principal").get("/coaching/schools/arroyo");
  ASSERT_EQ(principal.status, 200);
  EXPECT_EQ(principal.body.find("Private observation about pacing."), std::string::npos);
  EXPECT_NE(principal.body.find("Classroom visit"), std::string::npos)
      << "the principal sees that coaching happened";
}

TEST_F(LearningCoachingTest, OnlyTheLogsCoachOrADistrictLeadChangesIt) {
  // Bella Vista's coach logged the demo session there; the demo coach does not coach it, and a
  // district lead may correct it.
  auto id = last_log_at("bellavista");
  ASSERT_FALSE(id.empty());
  auto path = "/coaching/schools/bellavista/logs/" + id;
  EXPECT_EQ(sign_in("coach").get(path + "/edit").status, 403);
  auto director = sign_in("director");
  EXPECT_EQ(director.get(path + "/edit").status, 200);
  EXPECT_EQ(director.post(path, session({{"minutes", "55"}})).status, 303);
  auto saved = app_->app().db().read([&](store::Tx& tx) { return db::log(tx, id); });
  EXPECT_EQ(saved->minutes, 55);
  EXPECT_EQ(saved->coach_id, app_->app().db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT person_sourced_id AS v FROM role_grants WHERE role = 'coach' AND "
            "org_sourced_id = 'bellavista'")
        ->text("v");
  })) << "a lead's correction keeps the log's coach";
  // Through another school's path the log does not exist.
  EXPECT_EQ(director.post("/coaching/schools/arroyo/logs/" + id + "/delete", {}).status, 404);
  EXPECT_EQ(director.post(path + "/delete", {}).status, 303);
  EXPECT_TRUE(last_log_at("bellavista").empty());
}

TEST_F(LearningCoachingTest, TheCoverageViewListsEverySchoolAndWithholdsSmallCounts) {
  auto page = sign_in("director").get("/coaching/coverage");
  ASSERT_EQ(page.status, 200);
  for (const char* school : {"Arroyo Seco Elementary", "Lincoln Park High School"}) {
    EXPECT_NE(page.body.find(school), std::string::npos) << school;
  }
  // No school in the demo has five or more educators coached in the window.
  EXPECT_NE(page.body.find("fewer than 5"), std::string::npos);
  EXPECT_EQ(sign_in("principal").get("/coaching/coverage").status, 403);
  EXPECT_EQ(sign_in("coach").get("/coaching").status, 200);
  EXPECT_EQ(sign_in("teacher").get("/coaching").status, 403);
}

}  // namespace
}  // namespace lodestar::learning::coaching
