// The storage layer's behaviour on a real database. CMake registers these tests twice, as
// sqlite.* and postgresql.*, so every behaviour here holds on both; each test gets a fresh, empty
// database (support/test_database.h). What only SQLite has (pragmas, its locking) is pinned in
// tests/platform/store/.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "support/assertions.h"
#include "support/test_database.h"

namespace lodestar::store {
namespace {

using testing::contains;
using testing::message_of;

// "2024-08-14T16:05:00Z": ISO-8601 UTC to the second, as every time in the database.
bool is_iso8601_utc(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::test_database_url();
    db_ = Database::open(url_, 4);
  }

  // The tables of the database, sorted: to show that something changed nothing.
  std::vector<std::string> tables() {
    const char* sql = db_->dialect() == Dialect::kSqlite
                          ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                          : "SELECT table_name AS name FROM information_schema.tables "
                            "WHERE table_schema = current_schema() ORDER BY table_name";
    return db_->read([&](Tx& tx) {
      std::vector<std::string> names;
      for (const auto& row : tx.query(sql)) names.push_back(row.text("name"));
      return names;
    });
  }

  bool has_table(const std::string& name) {
    const auto all = tables();
    return std::find(all.begin(), all.end(), name) != all.end();
  }

  std::int64_t count(const std::string& table) {
    return db_->read(
        [&](Tx& tx) { return tx.query_one("SELECT COUNT(*) AS n FROM " + table)->integer("n"); });
  }

  // schema_migrations as "version name" lines.
  std::vector<std::string> recorded_migrations() {
    return db_->read([](Tx& tx) {
      std::vector<std::string> lines;
      for (const auto& row :
           tx.query("SELECT version, name FROM schema_migrations ORDER BY version")) {
        lines.push_back(row.text("version") + " " + row.text("name"));
      }
      return lines;
    });
  }

  void create_items() {
    db_->write([](Tx& tx) {
      tx.exec("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    });
  }

  std::string url_;
  std::unique_ptr<Database> db_;
};

// --- Units of work ------------------------------------------------------------------------------

TEST_F(StoreTest, AUnitOfWorkWhoseSecondInsertFailsLeavesNothingBehind) {
  create_items();
  EXPECT_THROW(db_->write([](Tx& tx) {
    tx.exec("INSERT INTO items (id, name) VALUES (:id, :name)", {{"id", 1}, {"name", "first"}});
    tx.exec("INSERT INTO items (id, name) VALUES (:id, :name)", {{"id", 2}, {"name", "first"}});
  }),
               std::runtime_error);
  EXPECT_EQ(count("items"), 0);
  EXPECT_EQ(db_->stats().in_use, 0u);
}

TEST_F(StoreTest, AnExceptionFromTheWorkRollsBackAndReachesTheCallerUnchanged) {
  struct Refused {};
  create_items();
  EXPECT_THROW(db_->write([](Tx& tx) {
    tx.exec("INSERT INTO items (id, name) VALUES (1, 'kept only if committed')");
    throw Refused{};
  }),
               Refused);
  EXPECT_EQ(count("items"), 0);
}

TEST_F(StoreTest, AReturningUnitOfWorkCommitsAndGivesItsResult) {
  create_items();
  const auto changed = db_->write([](Tx& tx) {
    tx.exec("INSERT INTO items (id, name) VALUES (1, 'a')");
    tx.exec("INSERT INTO items (id, name) VALUES (2, 'b')");
    tx.exec("INSERT INTO items (id, name) VALUES (3, 'c')");
    return tx.exec("UPDATE items SET name = name || '!' WHERE id >= :from", {{"from", 2}});
  });
  EXPECT_EQ(changed, 2);
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.query_one("SELECT name FROM items WHERE id = 3"); })
                ->text("name"),
            "c!");
}

TEST_F(StoreTest, QueryOneGivesTheFirstRowOrNothing) {
  create_items();
  db_->write([](Tx& tx) {
    tx.exec("INSERT INTO items (id, name) VALUES (1, 'a')");
    tx.exec("INSERT INTO items (id, name) VALUES (2, 'b')");
  });
  db_->read([](Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT name FROM items ORDER BY id DESC")->text("name"), "b");
    EXPECT_FALSE(tx.query_one("SELECT name FROM items WHERE id = :id", {{"id", 7}}).has_value());
    EXPECT_EQ(tx.query("SELECT id FROM items ORDER BY id").size(), 2u);
  });
}

// --- Values
// ---------------------------------------------------------------------------------------

TEST_F(StoreTest, ValuesRoundTripExactly) {
  db_->write([](Tx& tx) {
    tx.exec(
        "CREATE TABLE samples (id BIGINT PRIMARY KEY, whole BIGINT, real_number DOUBLE "
        "PRECISION, words TEXT, absent TEXT)");
  });
  const std::int64_t big = 9007199254740993;  // 2^53 + 1: not a double
  const std::string unicode = "Crédit — 学校 ✓ 🚀 O'Brien; \"quoted\" \\ :not_a_parameter";
  struct Sample {
    std::int64_t whole;
    double real_number;
    std::string words;
  };
  const std::vector<Sample> samples = {
      {big, 0.1 + 0.2, unicode},
      {std::numeric_limits<std::int64_t>::max(), -1.5e300, ""},
      {std::numeric_limits<std::int64_t>::min(), 5e-324, "plain"},
  };
  db_->write([&](Tx& tx) {
    for (std::size_t i = 0; i < samples.size(); ++i) {
      tx.exec(
          "INSERT INTO samples (id, whole, real_number, words, absent) "
          "VALUES (:id, :whole, :real_number, :words, :absent)",
          {{"id", static_cast<std::int64_t>(i)},
           {"whole", samples[i].whole},
           {"real_number", samples[i].real_number},
           {"words", samples[i].words},
           {"absent", nullptr}});
    }
  });
  const auto rows = db_->read([](Tx& tx) { return tx.query("SELECT * FROM samples ORDER BY id"); });
  ASSERT_EQ(rows.size(), samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(std::get<std::int64_t>(rows[i].at("whole")), samples[i].whole);
    EXPECT_EQ(std::get<double>(rows[i].at("real_number")), samples[i].real_number);
    EXPECT_EQ(std::get<std::string>(rows[i].at("words")), samples[i].words);
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(rows[i].at("absent")));
    EXPECT_FALSE(rows[i].optional_text("absent").has_value());
  }
  // A bound value finds its row again.
  const auto found = db_->read([&](Tx& tx) {
    return tx.query_one("SELECT id FROM samples WHERE whole = :whole AND words = :words",
                        {{"whole", big}, {"words", unicode}});
  });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->integer("id"), 0);
}

