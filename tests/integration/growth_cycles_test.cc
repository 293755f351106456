// Leader growth from invitation to report, over HTTP on the demo district, on both databases:
// a district leader opens a cycle and the invitations reach a (local) SMTP server; a leader saves
// a draft, is told what is missing, submits, and is reopened by the district; raters answer
// through personal links without accounts and their group appears only at the cycle's minimum;
// the heatmap shows each viewer their scope and suppresses small groups; growth carries across
// framework editions through the crosswalk; the rubric travels with the framework over CASE.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "demo/demo.h"
#include "frameworks/store.h"
#include "growth/service.h"
#include "platform/audit/audit.h"
#include "platform/errors.h"
#include "platform/log.h"
#include "support/smtp_sink.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::growth {
namespace {

using testing::Fields;
using testing::WebSession;

class GrowthCyclesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sink_ = new testing::SmtpSink();
    app_ = new testing::TestApp({}, [](AppOptions& options) {
      options.smtp.url = sink_->url();
      options.smtp.from = "lodestar@lusd.example.org";
      options.mail_interval = std::chrono::milliseconds(200);
    });
    demo::load(db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
    delete sink_;
    sink_ = nullptr;
  }

  static store::Database& db() { return app_->app().db(); }
  static std::uint16_t port() { return app_->port(); }
  static WebSession as(const std::string& email) { return testing::sign_in(port(), email); }

  static std::string framework_titled(const std::string& part) {
    return db().read([&](store::Tx& tx) {
      for (const auto& d : frameworks::documents(tx)) {
        if (d.title.find(part) != std::string::npos) return d.id;
      }
      return std::string();
    });
  }
  static std::string leaders_2024() { return framework_titled("Education Leaders (2024)"); }
  static std::string leaders_2018() { return framework_titled("Education Leaders (2018)"); }

  static std::string person(const std::string& email) {
    return db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", email}})
          ->text("sourced_id");
    });
  }
  // The people of a school holding `role`.
  static std::vector<std::string> people_at(const std::string& school, const std::string& role) {
    return db().read([&](store::Tx& tx) {
      std::vector<std::string> out;
      for (const auto& r : tx.query(
               "SELECT person_sourced_id FROM role_grants WHERE org_sourced_id = :o AND role = :r "
               "ORDER BY person_sourced_id",
               {{"o", school}, {"r", role}})) {
        out.push_back(r.text("person_sourced_id"));
      }
      return out;
    });
  }

  static audit::Event event(const std::string& action) {
    audit::Event e;
    e.action = action;
    e.actor_label = "test";
    return e;
  }

  // Opens a cycle through the service (for tests about what follows).
  static std::string open(const std::string& name, const std::string& framework,
                          std::vector<std::string> roles, const std::string& minimum = "",
                          const std::string& year = "2026") {
    CycleInput input{name, framework, year + "-09-01", year + "-12-15", std::move(roles),
                     "",   minimum};
    return open_cycle(db(), Site{"http://lodestar.test"}, input, event("growth.cycle.open"));
  }

  // Every indicator of a cycle answered with `level(i)`.
  template <typename Level>
  static std::map<std::string, AnswerInput> answers(const std::string& cycle_id,
                                                    const std::string& person_id, Level level) {
    auto a = assessment(db(), cycle_id, person_id);
    std::map<std::string, AnswerInput> out;
    int i = 0;
    for (const auto& g : a.standards) {
      for (const auto& e : g.indicators) out[e.item.id] = {std::to_string(level(i++)), "", ""};
    }
    return out;
  }

  static std::size_t audited(const std::string& action) {
    return db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      filter.limit = 1000;
      return audit::search(tx, filter).size();
    });
  }

  static inline testing::SmtpSink* sink_ = nullptr;
  static inline testing::TestApp* app_ = nullptr;
};

