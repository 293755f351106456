// The vision and its stakeholder input rounds over HTTP on the demo district, on both databases:
// drafts are edited, adopted (then fixed) and compared; a leader opens a round and gets one
// public link per group; people answer through a link without an account (a bad rating comes
// back named beside its field, input kept); the leader tags comments by theme, sees counts by
// group and theme and mean ratings withheld below the small-group limit, records what changed,
// downloads the comments and closes the round, after which its links are refused. An educator
// reads the vision but cannot manage it.
#include <gtest/gtest.h>

#include <regex>

#include "demo/demo.h"
#include "demo/planning.h"
#include "planning/model.h"
#include "planning/store.h"
#include "platform/audit/audit.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::planning::vision {
namespace {

using testing::Fields;
using testing::WebSession;

class PlanningVisionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    demo::load(db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  static store::Database& db() { return app_->app().db(); }
  static std::uint16_t port() { return app_->port(); }
  static WebSession as(const std::string& email) { return testing::sign_in(port(), email); }
  static WebSession leader() { return as("superintendent@lusd.example.org"); }

  static std::string in_days(int days) {
    return planning::date_of_day(planning::day_number(planning::today()) + days);
  }

  // A new draft version through the page; returns its id.
  static std::string new_draft(const WebSession& session) {
    auto created = session.post("/planning/vision/versions");
    EXPECT_EQ(created.status, 303);
    auto location = created.header("location");
    EXPECT_TRUE(location.starts_with("/planning/vision/versions/")) << location;
    return location.substr(std::string("/planning/vision/versions/").size());
  }

  static testing::HttpResponse save(const WebSession& session, const std::string& id,
                                    const std::vector<std::pair<std::string, std::string>>& parts,
                                    const std::string& note) {
    Fields fields = {{"note", note}, {"parts", std::to_string(parts.size())}};
    auto v = db().read([&](store::Tx& tx) {
      std::vector<std::string> ids;
      for (const auto& row :
           tx.query("SELECT id FROM planning_vision_parts WHERE version_id = :v ORDER BY position",
                    {{"v", id}})) {
        ids.push_back(row.text("id"));
      }
      return ids;
    });
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto index = std::to_string(i);
      fields.push_back({"id-" + index, i < v.size() ? v[i] : ""});
      fields.push_back({"heading-" + index, parts[i].first});
      fields.push_back({"body-" + index, parts[i].second});
    }
    return session.post("/planning/vision/versions/" + id, fields);
  }

  static std::string status_of(const std::string& version) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT status FROM planning_vision_versions WHERE id = :id",
                     {{"id", version}})
          ->text("status");
    });
  }

  static std::size_t audited(const std::string& action) {
    return db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      filter.limit = 1000;
      return audit::search(tx, filter).size();
    });
  }

  // Opens a round on `subject` for every group; returns the round's id and each group's link
  // path ("/input/…") as the page showed them.
  static std::pair<std::string, std::map<std::string, std::string>> open_round(
      const WebSession& session, const std::string& subject, const std::string& title) {
    auto opened = session.post("/planning/vision/rounds", {{"title", title},
                                                           {"subject", subject},
                                                           {"opens_on", in_days(-1)},
                                                           {"closes_on", in_days(30)},
                                                           {"audience", "staff"},
                                                           {"audience", "parents"},
                                                           {"audience", "students"},
                                                           {"audience", "community"}});
    EXPECT_EQ(opened.status, 201) << opened.body.substr(0, 2000);
    std::map<std::string, std::string> links;
    std::regex link("id=\"link-([a-z]+)\" value=\"[^\"]*(/input/[0-9a-f]{64})\"");
    for (std::sregex_iterator it(opened.body.begin(), opened.body.end(), link), end; it != end;
         ++it) {
      links[(*it)[1]] = (*it)[2];
    }
    auto round = db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT id FROM planning_input_rounds WHERE title = :t", {{"t", title}})
          ->text("id");
    });
    return {round, links};
  }

  static testing::TestApp* app_;
};
testing::TestApp* PlanningVisionTest::app_ = nullptr;