TEST_F(StoreTest, AggregatesAreIntegersOnBothDatabases) {
  create_items();
  db_->write([](Tx& tx) { tx.exec("INSERT INTO items (id, name) VALUES (1, 'a')"); });
  const auto row = db_->read(
      [](Tx& tx) { return tx.query_one("SELECT COUNT(*) AS n, MAX(id) AS top FROM items"); });
  EXPECT_EQ(std::get<std::int64_t>(row->at("n")), 1);
  EXPECT_EQ(row->integer("top"), 1);
}

TEST_F(StoreTest, PostgresqlTimestampsComeBackAsIso8601Utc) {
  if (db_->dialect() != Dialect::kPostgresql)
    GTEST_SKIP() << "SQLite keeps times as the text given";
  const auto row = db_->read([](Tx& tx) {
    return tx.query_one(
        "SELECT TIMESTAMPTZ '2024-08-14 18:05:00+02' AS at, DATE '2024-08-14' AS day");
  });
  EXPECT_EQ(row->text("at"), "2024-08-14T16:05:00Z");
  EXPECT_EQ(row->text("day"), "2024-08-14T00:00:00Z");
}

// --- What Tx refuses ----------------------------------------------------------------------------

TEST_F(StoreTest, RefusesTwoStatementsInOneCall) {
  create_items();
  const auto message = message_of<std::invalid_argument>([&] {
    db_->write([](Tx& tx) {
      tx.exec(
          "INSERT INTO items (id, name) VALUES (1, 'a'); INSERT INTO items (id, name) "
          "VALUES (2, 'b')");
    });
  });
  EXPECT_TRUE(contains(message, "split_statements"));
  EXPECT_EQ(count("items"), 0);
  // A semicolon inside a literal or after the statement is not a second statement.
  db_->write([](Tx& tx) { tx.exec("INSERT INTO items (id, name) VALUES (1, 'a; b');  -- done"); });
  EXPECT_EQ(count("items"), 1);
}

