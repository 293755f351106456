// A leader's own growth records over HTTP on the demo district, on both databases: goals with
// indicators, steps and a coach's comments; the journal private or shared with one reader; the
// learning log's validation; evidence checked by content and downloaded as stored; the portfolio
// shared by a link until it is revoked. Another person's records are 404, and every change is
// audited.
#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

#include "demo/demo.h"
#include "platform/audit/audit.h"
#include "platform/auth/accounts.h"
#include "platform/auth/clock.h"
#include "platform/auth/passwords.h"
#include "platform/files/blob_store.h"
#include "platform/http/dispatcher.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "support/web_session.h"

namespace lodestar::growth {
namespace {

using testing::between;
using testing::fetch;
using testing::Fields;
using testing::HttpResponse;
using testing::kDemoPassword;
using Session = testing::WebSession;

constexpr const char* kBoundary = "----lodestar-records-test";

// The id of the evidence titled `title` on the evidence page (its list item is
// <li id="evidence-{id}">).
std::string evidence_id(const std::string& html, const std::string& title) {
  auto at = html.find(">" + title + "<");
  if (at == std::string::npos) return {};
  auto item = html.rfind("id=\"evidence-", at);
  return item == std::string::npos ? std::string() : html.substr(item + 13, 32);
}

struct Part {
  std::string name;
  std::string value;
  std::string filename;  // set for a file
};

class GrowthRecordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    http::ServerOptions options;
    // Room for an upload over the evidence limit, so the page (not the server) refuses it.
    options.body_limit = 32 * 1024 * 1024;
    app_ = new testing::TestApp(options);
    demo::load(app_->app().db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static std::uint16_t port() { return app_->port(); }

  static Session sign_in(const std::string& email, const std::string& password = kDemoPassword) {
    return testing::sign_in(port(), email, password);
  }

  static HttpResponse get(const Session& s, const std::string& path) { return s.get(path); }

  static HttpResponse post(const Session& s, const std::string& path, Fields fields = {}) {
    return s.post(path, std::move(fields));
  }

  static HttpResponse post_multipart(const Session& s, const std::string& path,
                                     std::vector<Part> parts) {
    parts.push_back({"csrf_token", s.csrf, {}});
    std::string body;
    for (const auto& p : parts) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
              p.name + "\"";
      if (!p.filename.empty()) {
        body += "; filename=\"" + p.filename + "\"\r\nContent-Type: application/octet-stream";
      }
      body += "\r\n\r\n" + p.value + "\r\n";
    }
    body += std::string("--") + kBoundary + "--\r\n";
    return fetch(port(), "POST", path,
                 {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary},
                  {"Cookie", s.cookie}},
                 body);
  }

  static std::string person_id(const std::string& email) {
    return app_->app().db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", email}})
          ->text("sourced_id");
    });
  }

  // An indicator of the 2024 ISTE Standards for Education Leaders by its code.
  static std::string indicator(const std::string& code) {
    return app_->app().db().read([&](store::Tx& tx) {
      return tx
          .query_one(R"(SELECT i.id FROM case_items i JOIN case_documents d
                          ON d.id = i.document_id
                        WHERE d.title LIKE '%Education Leaders (2024)%'
                          AND i.human_coding_scheme = :code)",
                     {{"code", code}})
          ->text("id");
    });
  }

  static std::size_t audited(const std::string& action, const std::string& subject) {
    return app_->app().db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      filter.subject_id = subject;
      filter.limit = 100;
      std::size_t n = 0;
      for (const auto& e : audit::search(tx, filter)) n += e.action == action;
      return n;
    });
  }

  // Creates a goal as `s`; returns its id.
  static std::string create_goal(const Session& s, const std::string& title, Fields extra = {}) {
    Fields fields = {{"title", title},
                     {"specific", "Run a coaching cycle with every teacher"},
                     {"measurable", "24 cycles logged by spring"},
                     {"due_on", "2027-03-01"},
                     {"status", "in_progress"}};
    for (auto& f : extra) fields.push_back(std::move(f));
    auto response = post(s, "/growth/goals", fields);
    EXPECT_EQ(response.status, 303) << response.body;
    auto location = response.header("location");
    EXPECT_TRUE(location.starts_with("/growth/goals/")) << location;
    return location.substr(std::string("/growth/goals/").size());
  }

  static inline testing::TestApp* app_ = nullptr;
};