TEST_F(PlanningVisionTest, DraftsAreEditedAdoptedThenFixedAndCompared) {
  auto session = leader();
  auto v1 = new_draft(session);
  auto page = session.get("/planning/vision/versions/" + v1);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("value=\"Our vision\""), std::string::npos);

  // A part with text but no heading is refused beside its field, with what was typed kept.
  auto bad = save(session, v1, {{"Our vision", "Every learner thrives."}, {"", "Orphan text"}},
                  "First draft");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"heading-1-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("Orphan text"), std::string::npos);
  EXPECT_NE(bad.body.find("Every learner thrives."), std::string::npos);

  ASSERT_EQ(save(session, v1, {{"Our vision", "Every learner thrives."}, {"Learners", "Create."}},
                 "First draft")
                .status,
            303);
  ASSERT_EQ(session.post("/planning/vision/versions/" + v1 + "/adopt").status, 303);
  EXPECT_EQ(status_of(v1), "adopted");
  // Adopted: fixed.
  EXPECT_EQ(save(session, v1, {{"Our vision", "Changed after adoption"}}, "").status, 409);
  EXPECT_EQ(session.get("/planning/vision/versions/" + v1).body.find("name=\"heading-0\""),
            std::string::npos);

  // The next version starts as a copy of the latest; adopting it supersedes the one before.
  auto v2 = new_draft(session);
  auto copy = session.get("/planning/vision/versions/" + v2).body;
  EXPECT_NE(copy.find("Every learner thrives."), std::string::npos);
  ASSERT_EQ(save(session, v2,
                 {{"Our vision", "Every learner thrives, at school and at home."},
                  {"Learners", "Create."}},
                 "Access at home")
                .status,
            303);
  auto compared = session.get("/planning/vision/compare?from=" + v1 + "&to=" + v2);
  ASSERT_EQ(compared.status, 200);
  EXPECT_NE(compared.body.find("1 part(s) changed"), std::string::npos) << compared.body;
  ASSERT_EQ(session.post("/planning/vision/versions/" + v2 + "/adopt").status, 303);
  EXPECT_EQ(status_of(v2), "adopted");
  EXPECT_EQ(status_of(v1), "superseded");
  auto vision = session.get("/planning/vision").body;
  auto adopted_at = vision.find("at school and at home");
  auto versions_at = vision.find("id=\"versions-heading\"");
  EXPECT_LT(adopted_at, versions_at);  // the adopted version comes first
  EXPECT_GE(audited("planning.vision.version.adopt"), 2u);
}

