// Standards frameworks as CASE 1.0 on a real database (CMake runs these on SQLite and on
// PostgreSQL): the seed frameworks loaded once on start, importing and exporting CFPackages
// (idempotent, updated in place, all or nothing), full-text search, crosswalk links, every CASE
// API endpoint over HTTP, the setting that closes the API, and the command line.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "frameworks/service.h"
#include "frameworks/store.h"
#include "platform/app.h"
#include "platform/audit/audit.h"
#include "platform/auth/accounts.h"
#include "platform/auth/clock.h"
#include "platform/auth/passwords.h"
#include "platform/auth/service.h"
#include "platform/errors.h"
#include "platform/settings.h"
#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "support/http_client.h"
#include "support/process.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace lodestar::frameworks {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::fetch;
using testing::HttpResponse;

const std::string kApi = "/ims/case/v1p0";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path << " is missing";
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::string& fixture_text() {
  static const std::string text = read_text(fs::path(LODESTAR_SOURCE_DIR) /
                                            "tests/frameworks/fixtures/state-cs-standards.json");
  return text;
}

// The fixture, parsed once (a reference: safe to index in a range-for).
const Json& fixture() {
  static const Json json = Json::parse(fixture_text());
  return json;
}

std::string fixture_id() {
  return fixture()["CFDocument"]["identifier"];
}

// The fixture as a package holds it: items and associations without CFDocumentURI.
Json fixture_in_package_form() {
  auto json = fixture();
  for (auto& item : json["CFItems"]) item.erase("CFDocumentURI");
  for (auto& a : json["CFAssociations"]) a.erase("CFDocumentURI");
  return json;
}

// Compares two CFPackages object by object, so a failure names the object that differs.
void expect_same_package(const Json& actual, const Json& expected) {
  EXPECT_EQ(actual["CFDocument"], expected["CFDocument"]);
  for (const char* list : {"CFItems", "CFAssociations", "CFRubrics"}) {
    ASSERT_EQ(actual[list].size(), expected[list].size()) << list;
    for (std::size_t i = 0; i < expected[list].size(); ++i) {
      EXPECT_EQ(actual[list][i], expected[list][i]) << list << "/" << i;
    }
  }
  for (const auto& [kind, objects] : expected["CFDefinitions"].items()) {
    ASSERT_EQ(actual["CFDefinitions"][kind].size(), objects.size()) << kind;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      EXPECT_EQ(actual["CFDefinitions"][kind][i], objects[i]) << kind << "/" << i;
    }
  }
}

audit::Event import_event() {
  audit::Event event;
  event.action = "frameworks.import";
  event.actor_label = "test";
  return event;
}

std::string cell(const store::Value& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
  return fmt::format("{}", std::get<double>(value));
}

// Every row of the frameworks' tables (and SQLite's search index), in a stable order. Leaves out
// loaded_at, which says when a package was stored, not what.
std::string dump(store::Database& db) {
  std::vector<std::pair<std::string, std::string>> tables = {
      {"case_documents",
       "SELECT id, title, creator, version, adoption_status, language, last_change, origin, "
       "json, package, etag FROM case_documents"},
      {"case_items",
       "SELECT id, document_id, position, human_coding_scheme, abbreviated_statement, "
       "full_statement, item_type, json FROM case_items"},
      {"case_associations", "SELECT * FROM case_associations"},
      {"case_definitions", "SELECT * FROM case_definitions"},
      {"case_association_notes", "SELECT * FROM case_association_notes"}};
  if (db.dialect() == store::Dialect::kSqlite) {
    tables.emplace_back("case_items_search",
                        "SELECT item_id, document_id, code, title, statement "
                        "FROM case_items_search");
  }
  std::string out;
  db.read([&](store::Tx& tx) {
    for (const auto& [table, sql] : tables) {
      std::vector<std::string> lines;
      for (const auto& row : tx.query(sql)) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) line += cell(row.at(i)) + "|";
        lines.push_back(std::move(line));
      }
      std::sort(lines.begin(), lines.end());
      out += "# " + table + " (" + std::to_string(lines.size()) + ")\n";
      for (const auto& line : lines) out += line + "\n";
    }
  });
  return out;
}

std::int64_t count(store::Database& db, const std::string& sql, const store::Params& params = {}) {
  return db.read([&](store::Tx& tx) { return tx.query_one(sql, params)->integer("n"); });
}

std::size_t audited_imports(store::Database& db) {
  return db.read([](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "frameworks.import";
    filter.limit = 1000;
    return audit::search(tx, filter).size();
  });
}

// The seed packages as shipped, by name ("iste-leaders-2024").
std::map<std::string, Json> seeds() {
  std::map<std::string, Json> out;
  for (const auto& seed : seed_packages()) out[seed.name] = Json::parse(seed.json);
  return out;
}

std::string seed_id(const std::string& name) {
  return seeds().at(name)["CFDocument"]["identifier"];
}

// A UUID no fixture uses.
std::string fresh_uuid(int n) {
  return fmt::format("00000000-0000-4000-8000-{:012d}", n);
}

// --- Service and store, on a fresh migrated database with the seeds ---------------------------

class FrameworksCase : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::Database::open(testing::test_database_url(), 2);
    store::migrate(*db_, store::builtin_migrations(db_->dialect()));
    load_seed_frameworks(*db_, "http://127.0.0.1:8080");
  }

  SaveSummary import(const std::string& text) { return import_case(*db_, text, import_event()); }

  std::vector<FieldProblem> refused(const std::string& text) {
    try {
      import(text);
    } catch (const Invalid& invalid) {
      return invalid.problems();
    }
    ADD_FAILURE() << "the package was imported";
    return {};
  }

  std::vector<SearchHit> search_for(const std::string& query, const std::string& document = {}) {
    return db_->read([&](store::Tx& tx) { return search(tx, query, document, 50); });
  }

  std::unique_ptr<store::Database> db_;
};