TEST_F(GrowthCyclesTest, ADistrictLeaderOpensACycleAndEveryoneWithAnAddressIsInvitedByEmail) {
  auto director = as("director@lusd.example.org");
  auto form = director.get("/growth/cycles/new");
  ASSERT_EQ(form.status, 200);
  ASSERT_NE(form.body.find(leaders_2024()), std::string::npos);

  // Bad input: each problem beside its field, what was typed kept, nothing opened.
  auto before = cycles(db()).size();
  auto bad = director.post("/growth/cycles", {{"name", "Leaders 2026–27"},
                                              {"framework_id", leaders_2024()},
                                              {"opens_on", "2026-09-01"},
                                              {"closes_on", "2026-08-01"},
                                              {"rater_minimum", "2"},
                                              {"org_id", ""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"closes_on-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"roles-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"rater_minimum-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"Leaders 2026–27\""), std::string::npos);
  EXPECT_EQ(cycles(db()).size(), before);

  auto sent_before = sink_->messages().size();
  auto created = director.post("/growth/cycles", {{"name", "Leaders 2026–27"},
                                                  {"framework_id", leaders_2024()},
                                                  {"opens_on", "2026-09-01"},
                                                  {"closes_on", "2026-12-15"},
                                                  {"role-school_leader", "on"},
                                                  {"role-educator", "on"},
                                                  {"rater_minimum", "5"},
                                                  {"org_id", ""}});
  ASSERT_EQ(created.status, 303) << created.body;
  auto href = created.header("location");
  auto id = href.substr(href.rfind('/') + 1);
  auto c = cycle(db(), id);
  // Twelve schools, each with a principal and four teachers.
  EXPECT_EQ(c.participants, 12 * 5);
  EXPECT_EQ(c.status, "open");

  // Of those, the principal and the teacher of Arroyo Seco have addresses: two invitations,
  // delivered through SMTP, in English and Spanish, with the link to the self-assessment.
  ASSERT_TRUE(sink_->wait_for(sent_before + 2));
  std::set<std::string> to;
  auto mail = sink_->messages();
  for (std::size_t i = sent_before; i < mail.size(); ++i) {
    const auto& m = mail[i];
    if (m.subject.find("Leaders 2026–27") == std::string::npos) continue;
    to.insert(m.recipients.at(0));
    EXPECT_NE(m.subject.find("Autoevaluación"), std::string::npos);
    EXPECT_NE(m.text.find("/growth/cycles/" + id + "/self"), std::string::npos);
  }
  EXPECT_EQ(to, (std::set<std::string>{"principal@lusd.example.org", "teacher@lusd.example.org"}));
  EXPECT_GE(audited("growth.cycle.open"), 1u);

  // Only district roles run cycles.
  auto principal = as("principal@lusd.example.org");
  EXPECT_EQ(principal.get("/growth/cycles/new").status, 403);
  EXPECT_EQ(principal.post("/growth/cycles/" + id + "/status", {{"status", "closed"}}).status, 403);
}

TEST_F(GrowthCyclesTest, ALeaderSavesADraftIsToldWhatIsMissingSubmitsAndIsReopenedByTheDistrict) {
  auto id = open("Self-assessment walk", leaders_2024(), {"educator"});
  auto teacher = as("teacher@lusd.example.org");
  auto me = person("teacher@lusd.example.org");
  auto page = teacher.get("/growth/cycles/" + id + "/self");
  ASSERT_EQ(page.status, 200);
  auto a = assessment(db(), id, me);
  std::vector<std::string> items;
  for (const auto& g : a.standards) {
    for (const auto& e : g.indicators) items.push_back(e.item.id);
  }
  ASSERT_EQ(items.size(), 22u);  // the 2024 leaders framework: 3.1.a … 3.5.d

  // A draft with one level and a note.
  auto saved = teacher.post("/growth/cycles/" + id + "/self",
                            {{"action", "save"},
                             {"level-" + items[0], "2"},
                             {"note-" + items[0], "Started a digital citizenship unit"}});
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(assessment(db(), id, me).status, "draft");

  // Evidence in the portfolio aligned to an indicator is linked beside it.
  ASSERT_EQ(teacher
                .post("/growth/evidence", {{"title", "Citizenship week slides"},
                                           {"url", "https://example.org/slides"},
                                           {"indicator", items[0]}})
                .status,
            303);
  auto with_evidence = teacher.get("/growth/cycles/" + id + "/self");
  EXPECT_NE(
      with_evidence.body.find("<a href=\"https://example.org/slides\">Citizenship week slides</a>"),
      std::string::npos);

  // Submitting with levels missing: the form again, each missing indicator named, input kept.
  auto missing = teacher.post("/growth/cycles/" + id + "/self", {{"action", "submit"},
                                                                 {"level-" + items[0], "3"},
                                                                 {"note-" + items[0], "Kept note"},
                                                                 {"level-" + items[1], "9"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("id=\"level-" + items[1] + "-error\""), std::string::npos);
  EXPECT_NE(missing.body.find("id=\"level-" + items[5] + "-error\""), std::string::npos);
  EXPECT_EQ(missing.body.find("id=\"level-" + items[0] + "-error\""), std::string::npos);
  EXPECT_NE(missing.body.find(">Kept note</textarea>"), std::string::npos);
  EXPECT_NE(missing.body.find("id=\"level-" + items[0] + "-3\" name=\"level-" + items[0] +
                              "\" value=\"3\" checked"),
            std::string::npos);
  // Nothing of the rejected submission was stored.
  EXPECT_EQ(assessment(db(), id, me).standards[0].indicators[0].level, 2);

  Fields all = {{"action", "submit"}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    all.emplace_back("level-" + items[i], std::to_string(1 + i % 4));
  }
  ASSERT_EQ(teacher.post("/growth/cycles/" + id + "/self", all).status, 303);
  EXPECT_EQ(assessment(db(), id, me).status, "submitted");
  // A submitted self-assessment is not changed by its owner…
  EXPECT_EQ(teacher.post("/growth/cycles/" + id + "/self", all).status, 409);
  // … until the district returns it to draft.
  auto director = as("director@lusd.example.org");
  ASSERT_EQ(director.post("/growth/cycles/" + id + "/people/" + me + "/reopen").status, 303);
  EXPECT_EQ(assessment(db(), id, me).status, "draft");
  EXPECT_GE(audited("growth.assessment.reopen"), 1u);
  EXPECT_GE(audited("growth.assessment.submit"), 1u);

  // Someone who does not take part finds nothing there.
  EXPECT_EQ(as("techstaff@lusd.example.org").get("/growth/cycles/" + id + "/self").status, 404);
  // A closed cycle takes no more answers.
  set_cycle_status(db(), id, "closed", event("growth.cycle.status"));
  EXPECT_EQ(teacher.post("/growth/cycles/" + id + "/self", all).status, 409);
}

TEST_F(GrowthCyclesTest, RatersAnswerWithoutAnAccountAndAGroupAppearsOnlyAtTheMinimum) {
  auto id = open("360 walk", leaders_2024(), {"school_leader"}, "5");
  auto principal = as("principal@lusd.example.org");
  auto me = person("principal@lusd.example.org");

  // A bad line is named, and nobody is invited.
  auto bad =
      principal.post("/growth/cycles/" + id + "/raters",
                     {{"raters", "a1@lusd.example.org\nnot an address"}, {"group", "staff"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Line 2 is not an e-mail address"), std::string::npos);
  EXPECT_EQ(rater_counts(db(), id, me)[0].invited, 0);

  auto sent_before = sink_->messages().size();
  std::string list;
  for (int i = 1; i <= 5; ++i) list += "staff" + std::to_string(i) + "@lusd.example.org\n";
  list += "boss@lusd.example.org, supervisor\n";
  auto sent =
      principal.post("/growth/cycles/" + id + "/raters", {{"raters", list}, {"group", "staff"}});
  ASSERT_EQ(sent.status, 200);
  // Other tests' invitations may still be arriving: wait for these six by their links.
  std::map<std::string, std::string> links;  // address → personal link path
  std::regex link("/feedback/[0-9a-f]{64}");
  for (std::size_t expected = sent_before + 6; links.size() < 6 && expected < sent_before + 60;
       ++expected) {
    if (!sink_->wait_for(expected)) break;
    auto mail = sink_->messages();
    for (std::size_t i = sent_before; i < mail.size(); ++i) {
      std::smatch found;
      if (std::regex_search(mail[i].text, found, link))
        links[mail[i].recipients.at(0)] = found.str();
    }
  }
  ASSERT_EQ(links.size(), 6u);

  auto answer = [&](const std::string& address, int level) {
    auto path = links.at(address);
    auto form = testing::anonymous_form(port(), path);  // no account, no session
    // A link already used shows no form; any public form's token lets the test try again.
    if (form.csrf.empty()) form = testing::anonymous_form(port(), "/sign-in");
    auto items = assessment(db(), id, me);
    Fields fields;
    for (const auto& g : items.standards) {
      for (const auto& e : g.indicators)
        fields.emplace_back("level-" + e.item.id, std::to_string(level));
    }
    return form.post(path, fields);
  };
  for (int i = 1; i <= 4; ++i) {
    ASSERT_EQ(answer("staff" + std::to_string(i) + "@lusd.example.org", 3).status, 200);
  }
  ASSERT_EQ(answer("boss@lusd.example.org", 4).status, 200);
  // Four staff answers: below the minimum of five, so no staff result yet.
  auto hidden = report(db(), id, me);
  EXPECT_EQ(hidden.groups[0].group, "staff");
  EXPECT_EQ(hidden.groups[0].responses, 4);
  EXPECT_FALSE(hidden.groups[0].shown);
  EXPECT_TRUE(hidden.groups[0].means.empty());
  EXPECT_FALSE(hidden.groups[2].shown);  // one supervisor: never shown alone

  ASSERT_EQ(answer("staff5@lusd.example.org", 1).status, 200);
  auto shown = report(db(), id, me);
  EXPECT_TRUE(shown.groups[0].shown);
  ASSERT_EQ(shown.groups[0].means.size(), 22u);
  EXPECT_DOUBLE_EQ(shown.groups[0].means.begin()->second, (4 * 3 + 1) / 5.0);

  // The report page shows the group's mean and never who answered.
  auto page = principal.get("/growth/cycles/" + id + "/report");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("2.6"), std::string::npos);
  EXPECT_EQ(page.body.find("staff1@"), std::string::npos);
  EXPECT_EQ(page.body.find("boss@"), std::string::npos);
  // The audit log records that feedback arrived, not from whom.
  auto entries = db().read([&](store::Tx& tx) {
    audit::Filter f;
    f.action = "growth.feedback";
    f.limit = 100;
    return audit::search(tx, f);
  });
  ASSERT_FALSE(entries.empty());
  for (const auto& e : entries) {
    EXPECT_EQ(e.actor_label, "rater");
    EXPECT_EQ(e.detail.find("@"), std::string::npos);
  }

  // A personal link is a secret: the request log shows the route, not the token.
  std::vector<std::string> logged;
  std::mutex logged_mutex;
  log::capture_for_tests([&](const std::string& line) {
    std::lock_guard lock(logged_mutex);
    logged.push_back(line);
  });
  const auto& boss = links.at("boss@lusd.example.org");
  EXPECT_EQ(testing::fetch(port(), "GET", boss).status, 200);
  log::capture_for_tests({});
  bool seen = false;
  for (const auto& line : logged) {
    EXPECT_EQ(line.find(boss.substr(10)), std::string::npos) << line;
    seen = seen || line.find("/feedback/[secret]") != std::string::npos;
  }
  EXPECT_TRUE(seen);

  // A link answers once; a made-up link is refused.
  EXPECT_EQ(answer("staff1@lusd.example.org", 2).status, 409);
  EXPECT_EQ(testing::fetch(port(), "GET", "/feedback/" + std::string(64, 'a')).status, 404);
  // The minimum can never be set below three.
  EXPECT_THROW(open("Too few raters", leaders_2024(), {"school_leader"}, "2"), Invalid);

  // Raters can be picked from the roster: the teacher is a colleague at Arroyo Seco.
  auto teacher_id = person("teacher@lusd.example.org");
  auto invite_page = principal.get("/growth/cycles/" + id + "/raters");
  ASSERT_NE(invite_page.body.find("id=\"colleague-" + teacher_id + "\""), std::string::npos);
  EXPECT_EQ(invite_page.body.find("id=\"colleague-" + me + "\""), std::string::npos);  // not oneself
  auto picked =
      principal.post("/growth/cycles/" + id + "/raters",
                     {{"colleague-" + teacher_id, "on"}, {"group", "peer"}, {"raters", ""}});
  ASSERT_EQ(picked.status, 200);
  EXPECT_EQ(rater_counts(db(), id, me)[1].invited, 1);  // peers

  // The district invites raters for any participant; a principal may not do it for another.
  auto director = as("director@lusd.example.org");
  auto on_behalf =
      director.post("/growth/cycles/" + id + "/people/" + me + "/raters",
                    {{"raters", "area.superintendent@lusd.example.org"}, {"group", "supervisor"}});
  ASSERT_EQ(on_behalf.status, 200);
  EXPECT_EQ(rater_counts(db(), id, me)[2].invited, 2);  // the boss, and now the superintendent
  EXPECT_EQ(principal.get("/growth/cycles/" + id + "/people/" + teacher_id + "/raters").status,
            403);
}

TEST_F(GrowthCyclesTest, TheHeatmapShowsEachViewerTheirScopeAndSuppressesSmallGroups) {
  auto id = open("Heatmap walk", leaders_2024(), {"school_leader", "educator"});
  // All five at Arroyo Seco submit; at Bell Creek (the next school) only two do.
  auto arroyo = people_at("arroyo", "educator");
  arroyo.push_back(people_at("arroyo", "school_leader").at(0));
  ASSERT_EQ(arroyo.size(), 5u);
  for (std::size_t p = 0; p < arroyo.size(); ++p) {
    save_assessment(db(), id, arroyo[p],
                    answers(id, arroyo[p], [&](int i) { return 1 + (i + p) % 4; }), true,
                    event("growth.assessment.submit"));
  }
  std::string other = db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT sourced_id FROM orgs WHERE type = 'school' AND sourced_id <> 'arroyo' "
            "ORDER BY name")
        ->text("sourced_id");
  });
  auto few = people_at(other, "educator");
  for (int p = 0; p < 2; ++p) {
    save_assessment(db(), id, few[p], answers(id, few[p], [](int) { return 4; }), true,
                    event("growth.assessment.submit"));
  }

  auto superintendent = as("superintendent@lusd.example.org");
  auto district = superintendent.get("/growth/cycles/" + id + "/heatmap");
  ASSERT_EQ(district.status, 200);
  EXPECT_NE(district.body.find("heatmap__total"), std::string::npos);
  EXPECT_NE(district.body.find("7/60"), std::string::npos);  // submitted / participants
  EXPECT_NE(district.body.find("5/5 (100%)"), std::string::npos);
  EXPECT_NE(district.body.find("2/5 (40%)"), std::string::npos);

  // Through the service: Arroyo's levels are there; the school with two is suppressed.
  auth::Principal sup;
  sup.person_id = person("superintendent@lusd.example.org");
  sup.grants.push_back({auth::Role::kDistrictLeader, "lusd"});
  auto map = heatmap(db(), app_->app().policy(), sup, id, {});
  ASSERT_TRUE(map.total.has_value());
  EXPECT_EQ(map.total->submitted, 7);
  for (const auto& row : map.rows) {
    if (row.org_id == "arroyo") {
      EXPECT_FALSE(row.suppressed);
      std::int64_t rated = 0;
      for (auto n : row.cells[0].counts) rated += n;
      EXPECT_EQ(rated, 5);
    } else if (row.org_id == other) {
      EXPECT_TRUE(row.suppressed);
      EXPECT_FALSE(row.cells[0].mean.has_value());
    }
  }

  // The district's row counts every submitted self-assessment; one returned to draft leaves it.
  auto district_rated = [](const Heatmap& m) {
    std::int64_t n = 0;
    for (auto c : m.total->cells[0].counts) n += c;
    return n;
  };
  EXPECT_EQ(district_rated(map), 7);
  reopen_assessment(db(), id, few[0], event("growth.assessment.reopen"));
  auto reopened = heatmap(db(), app_->app().policy(), sup, id, {});
  EXPECT_EQ(district_rated(reopened), 6);
  EXPECT_EQ(reopened.total->submitted, 6);
  save_assessment(db(), id, few[0], answers(id, few[0], [](int) { return 4; }), true,
                  event("growth.assessment.submit"));
  EXPECT_EQ(district_rated(heatmap(db(), app_->app().policy(), sup, id, {})), 7);

  // The CSV keeps the suppression.
  auto csv = superintendent.get("/growth/cycles/" + id + "/heatmap.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("fewer than 5"), std::string::npos);
  auto xlsx = superintendent.get("/growth/cycles/" + id + "/heatmap.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  // A principal sees their own school only, and no district row; a teacher sees no heatmap.
  auto principal = as("principal@lusd.example.org");
  auto mine = principal.get("/growth/cycles/" + id + "/heatmap");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find("heatmap__total"), std::string::npos);
  EXPECT_NE(mine.body.find("5/5 (100%)"), std::string::npos);
  EXPECT_EQ(mine.body.find("2/5 (40%)"), std::string::npos);
  EXPECT_EQ(as("teacher@lusd.example.org").get("/growth/cycles/" + id + "/heatmap").status, 403);
  EXPECT_EQ(as("teacher@lusd.example.org").get("/growth/cycles").status, 403);
}

TEST_F(GrowthCyclesTest, GrowthIsCarriedAcrossFrameworkEditionsThroughTheCrosswalk) {
  // A teacher no other test assesses: the last school's last teacher.
  std::string school = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT sourced_id FROM orgs WHERE type = 'school' ORDER BY name DESC")
        ->text("sourced_id");
  });
  auto coach = people_at(school, "educator").back();
  auto old_cycle = open("Leaders 2025 (2018 standards)", leaders_2018(), {"educator"}, "", "2025");
  auto new_cycle = open("Leaders 2026 (2024 standards)", leaders_2024(), {"educator"});
  save_assessment(db(), old_cycle, coach, answers(old_cycle, coach, [](int) { return 1; }), true,
                  event("growth.assessment.submit"));
  save_assessment(db(), new_cycle, coach, answers(new_cycle, coach, [](int) { return 3; }), true,
                  event("growth.assessment.submit"));
  auto growth = growth_of(db(), coach);
  EXPECT_EQ(growth.framework_id, leaders_2024());
  ASSERT_EQ(growth.columns.size(), 2u);
  EXPECT_TRUE(growth.columns[0].carried);
  EXPECT_FALSE(growth.columns[1].carried);
  // Every 2024 indicator the crosswalk reaches shows the 2018 level beside the 2024 one.
  std::size_t carried = 0;
  for (const auto& row : growth.rows) {
    ASSERT_EQ(row.levels.size(), 2u);
    EXPECT_EQ(row.levels[1], 3.0);
    if (row.levels[0]) {
      EXPECT_EQ(*row.levels[0], 1.0);
      ++carried;
    }
  }
  EXPECT_GT(carried, 10u);
  // Growth areas come from the latest cycle; all at level 3 of 4, so each is a growth area.
  EXPECT_EQ(growth_areas(db(), coach).size(), 3u);
}

TEST_F(GrowthCyclesTest, TheRubricTravelsWithTheFrameworkOverCase) {
  auto framework = leaders_2024();
  auto director = as("director@lusd.example.org");
  auto page = director.get("/growth/rubrics/" + framework);
  ASSERT_EQ(page.status, 200);
  auto rubric = rubric_for(db(), Site{"http://lodestar.test"}, framework);

  // Too few levels: named, and the rubric keeps its four.
  auto bad = director.post(
      "/growth/rubrics/" + framework,
      {{"title", "District rubric"}, {"level-1-name", "Emerging"}, {"level-2-name", "Leading"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(rubric_for(db(), Site{"http://lodestar.test"}, framework).levels.size(), 4u);

  auto good = director.post("/growth/rubrics/" + framework,
                            {{"title", "District rubric"},
                             {"level-1-name", "Emerging"},
                             {"level-1-description", "Trying it out"},
                             {"level-2-name", "Practising"},
                             {"level-3-name", "Leading"},
                             {"level-3-description", "Others learn from it"}});
  ASSERT_EQ(good.status, 303);
  auto served = testing::fetch(port(), "GET", "/ims/case/v1p0/CFRubrics/" + rubric.id);
  ASSERT_EQ(served.status, 200);
  auto json = nlohmann::json::parse(served.body);
  EXPECT_EQ(json["title"], "District rubric");
  ASSERT_EQ(json["CFRubricCriteria"].size(), 22u);
  const auto& levels = json["CFRubricCriteria"][0]["CFRubricCriterionLevels"];
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[2]["quality"], "Leading");
  EXPECT_EQ(levels[2]["score"], 3);
  // The package carries it too.
  auto package = nlohmann::json::parse(
      testing::fetch(port(), "GET", "/ims/case/v1p0/CFPackages/" + framework).body);
  bool found = false;
  for (const auto& r : package["CFRubrics"]) found = found || r["identifier"] == rubric.id;
  EXPECT_TRUE(found);
  // A principal may not edit it.
  EXPECT_EQ(as("principal@lusd.example.org").get("/growth/rubrics/" + framework).status, 403);
}

}  // namespace
}  // namespace lodestar::growth
