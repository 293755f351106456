// Tx::prepare: a statement prepared once and run many times (bulk loads).
#include <gtest/gtest.h>

#include "platform/store/database.h"
#include "support/test_database.h"

namespace lodestar::store {
namespace {

TEST(Prepared, RunsManyTimesWithPositionalValuesInNameOrder) {
  auto db = Database::open(testing::test_database_url(), 1);
  db->write([](Tx& tx) {
    tx.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT)");
    auto insert = tx.prepare(
        "INSERT INTO t (id, n, note) VALUES (:id, :n, :note) "
        "ON CONFLICT (id) DO UPDATE SET n = excluded.n WHERE t.n IS DISTINCT FROM excluded.n");
    EXPECT_EQ(insert->parameters(), (std::vector<std::string>{"id", "n", "note"}));
    EXPECT_EQ(insert->run({"a", "1", std::nullopt}), 1);
    EXPECT_EQ(insert->run({"b", "2", "x:y"}), 1);
    EXPECT_EQ(insert->run({"a", "1", std::nullopt}), 0);  // unchanged: no row counted
    EXPECT_EQ(insert->run({"a", "3", std::nullopt}), 1);
    EXPECT_THROW(insert->run({"a"}), std::invalid_argument);
    auto select = tx.prepare("SELECT id, n, note FROM t WHERE n >= :min ORDER BY id");
    const auto rows = select->query({"2"});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].text("id"), "a");
    EXPECT_EQ(rows[0].integer("n"), 3);
    EXPECT_TRUE(rows[0].is_null("note"));
    EXPECT_EQ(rows[1].text("note"), "x:y");
  });
}

TEST(Prepared, RefusesSeveralStatementsAndBadSql) {
  auto db = Database::open(testing::test_database_url(), 1);
  db->write([](Tx& tx) {
    EXPECT_THROW(tx.prepare("SELECT 1; SELECT 2"), std::invalid_argument);
    EXPECT_THROW(tx.prepare("SELEC nothing"), std::runtime_error);
  });
}

}  // namespace
}  // namespace lodestar::store