TEST_F(FrameworksCase, ImportingTheSamePackageAgainChangesNothing) {
  auto first = import(fixture_text());
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.document_id, fixture_id());
  EXPECT_EQ(first.items, fixture()["CFItems"].size());
  EXPECT_EQ(first.associations, fixture()["CFAssociations"].size());
  auto before = dump(*db_);
  auto package = db_->read([](store::Tx& tx) { return stored_package(tx, fixture_id()); });
  ASSERT_TRUE(package);

  auto second = import(fixture_text());
  EXPECT_FALSE(second.created);
  EXPECT_EQ(dump(*db_), before);
  auto again = db_->read([](store::Tx& tx) { return stored_package(tx, fixture_id()); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, package->body);
  EXPECT_EQ(again->etag, package->etag);
}

TEST_F(FrameworksCase, ImportingAChangedVersionUpdatesItInPlace) {
  import(fixture_text());
  auto etag_before =
      db_->read([](store::Tx& tx) { return stored_package(tx, fixture_id()); })->etag;
  auto changed = fixture();
  // Remove a leaf item (only its own isChildOf link mentions it) with its links, and reword
  // the first item.
  std::string removed;
  for (const auto& item : changed["CFItems"]) {
    std::string id = item["identifier"];
    bool leaf = true;
    for (const auto& a : changed["CFAssociations"]) {
      if (a["destinationNodeURI"]["identifier"] == id ||
          (a["originNodeURI"]["identifier"] == id && a["associationType"] != "isChildOf")) {
        leaf = false;
      }
    }
    if (leaf) removed = id;
  }
  ASSERT_FALSE(removed.empty());
  std::string removed_statement;
  for (const auto& item : changed["CFItems"]) {
    if (item["identifier"] == removed) removed_statement = item["fullStatement"];
  }
  std::vector<std::string> removed_links;
  auto& items = changed["CFItems"];
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Json& item) { return item["identifier"] == removed; }),
              items.end());
  auto& associations = changed["CFAssociations"];
  for (const auto& a : associations) {
    if (a["originNodeURI"]["identifier"] == removed)
      removed_links.push_back(a["identifier"].get<std::string>());
  }
  ASSERT_EQ(removed_links.size(), 1u);
  associations.erase(
      std::remove_if(associations.begin(), associations.end(),
                     [&](const Json& a) { return a["originNodeURI"]["identifier"] == removed; }),
      associations.end());
  const std::string first_id = items[0]["identifier"];
  items[0]["fullStatement"] = "Students design zebracorn algorithms.";

  auto documents_before = count(*db_, "SELECT COUNT(*) AS n FROM case_documents");
  auto summary = import(changed.dump());
  EXPECT_FALSE(summary.created);
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) AS n FROM case_documents"), documents_before);
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) AS n FROM case_items WHERE document_id = :d",
                  {{"d", fixture_id()}}),
            static_cast<std::int64_t>(items.size()));
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) AS n FROM case_associations WHERE document_id = :d",
                  {{"d", fixture_id()}}),
            static_cast<std::int64_t>(associations.size()));

  db_->read([&](store::Tx& tx) {
    EXPECT_FALSE(item_object(tx, removed)) << "the removed item is still there";
    EXPECT_FALSE(association_object(tx, removed_links[0])) << "its link is still there";
    auto first = item(tx, first_id);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->statement, "Students design zebracorn algorithms.");
    auto stored = stored_package(tx, fixture_id());
    ASSERT_TRUE(stored);
    expect_same_package(Json::parse(stored->body), to_json(read_package(changed.dump())));
    EXPECT_NE(stored->etag, etag_before);
  });
  // The search index follows: the new words are found, the removed item is not.
  auto hits = search_for("zebracorn");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].item.id, first_id);
  for (const auto& hit : search_for(removed_statement, fixture_id())) {
    EXPECT_NE(hit.item.id, removed);
  }
}

TEST_F(FrameworksCase, AnInvalidPackageImportsNothing) {
  import(fixture_text());
  auto before = dump(*db_);
  auto audited = audited_imports(*db_);

  auto broken = fixture();
  broken["CFDocument"]["title"] = "A newer title";
  broken["CFItems"][0]["fullStatement"] = "A newer statement.";
  broken["CFItems"][3].erase("fullStatement");
  auto problems = refused(broken.dump());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "/CFItems/3/fullStatement");

  auto fresh = fixture();
  fresh["CFDocument"]["identifier"] = fresh_uuid(1);
  fresh["CFItems"][0]["identifier"] = "1234";
  EXPECT_FALSE(refused(fresh.dump()).empty());
  EXPECT_FALSE(refused("{\"CFDocument\": ").empty());

  EXPECT_EQ(dump(*db_), before);
  EXPECT_EQ(audited_imports(*db_), audited) << "a refused import was audited as done";
}

// The fixture as a new document whose CFSubjects[0] reuses the identifier of CFConcepts[0]:
// each list alone is valid.
Json package_with_a_shared_definition_identifier() {
  auto json = fixture();
  json["CFDocument"]["identifier"] = fresh_uuid(7);
  int n = 700;
  for (auto& item : json["CFItems"]) item["identifier"] = fresh_uuid(n++);
  for (auto& a : json["CFAssociations"]) a["identifier"] = fresh_uuid(n++);
  json["CFDefinitions"]["CFSubjects"][0]["identifier"] =
      json["CFDefinitions"]["CFConcepts"][0]["identifier"];
  return json;
}