TEST_F(StoreTest, RefusesAParameterWithoutAValueAndAValueWithoutAParameter) {
  create_items();
  EXPECT_TRUE(contains(message_of<std::invalid_argument>([&] {
                         db_->write([](Tx& tx) {
                           tx.exec("INSERT INTO items (id, name) VALUES (:id, :name)", {{"id", 1}});
                         });
                       }),
                       ":name"));
  EXPECT_TRUE(contains(message_of<std::invalid_argument>([&] {
                         db_->write([](Tx& tx) {
                           tx.exec("INSERT INTO items (id, name) VALUES (:id, 'x')",
                                   {{"id", 1}, {"name", "unused"}});
                         });
                       }),
                       ":name"));
  EXPECT_EQ(count("items"), 0);
}

TEST_F(StoreTest, ColonsInLiteralsAndCastsAreNotParameters) {
  const auto row = db_->read([&](Tx& tx) {
    const char* sql = tx.dialect() == Dialect::kPostgresql
                          ? "SELECT '10:30' AS at, :n::bigint + 1 AS next"
                          : "SELECT '10:30' AS at, CAST(:n AS INTEGER) + 1 AS next";
    return tx.query_one(sql, {{"n", 41}});
  });
  EXPECT_EQ(row->text("at"), "10:30");
  EXPECT_EQ(row->integer("next"), 42);
}

// --- The pool -----------------------------------------------------------------------------------

TEST_F(StoreTest, PoolStatsReflectALeaseInProgress) {
  EXPECT_EQ(db_->stats().size, 4u);
  EXPECT_EQ(db_->stats().in_use, 0u);
  db_->read([&](Tx&) {
    EXPECT_EQ(db_->stats().in_use, 1u);
    db_->read([&](Tx&) { EXPECT_EQ(db_->stats().in_use, 2u); });
  });
  EXPECT_EQ(db_->stats().in_use, 0u);
}

TEST_F(StoreTest, PingIsTrueOnALiveDatabase) {
  EXPECT_TRUE(db_->ping());
  EXPECT_EQ(db_->stats().in_use, 0u);
}

TEST_F(StoreTest, AConnectionTheServerDroppedIsReplaced) {
  if (db_->dialect() != Dialect::kPostgresql) GTEST_SKIP() << "SQLite has no server to drop it";
  auto one = Database::open(url_, 1);
  const auto pid = one->read(
      [](Tx& tx) { return tx.query_one("SELECT pg_backend_pid() AS pid")->integer("pid"); });
  db_->write([&](Tx& tx) {
    tx.query_one("SELECT pg_terminate_backend(:pid) AS done", {{"pid", pid}});
  });
  EXPECT_EQ(one->read([](Tx& tx) { return tx.query_one("SELECT 1 AS one")->integer("one"); }), 1);
  EXPECT_TRUE(one->ping());
}

TEST_F(StoreTest, ConcurrentWritersAllCommit) {
  db_->write([](Tx& tx) {
    tx.exec("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
    tx.exec("CREATE TABLE entries (writer BIGINT NOT NULL, step BIGINT NOT NULL)");
    tx.exec("INSERT INTO counter (id, n) VALUES (1, 0)");
  });
  constexpr int kWriters = 6, kSteps = 20;  // more writers than the pool has connections
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int s = 0; s < kSteps; ++s) {
        try {
          db_->write([&](Tx& tx) {
            tx.exec("UPDATE counter SET n = n + 1 WHERE id = 1");
            tx.exec("INSERT INTO entries (writer, step) VALUES (:writer, :step)",
                    {{"writer", w}, {"step", s}});
          });
        } catch (const std::exception& error) {
          ADD_FAILURE() << error.what();
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count("entries"), kWriters * kSteps);
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.query_one("SELECT n FROM counter")->integer("n"); }),
            kWriters * kSteps);
}

// --- Migrations ---------------------------------------------------------------------------------

std::vector<Migration> steps(int up_to) {
  const std::vector<Migration> all = {
      {1, "test_first",
       "-- the first step\nCREATE TABLE first_table (\n  id BIGINT PRIMARY KEY\n);\n"},
      {2, "test_second",
       "CREATE TABLE second_table (id BIGINT PRIMARY KEY);\n"
       "INSERT INTO second_table (id) VALUES (1);\n"},
      {3, "test_third", "CREATE TABLE third_table (id BIGINT PRIMARY KEY);"},
  };
  return std::vector<Migration>(all.begin(), all.begin() + up_to);
}