TEST_F(GrowthRecordsTest, AGoalWithIndicatorsStepsAndTheCoachsComment) {
  auto principal = sign_in("principal@lusd.example.org");
  auto coach = sign_in("coach@lusd.example.org");
  auto id = create_goal(principal, "Every classroom uses its devices daily",
                        {{"coach", person_id("coach@lusd.example.org")},
                         {"indicator", indicator("3.1.a")},
                         {"indicator", indicator("3.2.b")}});
  auto page = get(principal, "/growth/goals/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Every classroom uses its devices daily"), std::string::npos);
  // The aligned indicators come before the steps (the edit form below lists every indicator).
  auto facts = page.body.substr(0, page.body.find("id=\"steps\""));
  EXPECT_NE(facts.find(">3.1.a<"), std::string::npos);
  EXPECT_NE(facts.find(">3.2.b<"), std::string::npos);
  EXPECT_EQ(facts.find(">3.3.a<"), std::string::npos);

  EXPECT_EQ(
      post(principal, "/growth/goals/" + id + "/steps",
           {{"step_description", "Survey device use in October"}, {"step_due_on", "2026-10-31"}})
          .status,
      303);
  page = get(principal, "/growth/goals/" + id);
  auto step = between(page.body, "/growth/goals/" + id + "/steps/", "\"");
  ASSERT_FALSE(step.empty());
  EXPECT_EQ(post(principal, "/growth/goals/" + id + "/steps/" + step, {{"done", "true"}}).status,
            303);
  EXPECT_NE(get(principal, "/growth/goals/" + id).body.find("Done on"), std::string::npos);

  // The coach finds it among the goals they coach, reads it and comments, but cannot change it.
  auto coaching = get(coach, "/growth/coaching");
  ASSERT_EQ(coaching.status, 200);
  EXPECT_NE(coaching.body.find("/growth/goals/" + id), std::string::npos);
  auto seen = get(coach, "/growth/goals/" + id);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("action=\"/growth/goals/" + id + "\""), std::string::npos)
      << "the coach is shown no edit form";
  EXPECT_EQ(post(coach, "/growth/goals/" + id + "/comments",
                 {{"comment", "Start with the grade 3 team."}})
                .status,
            303);
  EXPECT_NE(get(principal, "/growth/goals/" + id).body.find("Start with the grade 3 team."),
            std::string::npos);
  EXPECT_EQ(post(coach, "/growth/goals/" + id,
                 {{"title", "Changed by the coach"},
                  {"specific", "x"},
                  {"measurable", "y"},
                  {"due_on", "2027-01-01"},
                  {"status", "done"}})
                .status,
            403);
  EXPECT_EQ(post(coach, "/growth/goals/" + id + "/steps",
                 {{"step_description", "x"}, {"step_due_on", "2026-11-01"}})
                .status,
            403);

  EXPECT_EQ(audited("growth.goal.create", id), 1u);
  EXPECT_EQ(audited("growth.goal.step_add", id), 1u);
  EXPECT_EQ(audited("growth.goal.step_done", id), 1u);
  EXPECT_EQ(audited("growth.goal.comment", id), 1u);
}