TEST_F(FrameworksCase, AFailureWhileStoringLeavesNothingBehind) {
  auto before = dump(*db_);
  auto audited = audited_imports(*db_);
  // Passes the reader, then breaks a key while the definitions are stored, after the document
  // and its items: the whole unit of work is undone.
  EXPECT_ANY_THROW(import(package_with_a_shared_definition_identifier().dump()));
  EXPECT_EQ(dump(*db_), before);
  EXPECT_EQ(audited_imports(*db_), audited);
}

// Regression test (this failed once). Two definitions of different kinds with one identifier pass
// the reader (it checks uniqueness per list) and then fail on case_definitions' primary key: the
// person gets a database error instead of the path of the repeated identifier.
TEST_F(FrameworksCase, AnIdentifierRepeatedAcrossDefinitionListsIsReportedAtItsPath) {
  auto problems = refused(package_with_a_shared_definition_identifier().dump());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "/CFDefinitions/CFSubjects/0/identifier");
  EXPECT_EQ(problems[0].message_key, "frameworks.case.duplicate_identifier");
}

TEST_F(FrameworksCase, AnIdentifierOwnedByAnotherDocumentIsRefusedWithItsPath) {
  import(fixture_text());
  auto before = dump(*db_);
  // Another document that reuses one item identifier and one association identifier of the
  // fixture; everything else is new.
  auto other = fixture();
  other["CFDocument"]["identifier"] = fresh_uuid(1);
  other["CFDocument"]["title"] = "Another framework";
  int n = 100;
  for (std::size_t i = 0; i < other["CFItems"].size(); ++i) {
    if (i != 5) other["CFItems"][i]["identifier"] = fresh_uuid(n++);
  }
  for (std::size_t i = 0; i < other["CFAssociations"].size(); ++i) {
    if (i != 7) other["CFAssociations"][i]["identifier"] = fresh_uuid(n++);
  }
  auto problems = refused(other.dump());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "/CFItems/5/identifier");
  EXPECT_EQ(problems[0].message_key, "frameworks.case.identifier_taken");
  EXPECT_EQ(problems[0].detail, fixture()["CFDocument"]["title"]);
  EXPECT_EQ(problems[1].field, "/CFAssociations/7/identifier");
  EXPECT_EQ(problems[1].message_key, "frameworks.case.identifier_taken");
  EXPECT_EQ(dump(*db_), before);

  // A seed framework's items are protected the same way.
  auto seed = seeds().at("iste-leaders-2024");
  auto borrowed = fixture();
  borrowed["CFItems"][2]["identifier"] = seed["CFItems"][0]["identifier"];
  auto seed_problems = refused(borrowed.dump());
  ASSERT_EQ(seed_problems.size(), 1u);
  EXPECT_EQ(seed_problems[0].field, "/CFItems/2/identifier");
  EXPECT_EQ(seed_problems[0].detail, seed["CFDocument"]["title"]);
}

TEST_F(FrameworksCase, ExportGivesBackEveryFieldOfEveryObject) {
  import(fixture_text());
  auto exported = Json::parse(export_case(*db_, fixture_id()));
  expect_same_package(exported, fixture_in_package_form());
  // And the export imports again as the same package.
  auto before = dump(*db_);
  EXPECT_FALSE(import(exported.dump()).created);
  EXPECT_EQ(dump(*db_), before);
  EXPECT_THROW(export_case(*db_, fresh_uuid(9)), NotFound);
}

TEST_F(FrameworksCase, EveryImportIsAudited) {
  import(fixture_text());
  import(fixture_text());
  auto entries = db_->read([](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "frameworks.import";
    return audit::search(tx, filter);
  });
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.action, "frameworks.import");
    EXPECT_EQ(entry.subject_type, "case_document");
    EXPECT_EQ(entry.subject_id, fixture_id());
    EXPECT_EQ(entry.actor_label, "test");
    auto detail = Json::parse(entry.detail);
    EXPECT_EQ(detail["items"], fixture()["CFItems"].size());
    EXPECT_EQ(detail["title"], fixture()["CFDocument"]["title"]);
  }
  // Newest first: the second import updated the first.
  EXPECT_EQ(Json::parse(entries[0].detail)["created"], false);
  EXPECT_EQ(Json::parse(entries[1].detail)["created"], true);
}

// The statement with every whole-word, case-insensitive occurrence of `word` between \x01 and
// \x02, as search marks matches.
std::string marked(const std::string& statement, const std::string& word) {
  std::string out;
  std::string lower = statement;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  std::size_t pos = 0;
  while (true) {
    auto hit = lower.find(word, pos);
    if (hit == std::string::npos) break;
    out += statement.substr(pos, hit - pos) + "\x01" + statement.substr(hit, word.size()) + "\x02";
    pos = hit + word.size();
  }
  return out + statement.substr(pos);
}