TEST_F(StoreTest, MigratesAFreshDatabaseWithTheBuiltinMigrations) {
  const auto builtin = builtin_migrations(db_->dialect());
  ASSERT_FALSE(builtin.empty());
  const auto report = migrate(*db_, builtin);
  EXPECT_EQ(report.from_version, 0);
  EXPECT_EQ(report.to_version, builtin.back().version);
  ASSERT_EQ(report.applied.size(), builtin.size());
  EXPECT_EQ(report.applied.front(), "0001_platform_settings");
  EXPECT_EQ(schema_version(*db_), builtin.back().version);

  db_->write([](Tx& tx) {
    tx.exec("INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :at)",
            {{"key", "district.name"},
             {"value", "Distrito Escolar Unificado"},
             {"at", "2024-08-14T16:05:00Z"}});
  });
  const auto row = db_->read(
      [](Tx& tx) { return tx.query_one("SELECT * FROM schema_migrations WHERE version = 1"); });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->text("name"), "platform_settings");
  EXPECT_TRUE(is_iso8601_utc(row->text("applied_at"))) << row->text("applied_at");
}

TEST_F(StoreTest, MigratingTwiceAppliesNothingTheSecondTime) {
  const auto first = migrate(*db_, steps(3));
  EXPECT_EQ(first.applied,
            (std::vector<std::string>{"0001_test_first", "0002_test_second", "0003_test_third"}));
  const auto second = migrate(*db_, steps(3));
  EXPECT_TRUE(second.applied.empty());
  EXPECT_EQ(second.from_version, 3);
  EXPECT_EQ(second.to_version, 3);
  EXPECT_EQ(count("second_table"), 1);
  EXPECT_EQ(recorded_migrations().size(), 3u);
}

TEST_F(StoreTest, AppliesOnlyTheStepsTheDatabaseLacks) {
  migrate(*db_, steps(1));
  const auto report = migrate(*db_, steps(3));
  EXPECT_EQ(report.from_version, 1);
  EXPECT_EQ(report.applied, (std::vector<std::string>{"0002_test_second", "0003_test_third"}));
}

TEST_F(StoreTest, AMigrationWithABrokenSecondStatementLeavesNoTableAndNoRecord) {
  auto migrations = steps(1);
  migrations.push_back({2, "test_broken",
                        "CREATE TABLE broken_table (id BIGINT PRIMARY KEY);\n"
                        "INSERT INTO no_such_table (id) VALUES (1);\n"});
  const auto message = message_of<std::runtime_error>([&] { migrate(*db_, migrations); });
  EXPECT_TRUE(contains(message, "0002_test_broken"));
  EXPECT_TRUE(has_table("first_table"));
  EXPECT_FALSE(has_table("broken_table"));
  EXPECT_EQ(recorded_migrations(), std::vector<std::string>{"1 test_first"});
  EXPECT_EQ(schema_version(*db_), 1);
}

TEST_F(StoreTest, RefusesADatabaseMigratedByANewerLodestarAndChangesNothing) {
  migrate(*db_, steps(1));
  db_->write([](Tx& tx) {
    tx.exec(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (99, 'from_the_future', '2030-01-01T00:00:00Z')");
  });
  const auto tables_before = tables();
  const auto recorded_before = recorded_migrations();

  const auto message = message_of<SchemaTooNew>([&] { migrate(*db_, steps(3)); });
  EXPECT_TRUE(contains(message,
                       "is at schema version 99, but this Lodestar knows only up to 3: "
                       "upgrade Lodestar, or point it at another database"));
  EXPECT_TRUE(contains(message, db_->display_url()));
  EXPECT_EQ(tables(), tables_before);
  EXPECT_EQ(recorded_migrations(), recorded_before);
  EXPECT_EQ(schema_version(*db_), 99);
}

TEST_F(StoreTest, ServersMigratingAtOnceApplyEachStepOnce) {
  // Two processes' worth of pools on one database, migrating at the same moment.
  auto other = Database::open(url_, 2);
  std::vector<MigrationReport> reports(2);
  std::vector<std::string> errors(2);
  auto run = [&](Database& db, int i) {
    try {
      reports[i] = migrate(db, steps(3));
    } catch (const std::exception& error) {
      errors[i] = error.what();
    }
  };
  std::thread a(run, std::ref(*db_), 0), b(run, std::ref(*other), 1);
  a.join();
  b.join();
  EXPECT_EQ(errors, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(reports[0].applied.size() + reports[1].applied.size(), 3u);
  EXPECT_EQ(recorded_migrations().size(), 3u);
  EXPECT_EQ(count("second_table"), 1);
}

}  // namespace
}  // namespace lodestar::store
