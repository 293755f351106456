// The audit log on both databases: append-only, atomic with the change it records, searchable,
// and readable by the people the policy allows.
#include <gtest/gtest.h>

#include "platform/audit/audit.h"
#include "platform/audit/routes.h"
#include "platform/errors.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace lodestar::audit {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() : db_(app_.app().db()) {}

  void add(std::string action, std::string actor, std::string at, std::string subject = "") {
    db_.write([&](store::Tx& tx) {
      Event event;
      event.action = std::move(action);
      event.actor_label = std::move(actor);
      event.subject_id = std::move(subject);
      record(tx, event, at);
    });
  }

  http::Response get(const std::string& path,
                     std::vector<std::pair<std::string, std::string>> query) {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.query = std::move(query);
    auto principal = std::make_shared<auth::Principal>();
    principal->administrator = true;
    principal->email = "director@example.org";
    request.principal = principal;
    auto match = app_.app().router().match("GET", path);
    EXPECT_NE(match.route, nullptr);
    return match.route->handler(request);
  }

  testing::TestApp app_;
  store::Database& db_;
};

Filter with(void (*set)(Filter&)) {
  Filter filter;
  set(filter);
  return filter;
}

TEST_F(AuditTest, SearchIsNewestFirstAndFilters) {
  add("auth.sign_in", "a@example.org", "2026-09-01T08:00:00.000Z");
  add("students.view", "a@example.org", "2026-09-02T08:00:00.000Z", "student-7");
  add("auth.sign_in", "b@example.org", "2026-09-03T08:00:00.000Z");
  auto all = db_.read([](store::Tx& tx) { return search(tx, {}); });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].actor_label, "b@example.org");
  EXPECT_EQ(all[2].at, "2026-09-01T08:00:00.000Z");

  auto sign_ins = db_.read(
      [](store::Tx& tx) { return search(tx, with([](Filter& f) { f.action = "auth."; })); });
  EXPECT_EQ(sign_ins.size(), 2u);
  auto by_actor = db_.read(
      [](store::Tx& tx) { return search(tx, with([](Filter& f) { f.actor = "a@example.org"; })); });
  EXPECT_EQ(by_actor.size(), 2u);
  auto by_subject = db_.read([](store::Tx& tx) {
    return search(tx, with([](Filter& f) { f.subject_id = "student-7"; }));
  });
  ASSERT_EQ(by_subject.size(), 1u);
  EXPECT_EQ(by_subject[0].action, "students.view");
  auto by_dates = db_.read([](store::Tx& tx) {
    return search(tx, with([](Filter& f) { f.from = f.to = "2026-09-02"; }));
  });
  ASSERT_EQ(by_dates.size(), 1u);
  auto page2 = db_.read([&](store::Tx& tx) {
    Filter filter;
    filter.before = all[0].id;
    filter.limit = 1;
    return search(tx, filter);
  });
  ASSERT_EQ(page2.size(), 1u);
  EXPECT_EQ(page2[0].id, all[1].id);
}

// Regression: ids ended in random bytes only, so entries of the same millisecond came back in a
// random order (a test viewing students twice in a row saw the older view first).
TEST_F(AuditTest, EntriesOfTheSameMillisecondStayInTheOrderTheyWereRecorded) {
  for (int i = 0; i < 20; ++i) {
    add("test.same_time", "n" + std::to_string(i) + "@example.org", "2026-09-04T08:00:00.000Z");
  }
  auto all = db_.read([](store::Tx& tx) {
    Filter filter;
    filter.action = "test.same_time";
    return search(tx, filter);
  });
  ASSERT_EQ(all.size(), 20u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(all[static_cast<std::size_t>(i)].actor_label,
              "n" + std::to_string(19 - i) + "@example.org");
  }
}

TEST_F(AuditTest, TheDatabaseRefusesToChangeOrRemoveAnEntry) {
  add("auth.sign_in", "a@example.org", "2026-09-01T08:00:00.000Z");
  EXPECT_ANY_THROW(
      db_.write([](store::Tx& tx) { tx.exec("UPDATE audit_events SET actor_label = 'x'"); }));
  EXPECT_ANY_THROW(db_.write([](store::Tx& tx) { tx.exec("DELETE FROM audit_events"); }));
  auto all = db_.read([](store::Tx& tx) { return search(tx, {}); });
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor_label, "a@example.org");
}

TEST_F(AuditTest, AnEntryCommitsOrFailsWithTheChangeItDescribes) {
  EXPECT_THROW(db_.write([](store::Tx& tx) {
    Event event;
    event.action = "settings.change";
    record(tx, event);
    throw Conflict("error.conflict");
  }),
               Conflict);
  EXPECT_TRUE(db_.read([](store::Tx& tx) { return search(tx, {}); }).empty());
}

TEST_F(AuditTest, PageShowsEntriesAndExportIsItselfAudited) {
  add("auth.sign_in", "a@example.org", "2026-09-01T08:00:00.000Z");
  auto page = get("/admin/audit", {});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("a@example.org"), std::string::npos);
  EXPECT_NE(page.body.find("/admin/audit.csv"), std::string::npos);

  auto csv = get("/admin/audit.csv", {{"action", "auth."}});
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("id,at,", 0), 0u);
  EXPECT_NE(csv.body.find("a@example.org"), std::string::npos);
  auto exports = db_.read(
      [](store::Tx& tx) { return search(tx, with([](Filter& f) { f.action = "audit.export"; })); });
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].actor_label, "director@example.org");
}

TEST_F(AuditTest, BadDatesAreShownBesideTheFieldWithTheInputKept) {
  auto page = get("/admin/audit", {{"from", "01/09/2026"}, {"actor", "kept@example.org"}});
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("id=\"filter-from-error\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"01/09/2026\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"kept@example.org\""), std::string::npos);
}

TEST_F(AuditTest, NobodySignedInIsSentToSignIn) {
  auto response = testing::fetch(app_.port(), "GET", "/admin/audit");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("location"), "/sign-in?next=/admin/audit");
  EXPECT_EQ(testing::fetch(app_.port(), "GET", "/admin/audit.csv").status, 303);
}

TEST(AuditCsv, QuotesAndDefusesFormulas) {
  Entry entry;
  entry.id = "1";
  entry.actor_label = "=HYPERLINK(\"x\")";
  entry.detail = R"({"a":"b,c"})";
  auto csv = to_csv({entry});
  EXPECT_NE(csv.find(R"x("'=HYPERLINK(""x"")")x"), std::string::npos) << csv;
  EXPECT_NE(csv.find(R"x("{""a"":""b,c""}")x"), std::string::npos) << csv;
}

}  // namespace
}  // namespace lodestar::audit