TEST_F(FrameworksCase, SearchFindsAWordAndMarksIt) {
  const auto leaders_2024 = seed_id("iste-leaders-2024");
  std::set<std::string> expected;  // items of every seed framework whose statement says privacy
  for (const auto& [name, package] : seeds()) {
    for (const auto& item : package["CFItems"]) {
      if (marked(item["fullStatement"], "privacy") != item["fullStatement"]) {
        expected.insert(item["identifier"]);
      }
    }
  }
  ASSERT_FALSE(expected.empty());
  auto hits = search_for("privacy");
  std::set<std::string> found;
  bool in_2024 = false;
  for (const auto& hit : hits) {
    found.insert(hit.item.id);
    in_2024 = in_2024 || hit.item.document_id == leaders_2024;
    EXPECT_EQ(hit.highlighted, marked(hit.item.statement, "privacy")) << hit.item.code;
  }
  EXPECT_TRUE(in_2024) << "no 2024 leaders item";
  for (const auto& id : expected) EXPECT_TRUE(found.contains(id)) << id << " was not found";
}

TEST_F(FrameworksCase, SearchKeepsToOneDocumentWhenAsked) {
  const auto leaders_2024 = seed_id("iste-leaders-2024");
  auto everywhere = search_for("privacy");
  auto hits = search_for("privacy", leaders_2024);
  ASSERT_FALSE(hits.empty());
  EXPECT_LT(hits.size(), everywhere.size()) << "the other frameworks mention privacy too";
  for (const auto& hit : hits) {
    EXPECT_EQ(hit.item.document_id, leaders_2024);
    EXPECT_NE(hit.highlighted.find("\x01"), std::string::npos);
  }
  // Every word must match: "privacy" with "data management" finds 3.4.c alone there.
  auto both = search_for("privacy data management", leaders_2024);
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].item.code, "3.4.c");
}

// The code of the best hit for `query` in one document.
std::string best_code(store::Database& db, const std::string& query, const std::string& document) {
  auto hits = db.read([&](store::Tx& tx) { return search(tx, query, document, 50); });
  return hits.empty() ? std::string("(nothing)") : hits[0].item.code;
}

TEST_F(FrameworksCase, SearchFindsAnIndicatorByItsCode) {
  EXPECT_EQ(best_code(*db_, "4c", seed_id("iste-leaders-2018")), "4c");
  EXPECT_EQ(best_code(*db_, "5.b", seed_id("nets-a-technology-director")), "5.b");
}

// Regression test (this failed once). Codes with a decimal part ("2.3", "3.4.c"): PostgreSQL's
// parser keeps "2.3" as one token in the stored vector while the query splits it into '2' & '3', so
// nothing is found; SQLite matches the parts in any order (and "a" as a prefix of any word), so
// "2.3" ranks element 3.2 first and "3.1.a" ranks 3.1.c first.
TEST_F(FrameworksCase, SearchFindsADottedCodeOnEitherDatabase) {
  EXPECT_EQ(best_code(*db_, "2.3", seed_id("iste-technology-director")), "2.3");
  EXPECT_EQ(best_code(*db_, "3.2", seed_id("iste-technology-director")), "3.2");
  EXPECT_EQ(best_code(*db_, "3.4.c", seed_id("iste-leaders-2024")), "3.4.c");
  EXPECT_EQ(best_code(*db_, "3.1.a", seed_id("iste-leaders-2024")), "3.1.a");
}

TEST_F(FrameworksCase, AQueryWithNoWordsFindsNothing) {
  EXPECT_TRUE(search_for("").empty());
  EXPECT_TRUE(search_for("   ").empty());
  EXPECT_TRUE(search_for("... -- !? () \"\" *").empty());
  // Search syntax in a query is only punctuation: it neither fails nor changes the words.
  auto plain = search_for("privacy");
  for (const auto* query : {"privacy\"", "privacy*", "(privacy", "privacy AND", "privacy:*",
                            "'privacy'", "privacy & | !"}) {
    std::vector<SearchHit> hits;
    EXPECT_NO_THROW(hits = search_for(query)) << query;
    if (std::string(query) != "privacy AND") {
      EXPECT_EQ(hits.size(), plain.size()) << query;
    }
  }
}