TEST_F(PlanningVisionTest, RoundFromLinkToRecordedChange) {
  auto session = leader();
  auto draft = new_draft(session);
  ASSERT_EQ(save(session, draft, {{"Our vision", "Learning everywhere."}, {"Community", "Talk."}},
                 "For the round")
                .status,
            303);
  auto [round, links] = open_round(session, "version:" + draft, "Round one");
  ASSERT_EQ(links.size(), 4u);
  // Only the token's hash is kept.
  auto token = links["parents"].substr(std::string("/input/").size());
  EXPECT_FALSE(db().read([&](store::Tx& tx) {
                     return tx.query_one(
                         "SELECT round_id FROM planning_input_links WHERE token_hash = :t",
                         {{"t", token}});
                   })
                   .has_value());

  // Nobody signed in: the form says which group it is for, in English or Spanish.
  auto form = testing::anonymous_form(port(), links["parents"]);
  auto shown = form.get(links["parents"]);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Parents and families"), std::string::npos);
  EXPECT_NE(form.get(links["parents"] + "?lang=es").body.find("Madres, padres y familias"),
            std::string::npos);
  EXPECT_EQ(shown.body.find("name=\"email\""), std::string::npos);

  // A bad rating is named beside its field; the comment typed is kept; nothing is saved.
  auto bad = form.post(links["parents"],
                       {{"rating-0", "7"}, {"comment-0", "Keep this comment"}, {"rating-1", ""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"rating-0-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("Keep this comment"), std::string::npos);
  auto responses = [&] {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) AS n FROM planning_input_responses WHERE round_id = :r",
                     {{"r", round}})
          ->integer("n");
    });
  };
  EXPECT_EQ(responses(), 0);

  // Five parents and four staff answer.
  for (int i = 0; i < 5; ++i) {
    auto r = form.post(links["parents"], {{"rating-0", std::to_string(1 + i % 5)},
                                          {"comment-0", i == 0 ? "We need hotspots" : ""},
                                          {"rating-1", "4"}});
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 1500);
  }
  auto staff = testing::anonymous_form(port(), links["staff"]);
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(staff.post(links["staff"], {{"rating-0", "5"}, {"comment-1", "Más tiempo"}}).status,
              200);
  }
  EXPECT_EQ(responses(), 9);

  auto href = "/planning/vision/rounds/" + round;
  auto page = session.get(href);
  ASSERT_EQ(page.status, 200);
  // Parents' mean of 1..5 is 3.0 (5 ratings); staff's 4 ratings are withheld.
  EXPECT_NE(page.body.find("3.0"), std::string::npos);
  EXPECT_NE(page.body.find("Fewer than 5"), std::string::npos);

  // Tag a comment with a theme made on the fly; the counts and the filter follow.
  auto answer = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT id FROM planning_input_answers WHERE comment = 'We need hotspots'")
        ->text("id");
  });
  ASSERT_EQ(session.post(href + "/answers/" + answer + "/themes", {{"new_theme", "Access"}}).status,
            303);
  auto theme = db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT id FROM planning_input_themes WHERE round_id = :r AND name = "
            "'Access'",
            {{"r", round}})
        ->text("id");
  });
  auto filtered = session.get(href + "?theme=" + theme).body;
  EXPECT_NE(filtered.find("Showing 1 of 5 comments"), std::string::npos);
  EXPECT_NE(filtered.find("We need hotspots"), std::string::npos);
  EXPECT_EQ(filtered.find("Más tiempo</blockquote>"), std::string::npos);
  auto counts = testing::between(session.get(href).body, "class=\"vision-counts\"", "</table>");
  EXPECT_NE(counts.find("<th scope=\"row\">Access</th><td>0</td><td>1</td>"), std::string::npos)
      << counts;
  auto by_group = session.get(href + "?audience=staff").body;
  EXPECT_NE(by_group.find("Showing 4 of 5 comments"), std::string::npos);

  // A change recorded from the input, naming the part, theme and version; a blank one refused.
  EXPECT_EQ(session.post(href + "/changes", {{"description", " "}}).status, 422);
  auto part = db().read([&](store::Tx& tx) {
    return tx
        .query_one("SELECT id FROM planning_vision_parts WHERE version_id = :v ORDER BY position",
                   {{"v", draft}})
        ->text("id");
  });
  ASSERT_EQ(session
                .post(href + "/changes", {{"description", "Added device loans for families"},
                                          {"part", part},
                                          {"theme", theme},
                                          {"version", draft}})
                .status,
            303);
  EXPECT_NE(session.get(href).body.find("Added device loans for families"), std::string::npos);
  EXPECT_NE(session.get("/planning/vision").body.find("Added device loans for families"),
            std::string::npos);

  // The comments as CSV: part, group, rating, themes, comment, date; nothing about the person.
  auto csv = session.get(href + "/comments.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Part,Group,Rating,Themes,Comment,Date"), std::string::npos);
  EXPECT_NE(csv.body.find("Our vision,Parents and families,1,Access,We need hotspots,"),
            std::string::npos)
      << csv.body;

  // Closed: the link says so and takes nothing; an unknown link is not found.
  ASSERT_EQ(session.post(href + "/status", {{"status", "closed"}}).status, 303);
  EXPECT_EQ(form.get(links["parents"]).status, 410);
  EXPECT_EQ(form.post(links["parents"], {{"rating-0", "3"}}).status, 410);
  EXPECT_EQ(responses(), 9);
  EXPECT_EQ(form.get("/input/" + std::string(64, 'a')).status, 404);
  // Reopening until a date before the round opened is refused beside that field.
  auto early = session.post(href + "/status", {{"status", "open"}, {"closes_on", "2001-01-01"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("id=\"reopen_closes_on-error\""), std::string::npos);
  EXPECT_EQ(form.get(links["parents"]).status, 410);
  // Reopened, and a group's new link replaces its old one.
  ASSERT_EQ(session.post(href + "/status", {{"status", "open"}, {"closes_on", in_days(40)}}).status,
            303);
  EXPECT_EQ(form.get(links["parents"]).status, 200);
  auto fresh = session.post(href + "/links", {{"audience", "parents"}});
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(form.get(links["parents"]).status, 404);

  EXPECT_GE(audited("planning.vision.round.open"), 1u);
  EXPECT_GE(audited("planning.vision.input.submit"), 9u);
  EXPECT_GE(audited("planning.vision.answer.tag"), 1u);
  EXPECT_GE(audited("planning.vision.change.record"), 1u);
  EXPECT_GE(audited("planning.vision.round.close"), 1u);
}

TEST_F(PlanningVisionTest, RoundOnAPlansGoalsAsksAboutEachGoal) {
  db().write([](store::Tx& tx) {
    Plan plan;
    plan.id = "vision-test-plan";
    plan.org_id = "lusd";
    plan.title = "Test plan";
    plan.starts_on = "2025-07-01";
    plan.ends_on = "2028-06-30";
    plan.status = "draft";
    planning::db::insert_plan(tx, plan, "2026-01-01T00:00:00Z");
    Goal goal;
    goal.id = "vision-test-goal";
    goal.plan_id = plan.id;
    goal.code = "G9";
    goal.title = "Every family is connected";
    planning::db::insert_goal(tx, goal, 0, "2026-01-01T00:00:00Z");
  });
  auto session = leader();
  auto [round, links] = open_round(session, "plan:vision-test-plan", "Goals round");
  ASSERT_EQ(links.size(), 4u);
  auto form = testing::anonymous_form(port(), links["community"]);
  auto shown = form.get(links["community"]);
  EXPECT_NE(shown.body.find("G9 Every family is connected"), std::string::npos);
  EXPECT_EQ(form.post(links["community"], {{"rating-0", "5"}}).status, 200);
  // Nothing answered at all is refused.
  EXPECT_EQ(form.post(links["community"], {{"rating-0", ""}, {"comment-0", ""}}).status, 422);
}

TEST_F(PlanningVisionTest, OpeningARoundNamesEachBadField) {
  auto session = leader();
  auto bad = session.post("/planning/vision/rounds", {{"title", ""},
                                                      {"subject", "nothing"},
                                                      {"opens_on", "2026-09-10"},
                                                      {"closes_on", "2026-09-01"}});
  EXPECT_EQ(bad.status, 422);
  for (const char* field : {"title-error", "subject-error", "closes_on-error", "audiences-error"}) {
    EXPECT_NE(bad.body.find(std::string("id=\"") + field + "\""), std::string::npos) << field;
  }
  EXPECT_NE(bad.body.find("value=\"2026-09-10\""), std::string::npos);
}

TEST_F(PlanningVisionTest, AnEducatorReadsTheVisionButCannotManageIt) {
  auto teacher = as("teacher@lusd.example.org");
  EXPECT_EQ(teacher.get("/planning/vision").status, 200);
  EXPECT_EQ(teacher.get("/planning/vision").body.find("action=\"/planning/vision/versions\""),
            std::string::npos);
  EXPECT_EQ(teacher.get("/planning/vision/rounds/new").status, 403);
  EXPECT_EQ(teacher.post("/planning/vision/versions").status, 403);
  auto any_round = db().read([](store::Tx& tx) {
    auto row = tx.query_one("SELECT id FROM planning_input_rounds");
    return row ? row->text("id") : std::string("none");
  });
  EXPECT_EQ(teacher.get("/planning/vision/rounds/" + any_round).status, 403);
  EXPECT_EQ(teacher.get("/planning/vision/rounds/" + any_round + "/comments.csv").status, 403);
}

}  // namespace
}  // namespace lodestar::planning::vision