TEST_F(GrowthRecordsTest, AnotherPersonsGoalIsNotFound) {
  auto principal = sign_in("principal@lusd.example.org");
  auto id = create_goal(principal, "A goal nobody else reads");
  for (const auto* email : {"superintendent@lusd.example.org", "teacher@lusd.example.org"}) {
    auto other = sign_in(email);
    EXPECT_EQ(get(other, "/growth/goals/" + id).status, 404) << email;
    EXPECT_EQ(post(other, "/growth/goals/" + id,
                   {{"title", "Mine now"},
                    {"specific", "x"},
                    {"measurable", "y"},
                    {"due_on", "2027-01-01"},
                    {"status", "done"}})
                  .status,
              404)
        << email;
    EXPECT_EQ(post(other, "/growth/goals/" + id + "/comments", {{"comment", "hi"}}).status, 404);
    EXPECT_EQ(get(other, "/growth/goals").body.find(id), std::string::npos);
  }
  EXPECT_EQ(get(principal, "/growth/goals/no-such-goal").status, 404);
}

TEST_F(GrowthRecordsTest, ABadGoalComesBackWithEachProblemBesideItsFieldAndTheInputKept) {
  auto principal = sign_in("principal@lusd.example.org");
  auto response = post(principal, "/growth/goals",
                       {{"title", "Half-written goal"},
                        {"specific", "Something specific"},
                        {"measurable", ""},
                        {"due_on", "2027-02-30"},
                        {"status", "not_started"},
                        {"coach", person_id("teacher@lusd.example.org")},
                        {"indicator", "not-an-indicator"}});
  ASSERT_EQ(response.status, 422);
  for (const auto* slot : {"measurable-error", "due_on-error", "coach-error", "indicators-error"}) {
    EXPECT_NE(response.body.find(std::string("id=\"") + slot + "\""), std::string::npos) << slot;
  }
  EXPECT_NE(response.body.find("value=\"Half-written goal\""), std::string::npos);
  EXPECT_NE(response.body.find(">Something specific</textarea>"), std::string::npos);
}

TEST_F(GrowthRecordsTest, AJournalEntryIsPrivateUnlessSharedWithOneNamedReader) {
  auto principal = sign_in("principal@lusd.example.org");
  auto coach = sign_in("coach@lusd.example.org");
  auto superintendent = sign_in("superintendent@lusd.example.org");
  auto created = post(principal, "/growth/journal",
                      {{"title", "After the staff meeting"},
                       {"body", "It went **well**.\n\n<script>alert(1)</script>"},
                       {"shared_with", ""}});
  ASSERT_EQ(created.status, 303);
  auto private_entry = created.header("location");
  auto page = get(principal, private_entry);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>well</strong>"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(get(coach, private_entry).status, 404);
  EXPECT_EQ(get(superintendent, private_entry).status, 404);

  created = post(principal, "/growth/journal",
                 {{"title", "For my coach"},
                  {"body", "What I want to try next."},
                  {"shared_with", person_id("coach@lusd.example.org")}});
  ASSERT_EQ(created.status, 303);
  auto shared_entry = created.header("location");
  auto read = get(coach, shared_entry);
  ASSERT_EQ(read.status, 200);
  EXPECT_NE(read.body.find("What I want to try next."), std::string::npos);
  EXPECT_NE(get(coach, "/growth/journal").body.find(shared_entry), std::string::npos);
  EXPECT_EQ(get(superintendent, shared_entry).status, 404);
  EXPECT_EQ(post(coach, shared_entry, {{"title", "x"}, {"body", "y"}, {"shared_with", ""}}).status,
            403);

  // Made private again, the reader loses it.
  EXPECT_EQ(post(principal, shared_entry,
                 {{"title", "For my coach"}, {"body", "Changed my mind."}, {"shared_with", ""}})
                .status,
            303);
  EXPECT_EQ(get(coach, shared_entry).status, 404);

  // Only a coach or supervisor may be chosen.
  auto refused = post(principal, "/growth/journal",
                      {{"title", "For a teacher"},
                       {"body", "Not allowed"},
                       {"shared_with", person_id("teacher@lusd.example.org")}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"shared_with-error\""), std::string::npos);
  auto id = shared_entry.substr(shared_entry.rfind('/') + 1);
  EXPECT_EQ(audited("growth.journal.create", id), 1u);
  EXPECT_EQ(audited("growth.journal.update", id), 1u);
}