TEST_F(FrameworksCase, LinksBetweenTheLeadersEditionsAreTheCrosswalk) {
  const auto left = seed_id("iste-leaders-2018");
  const auto right = seed_id("iste-leaders-2024");
  auto crosswalk = seeds().at("crosswalk-leaders-2018-2024");
  auto rationale = Json::parse(
      read_text(fs::path(LODESTAR_SOURCE_DIR) / "src/frameworks/seeds/"
                                                "crosswalk-leaders-2018-2024.rationale.json"));
  using Pair = std::tuple<std::string, std::string, std::string, std::string>;
  std::set<Pair> expected;
  for (const auto& a : crosswalk["CFAssociations"]) {
    expected.emplace(a["identifier"], a["associationType"], a["originNodeURI"]["identifier"],
                     a["destinationNodeURI"]["identifier"]);
  }
  ASSERT_FALSE(expected.empty());

  auto links = db_->read([&](store::Tx& tx) { return links_between(tx, left, right); });
  std::set<Pair> found;
  for (const auto& link : links) {
    EXPECT_TRUE(link.outgoing) << "the crosswalk runs from 2018 to 2024";
    found.emplace(link.association_id, link.type, link.self_id, link.other_id);
    EXPECT_EQ(link.note, rationale[link.association_id]) << link.association_id;
    ASSERT_TRUE(link.other) << link.other_id;
    EXPECT_EQ(link.other->document_id, right);
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(links.size(), expected.size());

  // Asked the other way round, the same links, seen from the 2024 side.
  auto reverse = db_->read([&](store::Tx& tx) { return links_between(tx, right, left); });
  std::set<Pair> swapped;
  for (const auto& link : reverse) {
    EXPECT_FALSE(link.outgoing);
    swapped.emplace(link.association_id, link.type, link.other_id, link.self_id);
  }
  EXPECT_EQ(swapped, expected);

  // No crosswalk joins the 2018 leaders to the NETS-A profile.
  EXPECT_TRUE(db_->read([&](store::Tx& tx) {
                   return links_between(tx, left, seed_id("nets-a-technology-director"));
                 })
                  .empty());
}

// --- Start-up ---------------------------------------------------------------------------------

TEST(FrameworksSeedLoading, AreLoadedOnTheFirstStartOnly) {
  AppOptions options;
  options.database_url = testing::test_database_url();
  options.pool_size = 2;
  options.public_url = "https://lodestar.example.org/";

  std::size_t items = 0, associations = 0, definitions = 0, notes = 0;
  for (const auto& [name, package] : seeds()) {
    items += package["CFItems"].size();
    associations += package["CFAssociations"].size();
    for (const auto& [kind, list] : package["CFDefinitions"].items()) definitions += list.size();
    definitions += package.value("CFRubrics", Json::array()).size();
    auto rationale =
        fs::path(LODESTAR_SOURCE_DIR) / "src/frameworks/seeds" / (name + ".rationale.json");
    if (fs::exists(rationale)) notes += Json::parse(read_text(rationale)).size();
  }
  auto counts = [](store::Database& db) {
    std::vector<std::int64_t> out;
    for (const char* table : {"case_documents", "case_items", "case_associations",
                              "case_definitions", "case_association_notes"}) {
      out.push_back(count(db, std::string("SELECT COUNT(*) AS n FROM ") + table));
    }
    return out;
  };
  std::string first;
  {
    App app(options);
    EXPECT_EQ(counts(app.db()),
              (std::vector<std::int64_t>{
                  static_cast<std::int64_t>(seeds().size()), static_cast<std::int64_t>(items),
                  static_cast<std::int64_t>(associations), static_cast<std::int64_t>(definitions),
                  static_cast<std::int64_t>(notes)}));
    // Mark every row: a second load would write them again.
    app.db().write([](store::Tx& tx) {
      tx.exec("UPDATE case_documents SET loaded_at = '2000-01-01T00:00:00Z'");
    });
    first = dump(app.db());
  }
  {
    App app(options);
    EXPECT_EQ(dump(app.db()), first);
    EXPECT_EQ(count(app.db(),
                    "SELECT COUNT(*) AS n FROM case_documents WHERE loaded_at = "
                    "'2000-01-01T00:00:00Z'"),
              static_cast<std::int64_t>(seeds().size()));
  }
}

TEST(FrameworksSeedLoading, TheirUrisNameThisServer) {
  AppOptions options;
  options.database_url = testing::test_database_url();
  options.pool_size = 2;
  options.public_url = "https://lodestar.example.org/";
  App app(options);
  for (const auto& [name, package] : seeds()) {
    std::string id = package["CFDocument"]["identifier"];
    auto stored = app.db().read([&](store::Tx& tx) { return stored_package(tx, id); });
    ASSERT_TRUE(stored) << name;
    EXPECT_EQ(stored->body.find("127.0.0.1:8080"), std::string::npos) << name;
    auto json = Json::parse(stored->body);
    EXPECT_EQ(json["CFDocument"]["uri"],
              "https://lodestar.example.org/ims/case/v1p0/CFDocuments/" + id);
    for (const auto& item : json["CFItems"]) {
      EXPECT_EQ(item["uri"], "https://lodestar.example.org/ims/case/v1p0/CFItems/" +
                                 item["identifier"].get<std::string>());
    }
  }
}

// --- The CASE API over HTTP -------------------------------------------------------------------

Json body_of(const HttpResponse& response) {
  try {
    return Json::parse(response.body);
  } catch (const Json::exception&) {
    ADD_FAILURE() << "not JSON: " << response.body.substr(0, 200);
    return {};
  }
}

// A 404 (or other failure) in the problem+json form with 1EdTech's imsx_StatusInfo members.
void expect_ims_failure(const HttpResponse& response, int status, const std::string& minor) {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/problem+json");
  auto body = body_of(response);
  EXPECT_EQ(body["status"], status);
  EXPECT_EQ(body["imsx_codeMajor"], "failure");
  EXPECT_EQ(body["imsx_severity"], "error");
  EXPECT_TRUE(body["imsx_description"].is_string());
  EXPECT_EQ(body["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"], minor)
      << response.body;
}

class FrameworksCaseApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    import_case(app_->app().db(), fixture_text(), import_event());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static HttpResponse get(const std::string& path,
                          const std::map<std::string, std::string>& headers = {}) {
    return fetch(app_->port(), "GET", kApi + path, headers);
  }

  // GET that must answer 200 with JSON.
  static Json get_json(const std::string& path) {
    auto response = get(path);
    EXPECT_EQ(response.status, 200) << path << ": " << response.body.substr(0, 300);
    EXPECT_EQ(response.header("content-type"), "application/json") << path;
    return body_of(response);
  }

  static testing::TestApp* app_;
};
testing::TestApp* FrameworksCaseApi::app_ = nullptr;

