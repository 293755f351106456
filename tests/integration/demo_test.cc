#include "demo/demo.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "people/oneroster/import.h"
#include "platform/errors.h"
#include "platform/store/migrations.h"
#include "support/test_database.h"

namespace lodestar::demo {
namespace {

std::unique_ptr<store::Database> fresh_database() {
  auto db = store::Database::open(testing::test_database_url(), 2);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  return db;
}

std::int64_t count(store::Database& db, const std::string& sql) {
  return db.read([&](store::Tx& tx) { return tx.query_one(sql)->integer("n"); });
}

TEST(Demo, LoadsATwelveSchoolDistrictWithAnAccountForEachKindOfPerson) {
  auto db = fresh_database();
  auto report = load(*db);
  EXPECT_TRUE(report.loaded);
  EXPECT_EQ(report.schools, 12);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM orgs WHERE type = 'school'"), 12);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM people WHERE oneroster_role = 'student'"),
            report.students);
  EXPECT_GT(report.students, 200);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM enrollments"), report.enrollments);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM accounts"),
            static_cast<std::int64_t>(demo_accounts().size()));
  // Every role a person can sign in with is represented, each tied to a roster person.
  for (auto role : {"district_leader", "technology_director", "school_leader", "coach", "educator",
                    "technology_staff"}) {
    EXPECT_EQ(
        count(*db, std::string("SELECT COUNT(*) AS n FROM accounts a JOIN role_grants g "
                               "ON g.person_sourced_id = a.person_sourced_id WHERE g.role = '") +
                       role + "'") > 0,
        true)
        << role;
  }
  // The coach is assigned to a third of the schools, one grant each.
  EXPECT_EQ(
      count(*db,
            "SELECT COUNT(*) AS n FROM role_grants g JOIN people p ON p.sourced_id = "
            "g.person_sourced_id WHERE p.email = 'coach@lusd.example.org' AND g.role = 'coach'"),
      4);
}

// The demo is a valid OneRoster 1.1 district: exported and imported back, every row is valid
// and nothing changes (a class without its terms once made it invalid).
TEST(Demo, IsAValidOneRosterDistrict) {
  auto db = fresh_database();
  load(*db);
  auto dir = std::filesystem::temp_directory_path() /
             ("lodestar-demo-roster-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  people::export_oneroster(*db, dir);
  people::ImportOptions options;
  options.dry_run = true;
  auto report = people::import_oneroster(*db, dir, options);
  std::filesystem::remove_all(dir);
  for (const auto& problem : report.problems) ADD_FAILURE() << people::to_string(problem);
  for (const auto& [file, counts] : report.counts) {
    EXPECT_EQ(counts.inserted + counts.updated + counts.deleted, 0u) << file;
  }
}

TEST(Demo, LoadingTwiceChangesNothing) {
  auto db = fresh_database();
  load(*db);
  auto people = count(*db, "SELECT COUNT(*) AS n FROM people");
  auto again = load(*db);
  EXPECT_FALSE(again.loaded);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM people"), people);
}

TEST(Demo, RefusesADatabaseThatHoldsAnotherDistrict) {
  auto db = fresh_database();
  db->write([](store::Tx& tx) {
    tx.exec(
        "INSERT INTO orgs (sourced_id, name, type) VALUES ('real', 'A real district', 'district')");
  });
  EXPECT_THROW(load(*db), Conflict);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM people"), 0);
}

}  // namespace
}  // namespace lodestar::demo