TEST_F(GrowthRecordsTest, TheLearningLogRefusesNegativeHoursAndKeepsWhatWasTyped) {
  auto principal = sign_in("principal@lusd.example.org");
  auto refused = post(principal, "/growth/log",
                      {{"kind", "conference"},
                       {"title", "ISTELive 26"},
                       {"happened_on", "2026-06-28"},
                       {"hours", "-3"},
                       {"note", "Three sessions on AI"}});
  ASSERT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"hours-error\""), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"-3\""), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"ISTELive 26\""), std::string::npos);
  EXPECT_NE(refused.body.find(">Three sessions on AI</textarea>"), std::string::npos);

  EXPECT_EQ(post(principal, "/growth/log",
                 {{"kind", "reading"},
                  {"title", "Leading Digital Change"},
                  {"happened_on", "2026-07-10"},
                  {"hours", "1,5"}})
                .status,
            303);
  auto page = get(principal, "/growth/log");
  EXPECT_NE(page.body.find("Leading Digital Change"), std::string::npos);
  EXPECT_NE(page.body.find(">1.5<"), std::string::npos);
  auto remove = between(page.body, "action=\"/growth/log/", "\"");
  ASSERT_TRUE(remove.ends_with("/delete"));
  auto other = sign_in("superintendent@lusd.example.org");
  EXPECT_EQ(post(other, "/growth/log/" + remove).status, 404);
  EXPECT_EQ(post(principal, "/growth/log/" + remove).status, 303);
  EXPECT_EQ(get(principal, "/growth/log").body.find("Leading Digital Change"), std::string::npos);
  EXPECT_EQ(audited("growth.log.delete", remove.substr(0, remove.find('/'))), 1u);
}

TEST_F(GrowthRecordsTest, EvidenceFilesAreCheckedByContentAndDownloadAsStored) {
  auto principal = sign_in("principal@lusd.example.org");
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string("\0\0\0\rIHDR", 8) +
                          std::string("\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 17);
  auto added = post_multipart(principal, "/growth/evidence",
                              {{"title", "Device survey chart", {}},
                               {"url", "", {}},
                               {"indicator", indicator("3.1.b"), {}},
                               {"file", png, "survey chart.png"}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto page = get(principal, "/growth/evidence");
  auto id = evidence_id(page.body, "Device survey chart");
  ASSERT_EQ(id.size(), 32u) << page.body;
  auto file = get(principal, "/growth/evidence/" + id + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, png);
  EXPECT_EQ(file.header("content-type"), "image/png");
  EXPECT_EQ(file.header("content-disposition"), "attachment; filename=\"survey_chart.png\"");
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(get(sign_in("coach@lusd.example.org"), "/growth/evidence/" + id + "/file").status, 404);

  // A program and a page of script are refused whatever their names say; the form comes back.
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"setup.exe", std::string("MZ\x90\0\3\0\0\0", 8)},
           {"notes.txt", "<html><script>alert(1)</script></html>"}}) {
    auto refused = post_multipart(principal, "/growth/evidence",
                                  {{"title", "Not evidence", {}}, {"file", bytes, name}});
    EXPECT_EQ(refused.status, 422) << name;
    EXPECT_NE(refused.body.find("id=\"file-error\""), std::string::npos) << name;
    EXPECT_NE(refused.body.find("value=\"Not evidence\""), std::string::npos) << name;
  }
  auto too_large = post_multipart(
      principal, "/growth/evidence",
      {{"title", "Huge", {}}, {"file", png + std::string(files::kMaxEvidenceBytes, 'x'), "a.png"}});
  EXPECT_EQ(too_large.status, 413);
  EXPECT_NE(too_large.body.find("id=\"file-error\""), std::string::npos);

  // Links: http and https only.
  auto bad_link = post_multipart(principal, "/growth/evidence",
                                 {{"title", "Script", {}}, {"url", "javascript:alert(1)", {}}});
  EXPECT_EQ(bad_link.status, 422);
  EXPECT_NE(bad_link.body.find("id=\"url-error\""), std::string::npos);
  EXPECT_EQ(post_multipart(principal, "/growth/evidence",
                           {{"title", "Board presentation", {}},
                            {"url", "https://example.org/board-slides", {}}})
                .status,
            303);
  EXPECT_NE(get(principal, "/growth/evidence").body.find("https://example.org/board-slides"),
            std::string::npos);
  EXPECT_EQ(audited("growth.evidence.create", id), 1u);
}