TEST_F(FrameworksCaseApi, ListsEveryDocumentByTitleWithTheTotal) {
  std::vector<Json> all = {fixture()["CFDocument"]};
  for (const auto& [name, package] : seeds()) all.push_back(package["CFDocument"]);
  std::vector<std::string> titles;
  for (const auto& d : all) titles.push_back(d["title"]);
  std::sort(titles.begin(), titles.end());

  auto response = get("/CFDocuments");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("x-total-count"), std::to_string(all.size()));
  auto body = body_of(response);
  ASSERT_EQ(body.size(), 1u) << "only CFDocuments";
  std::vector<std::string> listed;
  for (const auto& d : body["CFDocuments"]) listed.push_back(d["title"]);
  EXPECT_EQ(listed, titles);
  for (const auto& d : body["CFDocuments"]) {
    if (d["identifier"] == fixture_id()) {
      EXPECT_EQ(d, fixture()["CFDocument"]);
    }
  }

  auto page = get("/CFDocuments?limit=2&offset=1");
  EXPECT_EQ(page.header("x-total-count"), std::to_string(all.size()));
  auto paged = body_of(page)["CFDocuments"];
  ASSERT_EQ(paged.size(), 2u);
  EXPECT_EQ(paged[0]["title"], titles[1]);
  EXPECT_EQ(paged[1]["title"], titles[2]);
  EXPECT_TRUE(get_json("/CFDocuments?offset=" + std::to_string(all.size()))["CFDocuments"].empty());
}

TEST_F(FrameworksCaseApi, SortsDocumentsByAFieldEitherWay) {
  auto ids = [](const Json& body) {
    std::vector<std::string> out;
    for (const auto& d : body["CFDocuments"]) out.push_back(d["identifier"]);
    return out;
  };
  auto ascending = ids(get_json("/CFDocuments?sort=identifier"));
  ASSERT_GT(ascending.size(), 2u);
  EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end()));
  auto descending = ids(get_json("/CFDocuments?sort=identifier&orderBy=desc"));
  std::reverse(descending.begin(), descending.end());
  EXPECT_EQ(descending, ascending);

  std::vector<std::string> times;
  auto newest_first = get_json("/CFDocuments?sort=lastChangeDateTime&orderBy=desc");
  for (const auto& d : newest_first["CFDocuments"]) times.push_back(d["lastChangeDateTime"]);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
}

TEST_F(FrameworksCaseApi, RefusesASelectionItCannotMake) {
  expect_ims_failure(get("/CFDocuments?sort=colour"), 400, "invalid_selection_field");
  expect_ims_failure(get("/CFDocuments?orderBy=sideways"), 400, "invalid_selection_field");
  expect_ims_failure(get("/CFDocuments?limit=-1"), 400, "invalid_selection_field");
  expect_ims_failure(get("/CFDocuments?offset=ten"), 400, "invalid_selection_field");
  expect_ims_failure(get("/CFDocuments?filter=title%3D'x'"), 400, "invalid_selection_field");
}

TEST_F(FrameworksCaseApi, ServesOneDocument) {
  EXPECT_EQ(get_json("/CFDocuments/" + fixture_id()), fixture()["CFDocument"]);
}

TEST_F(FrameworksCaseApi, ServesThePackageWithAnEntityTag) {
  auto response = get("/CFPackages/" + fixture_id());
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "application/json");
  expect_same_package(body_of(response), fixture_in_package_form());
  auto etag = response.header("etag");
  ASSERT_FALSE(etag.empty());

  auto again = get("/CFPackages/" + fixture_id(), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(get("/CFPackages/" + fixture_id(), {{"If-None-Match", "W/" + etag}}).status, 304);
  auto other = get("/CFPackages/" + fixture_id(), {{"If-None-Match", "\"0000000000000000\""}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, response.body);
}

TEST_F(FrameworksCaseApi, ServesEachItemAndAssociationWithItsDocument) {
  // Served alone, objects carry CFDocumentURI again: exactly as the fixture (another tool's
  // export) has them.
  for (const auto& item : fixture()["CFItems"]) {
    EXPECT_EQ(get_json("/CFItems/" + item["identifier"].get<std::string>()), item);
  }
  for (const auto& a : fixture()["CFAssociations"]) {
    EXPECT_EQ(get_json("/CFAssociations/" + a["identifier"].get<std::string>()), a);
  }
}

TEST_F(FrameworksCaseApi, ServesAnItemWithEveryAssociationAtEitherEnd) {
  auto json = fixture();
  // The item with the most associations.
  std::map<std::string, std::set<std::string>> of;
  for (const auto& a : json["CFAssociations"]) {
    of[a["originNodeURI"]["identifier"]].insert(a["identifier"]);
    of[a["destinationNodeURI"]["identifier"]].insert(a["identifier"]);
  }
  std::string busiest;
  for (const auto& item : json["CFItems"]) {
    std::string id = item["identifier"];
    if (busiest.empty() || of[id].size() > of[busiest].size()) busiest = id;
  }
  ASSERT_GT(of[busiest].size(), 2u);

  auto body = get_json("/CFItemAssociations/" + busiest);
  EXPECT_EQ(body.size(), 2u);
  EXPECT_EQ(body["CFItem"]["identifier"], busiest);
  EXPECT_TRUE(body["CFItem"].contains("CFDocumentURI"));
  std::set<std::string> listed;
  for (const auto& a : body["CFAssociations"]) {
    listed.insert(a["identifier"]);
    EXPECT_EQ(a["CFDocumentURI"]["identifier"], fixture_id());
  }
  EXPECT_EQ(listed, of[busiest]);

  // A seed indicator's links include the crosswalk's, which belong to the crosswalk document.
  auto crosswalk = seeds().at("crosswalk-leaders-2018-2024");
  auto first = crosswalk["CFAssociations"][0];
  auto seeded =
      get_json("/CFItemAssociations/" + first["originNodeURI"]["identifier"].get<std::string>());
  bool found = false;
  for (const auto& a : seeded["CFAssociations"]) {
    if (a["identifier"] != first["identifier"]) continue;
    found = true;
    EXPECT_EQ(a["CFDocumentURI"]["identifier"], crosswalk["CFDocument"]["identifier"]);
  }
  EXPECT_TRUE(found);
}

// The definitions of `kind` at or below `code` by hierarchyCode, in code order.
std::vector<Json> set_below(const std::string& kind, const std::string& code) {
  std::vector<Json> out;
  for (const auto& d : fixture()["CFDefinitions"][kind]) {
    std::string c = d.value("hierarchyCode", "");
    if (c == code || c.starts_with(code + ".")) out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
    return a["hierarchyCode"].get<std::string>() < b["hierarchyCode"].get<std::string>();
  });
  return out;
}

