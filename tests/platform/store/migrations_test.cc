// The migrations compiled into the binary, and the runner's own rules. How migrating behaves on
// a database (rollback, twice, too new, concurrent servers) is pinned on both databases in
// tests/integration/store_test.cc.
#include "platform/store/migrations.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "platform/resources.h"

#include "support/test_database.h"

namespace lodestar::store {

// builtin_migrations() on a given set of files (migrations.cc).
namespace detail {
std::vector<Migration> migrations_from(const std::vector<resources::Entry>& files, Dialect dialect);
}

namespace {

std::vector<std::string> names_of(const std::vector<Migration>& migrations) {
  std::vector<std::string> names;
  for (const auto& m : migrations)
    names.push_back(std::to_string(m.version) + " " + m.name + ": " + m.sql);
  return names;
}

TEST(MigrationFiles, APerDatabaseFileReplacesThePortableOneForThatDatabaseOnly) {
  const std::vector<resources::Entry> files = {
      {"migrations/0001_platform_settings.sql", "portable one"},
      {"migrations/0002_people_orgs.postgresql.sql", "postgresql two"},
      {"migrations/0002_people_orgs.sql", "portable two"},
      {"migrations/0003_growth_goals.sqlite.sql", "sqlite three"},
      {"migrations/0003_growth_goals.postgresql.sql", "postgresql three"},
  };
  EXPECT_EQ(
      names_of(detail::migrations_from(files, Dialect::kSqlite)),
      (std::vector<std::string>{"1 platform_settings: portable one", "2 people_orgs: portable two",
                                "3 growth_goals: sqlite three"}));
  EXPECT_EQ(names_of(detail::migrations_from(files, Dialect::kPostgresql)),
            (std::vector<std::string>{"1 platform_settings: portable one",
                                      "2 people_orgs: postgresql two",
                                      "3 growth_goals: postgresql three"}));
}

TEST(MigrationFiles, MistakesInTheFilesAreBuildErrors) {
  using Files = std::vector<resources::Entry>;
  for (const Files& files : {
           Files{{"migrations/0001_a.sql", ""}, {"migrations/0001_b.sql", ""}},
           Files{{"migrations/0001_a.sql", ""}, {"migrations/0001_b.sqlite.sql", ""}},
           Files{{"migrations/0001_a.sqlite.sql", ""}},
           Files{{"migrations/settings.sql", ""}},
           Files{{"migrations/0000_zero.sql", ""}},
       }) {
    EXPECT_THROW(detail::migrations_from(files, Dialect::kPostgresql), std::logic_error)
        << files.front().path;
  }
}

TEST(BuiltinMigrations, StartWithThePlatformSettingsAndRiseStrictly) {
  for (const Dialect dialect : {Dialect::kSqlite, Dialect::kPostgresql}) {
    const auto migrations = builtin_migrations(dialect);
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().version, 1);
    EXPECT_EQ(migrations.front().name, "platform_settings");
    EXPECT_NE(migrations.front().sql.find("CREATE TABLE settings"), std::string::npos);
    for (std::size_t i = 1; i < migrations.size(); ++i) {
      EXPECT_LT(migrations[i - 1].version, migrations[i].version) << migrations[i].name;
    }
    for (const auto& m : migrations) EXPECT_FALSE(split_statements(m.sql).empty()) << m.name;
  }
}

TEST(BuiltinMigrations, TheSettingsTableHasKeyValueAndUpdateTime) {
  auto db = Database::open(testing::test_database_url(), 1);
  migrate(*db, builtin_migrations(db->dialect()));
  const auto columns = db->read([](Tx& tx) { return tx.query("PRAGMA table_info(settings)"); });
  ASSERT_EQ(columns.size(), 3u);
  const std::vector<std::string> names = {"key", "value", "updated_at"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(columns[i].text("name"), names[i]);
    EXPECT_EQ(columns[i].text("type"), "TEXT");
    EXPECT_EQ(columns[i].integer("notnull") == 1 || columns[i].integer("pk") == 1, true);
  }
  EXPECT_EQ(columns[0].integer("pk"), 1);
}

TEST(SchemaVersion, IsZeroForANewDatabaseAndCreatesNothing) {
  auto db = Database::open(testing::test_database_url(), 1);
  EXPECT_EQ(schema_version(*db), 0);
  EXPECT_FALSE(db->read([](Tx& tx) {
    return tx.query_one("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'")
        .has_value();
  }));
}

TEST(SchemaVersion, ANewDatabaseWithNoMigrationsGetsTheRecordTable) {
  auto db = Database::open(testing::test_database_url(), 1);
  const auto report = migrate(*db, {});
  EXPECT_EQ(report.from_version, 0);
  EXPECT_EQ(report.to_version, 0);
  EXPECT_TRUE(report.applied.empty());
  EXPECT_EQ(schema_version(*db), 0);
}

TEST(Migrate, RefusesTwoMigrationsWithOneVersion) {
  auto db = Database::open(testing::test_database_url(), 1);
  EXPECT_THROW(
      migrate(*db, {{1, "a", "CREATE TABLE a (x TEXT);"}, {1, "b", "CREATE TABLE b (x TEXT);"}}),
      std::logic_error);
  EXPECT_EQ(schema_version(*db), 0);
}

TEST(Migrate, RunsMigrationsInVersionOrderWhateverTheListOrder) {
  auto db = Database::open(testing::test_database_url(), 1);
  const auto report = migrate(*db, {{2, "second", "INSERT INTO first_table (x) VALUES ('y');"},
                                    {1, "first", "CREATE TABLE first_table (x TEXT);"}});
  EXPECT_EQ(report.applied, (std::vector<std::string>{"0001_first", "0002_second"}));
  EXPECT_EQ(report.to_version, 2);
}

TEST(Migrate, RefusesAVersionRecordedUnderAnotherName) {
  auto db = Database::open(testing::test_database_url(), 1);
  migrate(*db, {{1, "first", "CREATE TABLE first_table (x TEXT);"}});
  db->write([](Tx& tx) {
    tx.exec(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (2, 'other_branch', '2030-01-01T00:00:00Z')");
  });
  EXPECT_THROW(migrate(*db, {{1, "first", "CREATE TABLE first_table (x TEXT);"},
                             {2, "mine", "CREATE TABLE mine (x TEXT);"},
                             {3, "third", "CREATE TABLE third (x TEXT);"}}),
               SchemaTooNew);
  EXPECT_FALSE(db->read([](Tx& tx) {
    return tx.query_one("SELECT name FROM sqlite_master WHERE name IN ('mine', 'third')")
        .has_value();
  }));
}

TEST(Migrate, ASqliteTriggerWithItsBodyOnOneLineRuns) {
  auto db = Database::open(testing::test_database_url(), 1);
  migrate(*db, {{1, "trigger",
                 "CREATE TABLE a (x TEXT);\n"
                 "CREATE TABLE log (x TEXT);\n"
                 "CREATE TRIGGER a_logged AFTER INSERT ON a\n"
                 "BEGIN INSERT INTO log (x) VALUES (NEW.x); END;\n"}});
  db->write([](Tx& tx) { tx.exec("INSERT INTO a (x) VALUES ('hello')"); });
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT x FROM log")->text("x"); }), "hello");
}

}  // namespace
}  // namespace lodestar::store