TEST_F(GrowthRecordsTest, APortfolioLinkWorksSignedOutUntilItIsRevoked) {
  auto principal = sign_in("principal@lusd.example.org");
  const std::string text = "Minutes of the technology committee\n";
  ASSERT_EQ(post_multipart(principal, "/growth/evidence",
                           {{"title", "Committee minutes", {}},
                            {"indicator", indicator("3.2.a"), {}},
                            {"file", text, "minutes.txt"}})
                .status,
            303);
  auto id = evidence_id(get(principal, "/growth/evidence").body, "Committee minutes");
  ASSERT_EQ(id.size(), 32u);

  auto shared = post(principal, "/growth/portfolio/share");
  ASSERT_EQ(shared.status, 200);
  // The link is shown once, in the answer: ".../portfolio/{token}".
  auto link = between(shared.body, "id=\"share-link\" value=\"", "\"");
  auto token = link.substr(link.rfind('/') + 1);
  ASSERT_EQ(token.size(), 43u) << shared.body;

  auto public_page = fetch(port(), "GET", "/portfolio/" + token);
  ASSERT_EQ(public_page.status, 200);
  EXPECT_NE(public_page.body.find("Committee minutes"), std::string::npos);
  EXPECT_NE(public_page.body.find("3.2.a"), std::string::npos);
  auto file = fetch(port(), "GET", "/portfolio/" + token + "/evidence/" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, text);
  // Another leader's evidence is not reachable through this link.
  EXPECT_EQ(fetch(port(), "GET", "/portfolio/" + token + "/evidence/no-such-id").status, 404);
  EXPECT_EQ(fetch(port(), "GET", "/portfolio/" + std::string(43, 'A')).status, 404);

  EXPECT_EQ(post(principal, "/growth/portfolio/unshare").status, 303);
  EXPECT_EQ(fetch(port(), "GET", "/portfolio/" + token).status, 404);
  EXPECT_EQ(fetch(port(), "GET", "/portfolio/" + token + "/evidence/" + id).status, 404);
  auto count = [](const std::string& action) {
    return app_->app().db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      return audit::search(tx, filter).size();
    });
  };
  EXPECT_GE(count("portfolio.share"), 1u);
  EXPECT_GE(count("portfolio.unshare"), 1u);
}

TEST_F(GrowthRecordsTest, AnAccountWithoutARosterPersonIsToldWhy) {
  auth::PasswordHasher hasher(auth::PasswordLimits::minimum());
  auth::hash_then_create_account(app_->app().db(), hasher, auth::SystemClock::instance(),
                                 {.email = "unlinked@lusd.example.org",
                                  .display_name = "Unlinked",
                                  .password = "unlinked-password-2026",
                                  .person_id = {},
                                  .administrator = false});
  auto session = sign_in("unlinked@lusd.example.org", "unlinked-password-2026");
  for (const auto* path : {"/growth/goals", "/growth/journal", "/growth/portfolio"}) {
    auto page = get(session, path);
    EXPECT_EQ(page.status, 403) << path;
    EXPECT_NE(page.body.find("not linked to a person in the roster"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace lodestar::growth