Json top_of(const std::string& kind) {
  Json top;
  for (const auto& d : fixture()["CFDefinitions"][kind]) {
    if (top.is_null() || d["hierarchyCode"].get<std::string>().size() <
                             top["hierarchyCode"].get<std::string>().size()) {
      top = d;
    }
  }
  return top;
}

TEST_F(FrameworksCaseApi, AnItemTypeComesWithTheTypesBelowIt) {
  auto top = top_of("CFItemTypes");
  auto expected = set_below("CFItemTypes", top["hierarchyCode"]);
  ASSERT_GT(expected.size(), 1u);
  auto body = get_json("/CFItemTypes/" + top["identifier"].get<std::string>());
  ASSERT_TRUE(body.contains("CFItemTypes"));
  EXPECT_EQ(body["CFItemTypes"], Json(expected));
  EXPECT_EQ(body["CFItemTypes"][0], top);

  // The deepest type stands alone.
  auto leaf = expected.back();
  EXPECT_EQ(get_json("/CFItemTypes/" + leaf["identifier"].get<std::string>())["CFItemTypes"],
            Json::array({leaf}));
}

TEST_F(FrameworksCaseApi, ConceptsAndSubjectsComeWithThoseBelowThem) {
  for (const std::string kind : {"CFConcepts", "CFSubjects"}) {
    for (const auto& d : fixture()["CFDefinitions"][kind]) {
      auto body = get_json("/" + kind + "/" + d["identifier"].get<std::string>());
      EXPECT_EQ(body, Json({{kind, set_below(kind, d["hierarchyCode"])}})) << d;
    }
  }
}

TEST_F(FrameworksCaseApi, ServesLicensesGroupingsAndRubricsWhole) {
  for (const std::string kind : {"CFLicenses", "CFAssociationGroupings"}) {
    for (const auto& d : fixture()["CFDefinitions"][kind]) {
      EXPECT_EQ(get_json("/" + kind + "/" + d["identifier"].get<std::string>()), d) << kind;
    }
  }
  for (const auto& rubric : fixture()["CFRubrics"]) {
    auto body = get_json("/CFRubrics/" + rubric["identifier"].get<std::string>());
    EXPECT_EQ(body, rubric);
    ASSERT_FALSE(body["CFRubricCriteria"].empty());
    for (const auto& criterion : body["CFRubricCriteria"]) {
      EXPECT_FALSE(criterion["CFRubricCriterionLevels"].empty()) << criterion["identifier"];
    }
  }
}

TEST_F(FrameworksCaseApi, AnUnknownOrMalformedIdentifierIsNotFound) {
  const std::string unknown = fresh_uuid(42);
  auto item = fixture()["CFItems"][0]["identifier"].get<std::string>();
  for (const char* endpoint : {"CFDocuments", "CFPackages", "CFItems", "CFAssociations",
                               "CFItemAssociations", "CFItemTypes", "CFConcepts", "CFSubjects",
                               "CFLicenses", "CFAssociationGroupings", "CFRubrics"}) {
    SCOPED_TRACE(endpoint);
    auto path = std::string("/") + endpoint + "/";
    expect_ims_failure(get(path + unknown), 404, "unknownobject");
    expect_ims_failure(get(path + "not-a-uuid"), 404, "unknownobject");
    if (std::string(endpoint) != "CFItems" && std::string(endpoint) != "CFItemAssociations") {
      // An item's identifier names no other kind of object.
      EXPECT_EQ(get(path + item).status, 404);
    }
  }
}

TEST(FrameworksCaseApiAccess, ASettingRequiresATokenAndABearerTokenIsEnough) {
  testing::TestApp server;
  auto& db = server.app().db();
  auto documents = [&](const std::map<std::string, std::string>& headers = {}) {
    return fetch(server.port(), "GET", kApi + "/CFDocuments", headers);
  };
  EXPECT_EQ(documents().status, 200) << "the CASE API is public by default";

  auth::PasswordHasher hasher(auth::PasswordLimits::minimum());
  auth::AuthService auth(db, auth::SystemClock::instance(), hasher);
  auth::Principal principal;
  principal.account_id = auth::hash_then_create_account(db, hasher, auth::SystemClock::instance(),
                                                        {.email = "sync@example.org",
                                                         .display_name = "Sync",
                                                         .password = "correct horse battery",
                                                         .person_id = {},
                                                         .administrator = false});
  auto token = auth.create_api_token(principal, "case sync", "7", {});

  db.write([](store::Tx& tx) { settings::set(tx, kCaseApiRequiresToken, "true"); });
  auto anonymous = documents();
  expect_ims_failure(anonymous, 401, "unauthorisedrequest");
  EXPECT_FALSE(anonymous.header("www-authenticate").empty());
  expect_ims_failure(fetch(server.port(), "GET", kApi + "/CFPackages/" + fresh_uuid(1)), 401,
                     "unauthorisedrequest");
  auto with_token = documents({{"Authorization", "Bearer " + token.token}});
  EXPECT_EQ(with_token.status, 200) << with_token.body;
  EXPECT_EQ(documents({{"Authorization", "Bearer lst_wrong"}}).status, 401);

  db.write([](store::Tx& tx) { settings::set(tx, kCaseApiRequiresToken, "false"); });
  EXPECT_EQ(documents().status, 200);
}

