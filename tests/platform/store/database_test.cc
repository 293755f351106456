// The parts of the storage layer that need no second database: SQL scripts, URLs and open
// errors, rows, and what only SQLite does (pragmas, BEGIN IMMEDIATE under concurrent writers).
// Behaviour that must hold on both databases is in tests/integration/store_test.cc.
#include "platform/store/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <thread>

#include "support/assertions.h"
#include "support/test_database.h"

namespace lodestar::store {
namespace {

using testing::contains;
using testing::message_of;

// A fresh temporary folder (removed when the test program exits).
std::filesystem::path temporary_folder() {
  return std::filesystem::path(testing::test_database_url().substr(7)).parent_path();
}

// --- split_statements ---------------------------------------------------------------------------

TEST(SplitStatements, SplitsAtSemicolonsThatEndALine) {
  EXPECT_EQ(
      split_statements("CREATE TABLE a (x INTEGER);\n"
                       "CREATE TABLE b (\n"
                       "  y TEXT\n"
                       ");  \n"),
      (std::vector<std::string>{"CREATE TABLE a (x INTEGER)", "CREATE TABLE b (\n  y TEXT\n)"}));
}

TEST(SplitStatements, IgnoresCommentLinesAndTrailingComments) {
  EXPECT_EQ(split_statements("-- Settings; one per key;\n"
                             "\n"
                             "CREATE TABLE a (x INTEGER); -- the first;\n"
                             "   -- indented comment;\n"
                             "INSERT INTO a VALUES (1);\n"
                             "-- the end\n"),
            (std::vector<std::string>{"CREATE TABLE a (x INTEGER)", "INSERT INTO a VALUES (1)"}));
}

TEST(SplitStatements, KeepsSemicolonsAndDashesInsideALine) {
  EXPECT_EQ(split_statements("INSERT INTO a VALUES ('x; y', 'a -- b');\n"),
            std::vector<std::string>{"INSERT INTO a VALUES ('x; y', 'a -- b')"});
}

TEST(SplitStatements, KeepsALastStatementWithoutSemicolon) {
  EXPECT_EQ(split_statements("SELECT 1;\r\nSELECT 2\n\n"),
            (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
}

TEST(SplitStatements, AScriptOfCommentsHasNoStatements) {
  EXPECT_TRUE(split_statements("").empty());
  EXPECT_TRUE(split_statements("-- nothing yet;\n\n  \n").empty());
}

// Known limitation, pinned so that a change to it is deliberate (and database.h is updated): a
// line is read on its own, so a semicolon ending a line inside a string literal ends the
// statement there. Migrations keep such semicolons off line ends.
TEST(SplitStatements, KnownLimitationSemicolonEndingALineInsideALiteralSplits) {
  EXPECT_EQ(split_statements("INSERT INTO a VALUES ('first;\nsecond');\n"),
            (std::vector<std::string>{"INSERT INTO a VALUES ('first", "second')"}));
}

// --- Opening ------------------------------------------------------------------------------------

TEST(DatabaseOpen, CreatesTheFolderOfTheFile) {
  const auto file = temporary_folder() / "var" / "deep" / "lodestar.db";
  auto db = Database::open("sqlite:" + file.string(), 1);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(db->dialect(), Dialect::kSqlite);
  EXPECT_EQ(db->display_url(), "sqlite:" + file.string());
}

TEST(DatabaseOpen, RefusesAnInMemoryDatabase) {
  EXPECT_TRUE(contains(message_of<std::runtime_error>([] { Database::open("sqlite::memory:", 2); }),
                       "each pooled connection would see its own database"));
}

TEST(DatabaseOpen, RefusesAnUnknownKindOfDatabase) {
  const auto message = message_of<std::runtime_error>(
      [] { Database::open("mysql://root:hunter2@localhost/lodestar", 1); });
  EXPECT_TRUE(contains(message, "use sqlite:PATH or postgresql://"));
  EXPECT_FALSE(contains(message, "hunter2"));
}

TEST(DatabaseOpen, AnSqliteErrorNamesTheDatabaseAndWhatToDo) {
  const auto folder = temporary_folder();
  std::ofstream(folder / "not-a-folder") << "a file";
  const std::string url = "sqlite:" + (folder / "not-a-folder" / "lodestar.db").string();
  const auto message = message_of<std::runtime_error>([&] { Database::open(url, 1); });
  EXPECT_TRUE(contains(message, url));
  EXPECT_TRUE(contains(message, "Check the path"));
}

TEST(DatabaseOpen, APostgresqlErrorNamesTheDatabaseWithoutItsPassword) {
  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  const auto message = message_of<std::runtime_error>(
      [] { Database::open("postgresql://alice:s3cret@127.0.0.1:1/district?sslmode=disable", 1); });
  EXPECT_TRUE(contains(message, "postgresql://alice@127.0.0.1:1/district?sslmode=disable"));
  EXPECT_TRUE(contains(message, "Check that the server is running"));
  EXPECT_FALSE(contains(message, "s3cret"));
}

TEST(DatabaseOpen, APasswordGivenAsAnOptionIsHiddenToo) {
  const auto message = message_of<std::runtime_error>([] {
    Database::open("postgres://alice@127.0.0.1:1/district?password=s3cret&connect_timeout=2", 1);
  });
  EXPECT_TRUE(contains(message, "postgres://alice@127.0.0.1:1/district?connect_timeout=2"));
  EXPECT_FALSE(contains(message, "s3cret"));
}

// --- SQLite -------------------------------------------------------------------------------------

TEST(SqliteDatabase, EveryConnectionHasWalForeignKeysBusyTimeoutAndNormalSync) {
  auto db = Database::open(testing::test_database_url(), 3);
  auto check = [](Tx& tx) {
    EXPECT_EQ(tx.query_one("PRAGMA journal_mode")->text("journal_mode"), "wal");
    EXPECT_EQ(tx.query_one("PRAGMA foreign_keys")->integer("foreign_keys"), 1);
    EXPECT_EQ(tx.query_one("PRAGMA busy_timeout")->integer("timeout"), 10000);
    EXPECT_EQ(tx.query_one("PRAGMA synchronous")->integer("synchronous"), 1);  // NORMAL
  };
  // Nested units of work hold all three connections at once.
  db->read([&](Tx& a) {
    check(a);
    db->read([&](Tx& b) {
      check(b);
      db->read([&](Tx& c) { check(c); });
    });
  });
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
  auto db = Database::open(testing::test_database_url(), 1);
  db->write([](Tx& tx) {
    tx.exec("CREATE TABLE schools (id INTEGER PRIMARY KEY)");
    tx.exec(
        "CREATE TABLE plans (id INTEGER PRIMARY KEY, school_id INTEGER NOT NULL "
        "REFERENCES schools (id))");
  });
  EXPECT_THROW(
      db->write([](Tx& tx) { tx.exec("INSERT INTO plans (id, school_id) VALUES (1, 7)"); }),
      std::runtime_error);
}

// SOCI 4.0.3 reads a column declared INTEGER into a 32-bit int; Lodestar must not.
TEST(SqliteDatabase, AnIntegerColumnKeepsAll64Bits) {
  auto db = Database::open(testing::test_database_url(), 1);
  const std::int64_t big = 9007199254740993;
  db->write([&](Tx& tx) {
    tx.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)");
    tx.exec("INSERT INTO t (id, n) VALUES (:id, :n)", {{"id", big}, {"n", -big}});
  });
  const auto row =
      db->read([](Tx& tx) { return tx.query_one("SELECT id, n, id + 0 AS e FROM t"); });
  EXPECT_EQ(std::get<std::int64_t>(row->at("id")), big);
  EXPECT_EQ(std::get<std::int64_t>(row->at("n")), -big);
  EXPECT_EQ(std::get<std::int64_t>(row->at("e")), big);
}

// SOCI describes a column whose declared type it does not know by stepping the statement once;
// an INSERT … RETURNING must still insert one row, and give it back.
TEST(SqliteDatabase, InsertReturningInsertsOnceWhateverTheColumnTypes) {
  auto db = Database::open(testing::test_database_url(), 1);
  db->write([](Tx& tx) {
    tx.exec("CREATE TABLE documents (id INTEGER PRIMARY KEY, body JSON, at DATETIME)");
  });
  const auto row = db->write([](Tx& tx) {
    return tx.query_one(
        "INSERT INTO documents (body, at) VALUES (:body, :at) RETURNING id, body, at",
        {{"body", "{}"}, {"at", "2024-08-14T16:05:00Z"}});
  });
  EXPECT_EQ(row->integer("id"), 1);
  EXPECT_EQ(row->text("body"), "{}");
  EXPECT_EQ(row->text("at"), "2024-08-14T16:05:00Z");
  EXPECT_EQ(db->read([](Tx& tx) {
    return tx.query_one("SELECT COUNT(*) AS n FROM documents")->integer("n");
  }),
            1);
}

// Read-modify-write from many threads: only correct if writers queue (BEGIN IMMEDIATE plus the
// busy timeout) rather than fail to upgrade a read lock or interleave.
TEST(SqliteDatabase, ConcurrentWritersFromSeveralThreadsAllSucceedAndTheCountIsExact) {
  auto db = Database::open(testing::test_database_url(), 4);
  db->write([](Tx& tx) {
    tx.exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    tx.exec("INSERT INTO counter (id, n) VALUES (1, 0)");
  });
  constexpr int kThreads = 8, kWrites = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWrites; ++i) {
        try {
          db->write([](Tx& tx) {
            const auto n = tx.query_one("SELECT n FROM counter WHERE id = 1")->integer("n");
            tx.exec("UPDATE counter SET n = :n WHERE id = 1", {{"n", n + 1}});
          });
        } catch (const std::exception& error) {
          ADD_FAILURE() << error.what();
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT n FROM counter")->integer("n"); }),
            kThreads * kWrites);
}

// --- The pool -----------------------------------------------------------------------------------

TEST(DatabasePool, StatsReflectALeaseInProgressAndItsReturnAfterAThrow) {
  auto db = Database::open(testing::test_database_url(), 2);
  EXPECT_EQ(db->stats().size, 2u);
  db->read([&](Tx&) { EXPECT_EQ(db->stats().in_use, 1u); });
  EXPECT_THROW(db->write([&](Tx&) {
    EXPECT_EQ(db->stats().in_use, 1u);
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  EXPECT_EQ(db->stats().in_use, 0u);
}

TEST(DatabasePool, PingIsTrueOnALiveDatabaseAndFalseWhenNoConnectionComesFree) {
  auto db = Database::open(testing::test_database_url(), 1);
  EXPECT_TRUE(db->ping());
  db->read([&](Tx&) { EXPECT_FALSE(db->ping(std::chrono::milliseconds(20))); });
  EXPECT_TRUE(db->ping());
}

TEST(DatabasePool, AUnitOfWorkWaitsForAConnectionToComeFree) {
  auto db = Database::open(testing::test_database_url(), 1);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    db->read([&](Tx&) {
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    });
  });
  while (!holding) std::this_thread::yield();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT 1 AS one")->integer("one"); }), 1);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  holder.join();
}

// --- Rows ---------------------------------------------------------------------------------------

Row sample_row() {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"id", "name", "score", "count_text", "missing"});
  return Row(names, {std::int64_t{42}, std::string("Ada"), 2.5, std::string("17"), nullptr});
}

TEST(StoreRow, ReadsColumnsByNameAndPosition) {
  const Row row = sample_row();
  EXPECT_EQ(row.size(), 5u);
  EXPECT_EQ(std::get<std::string>(row.at(1)), "Ada");
  EXPECT_EQ(row.integer("id"), 42);
  EXPECT_EQ(row.text("id"), "42");
  EXPECT_EQ(row.text("score"), "2.5");
  EXPECT_EQ(row.real("score"), 2.5);
  EXPECT_EQ(row.real("id"), 42.0);
  EXPECT_EQ(row.integer("count_text"), 17);
  EXPECT_TRUE(row.is_null("missing"));
  EXPECT_FALSE(row.optional_text("missing").has_value());
  EXPECT_FALSE(row.optional_integer("missing").has_value());
  EXPECT_EQ(row.optional_integer("id"), 42);
}

TEST(StoreRow, NullAndUnknownColumnsAreErrorsNotDefaults) {
  const Row row = sample_row();
  EXPECT_THROW(row.text("missing"), std::out_of_range);
  EXPECT_THROW(row.integer("missing"), std::out_of_range);
  EXPECT_THROW(row.real("missing"), std::out_of_range);
  EXPECT_TRUE(contains(message_of<std::out_of_range>([&] { row.at("nmae"); }), "id, name"));
  EXPECT_THROW(row.integer("name"), std::invalid_argument);
  EXPECT_THROW(row.integer("score"), std::invalid_argument);
}

}  // namespace
}  // namespace lodestar::store