namespace lodestar::planning::vision {
namespace {

// The demo's vision as a leader finds it: version 2 adopted after a closed round on version 1
// with answers from every group, the community's means withheld, and two recorded changes.
TEST(PlanningVisionDemo, ShowsAnAdoptedVersionAfterAClosedRound) {
  testing::TestApp app;
  demo::load(app.app().db());
  ASSERT_TRUE(demo::load_planning(app.app().db()));
  auto session = testing::sign_in(app.port(), "director@lusd.example.org");
  auto vision = session.get("/planning/vision");
  ASSERT_EQ(vision.status, 200);
  EXPECT_NE(vision.body.find("Adopted vision (version 2"), std::string::npos);
  EXPECT_NE(vision.body.find("led to version 2"), std::string::npos);
  auto counts = app.app().db().read([](store::Tx& tx) {
    std::map<std::string, std::int64_t> out;
    for (const auto& row : tx.query(R"(SELECT audience, COUNT(*) AS n FROM planning_input_responses
                                       GROUP BY audience)")) {
      out[row.text("audience")] = row.integer("n");
    }
    return out;
  });
  EXPECT_EQ(counts.size(), 4u);
  std::int64_t total = 0;
  for (const auto& [audience, n] : counts) total += n;
  EXPECT_GE(total, 25);
  auto round = session.get("/planning/vision/rounds/demo-vision-round-1");
  ASSERT_EQ(round.status, 200);
  // Fewer than five community responses: their means are withheld, the others' shown.
  EXPECT_LT(counts["community"], 5);
  EXPECT_NE(round.body.find("Fewer than 5"), std::string::npos);
  EXPECT_NE(round.body.find("answered in Spanish"), std::string::npos);
  EXPECT_NE(round.body.find("Access at home"), std::string::npos);
  // A principal reads the vision but not the round.
  auto principal = testing::sign_in(app.port(), "principal@lusd.example.org");
  EXPECT_EQ(principal.get("/planning/vision").status, 200);
  EXPECT_EQ(principal.get("/planning/vision/rounds/demo-vision-round-1").status, 403);
}

}  // namespace
}  // namespace lodestar::planning::vision