// --- The command line -------------------------------------------------------------------------

class FrameworksCaseCommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/lodestar-case-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
    database_ = testing::test_database_url();
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::ProcessResult lodestar(std::vector<std::string> args) {
    args.insert(args.begin(), testing::lodestar_binary());
    args.push_back("--database");
    args.push_back(database_);
    return testing::run_process(args);
  }

  std::unique_ptr<store::Database> open() { return store::Database::open(database_, 1); }

  fs::path dir_;
  std::string database_;
};

// A package with three problems at known places (lines and columns count from 1).
const std::string kBrokenPackage = R"({
  "CFDocument": {
    "identifier": "0b4f9f0e-5d7a-4c38-9d52-3c1c7f0f6a11",
    "uri": "https://example.org/case/doc",
    "creator": "Test",
    "title": "Broken framework",
    "lastChangeDateTime": "2025-01-01T00:00:00Z"
  },
  "CFItems": [
    {
      "identifier": "not-a-uuid",
      "uri": "https://example.org/case/i1",
      "lastChangeDateTime": "2025-01-01T00:00:00Z"
    }
  ],
  "CFAssociations": [
    {
      "identifier": "5b0c8f1a-9a53-4e0e-8c59-6f4b3f1d2e01",
      "uri": "https://example.org/case/a1",
      "associationType": "isCousinOf",
      "originNodeURI": {"title": "x", "identifier": "x", "uri": "x"},
      "destinationNodeURI": {"title": "y", "identifier": "y", "uri": "y"},
      "lastChangeDateTime": "2025-01-01T00:00:00Z"
    }
  ]
}
)";

TEST_F(FrameworksCaseCommandLine, ImportReportsEachProblemAtItsLineAndColumnAndImportsNothing) {
  auto file = (dir_ / "BAD.json").string();
  std::ofstream(file, std::ios::binary) << kBrokenPackage;
  auto result = lodestar({"import", "case", file});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;

  std::vector<std::string> lines;
  std::istringstream err(result.err);
  for (std::string line; std::getline(err, line);) lines.push_back(line);
  auto line_starting = [&](const std::string& prefix) -> std::string {
    for (const auto& line : lines) {
      if (line.starts_with(prefix)) return line;
    }
    ADD_FAILURE() << "no line starting '" << prefix << "' in:\n" << result.err;
    return {};
  };
  auto uuid = line_starting(file + ":11:21: /CFItems/0/identifier: ");
  EXPECT_NE(uuid.find("UUID"), std::string::npos) << uuid;
  // A missing field is shown at the object that lacks it.
  auto missing = line_starting(file + ":10:5: /CFItems/0/fullStatement: ");
  EXPECT_NE(missing.find("required"), std::string::npos) << missing;
  auto type = line_starting(file + ":20:26: /CFAssociations/0/associationType: ");
  EXPECT_NE(type.find("isCousinOf"), std::string::npos) << type;
  EXPECT_EQ(result.err.find("frameworks.case."), std::string::npos)
      << "an untranslated message: " << result.err;
  EXPECT_NE(result.err.find("Nothing was imported"), std::string::npos) << result.err;

  auto db = open();
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM case_documents WHERE id = :id",
                  {{"id", std::string("0b4f9f0e-5d7a-4c38-9d52-3c1c7f0f6a11")}}),
            0);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM case_items WHERE id = 'not-a-uuid'"), 0);
  EXPECT_EQ(audited_imports(*db), 0u);
}

TEST_F(FrameworksCaseCommandLine, ImportNamesWhereTheJsonBreaks) {
  auto file = (dir_ / "truncated.json").string();
  std::ofstream(file, std::ios::binary) << "{\n  \"CFDocument\": {\n    \"title\": \"x\",,\n";
  auto result = lodestar({"import", "case", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(file), std::string::npos) << result.err;
  // FILE:LINE:COLUMN, the form editors jump to.
  EXPECT_NE(result.err.find(file + ":3:18: "), std::string::npos) << result.err;
}

TEST_F(FrameworksCaseCommandLine, AnExportedPackageImportsAgainUnchanged) {
  auto fixture_file =
      fs::path(LODESTAR_SOURCE_DIR) / "tests/frameworks/fixtures/state-cs-standards.json";
  auto imported = lodestar({"import", "case", fixture_file.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Imported"), std::string::npos) << imported.out;

  auto file = (dir_ / "exported.json").string();
  auto exported = lodestar({"export", "case", fixture_id(), file});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto written = Json::parse(read_text(file));
  expect_same_package(written, fixture_in_package_form());

  std::string before;
  {
    auto db = open();
    before = dump(*db);
  }
  auto again = lodestar({"import", "case", file});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Updated"), std::string::npos) << again.out;
  auto db = open();
  EXPECT_EQ(dump(*db), before);
  EXPECT_EQ(audited_imports(*db), 2u);

  auto to_stdout = lodestar({"export", "case", fixture_id(), "-"});
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_EQ(Json::parse(to_stdout.out), written);

  auto missing = lodestar({"export", "case", fresh_uuid(3), (dir_ / "none.json").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find(fresh_uuid(3)), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(dir_ / "none.json"));
}

}  // namespace
}  // namespace lodestar::frameworks
