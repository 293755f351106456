// The plan's SQL on both databases: a whole plan read back as written, in its order, and the
// demo's plan, whose measures must show a district every standing.
#include "planning/store.h"

#include <set>

#include <gtest/gtest.h>

#include "demo/demo.h"
#include "demo/planning.h"
#include "platform/store/migrations.h"
#include "support/test_database.h"

namespace lodestar::planning {
namespace {

std::unique_ptr<store::Database> fresh_database() {
  auto db = store::Database::open(testing::test_database_url(), 2);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  return db;
}

constexpr const char* kNow = "2026-01-01T00:00:00Z";

void district(store::Tx& tx) {
  tx.exec(
      "INSERT INTO orgs (sourced_id, name, type, identifier, parent_sourced_id) VALUES ('d1', "
      "'Valley Unified', 'district', '', NULL)");
  tx.exec(
      "INSERT INTO people (sourced_id, oneroster_role, username, given_name, family_name, email, "
      "grades) VALUES ('p1', 'administrator', 'rosa', 'Rosa', 'Ibarra', NULL, '')");
}

Action action(std::string id, std::string strategy, std::vector<std::string> depends_on = {}) {
  Action a;
  a.id = std::move(id);
  a.strategy_id = std::move(strategy);
  a.title = "Step " + a.id;
  a.starts_on = "2026-01-05";
  a.due_on = "2026-03-31";
  a.depends_on = std::move(depends_on);
  return a;
}

TEST(PlanningStore, ReadsAWholePlanBackAsWrittenInItsOrder) {
  auto db = fresh_database();
  db->write([](store::Tx& tx) {
    district(tx);
    db::insert_funding_source(tx, {"f1", "d1", "E-Rate", 0, true});
    Plan plan;
    plan.id = "plan";
    plan.org_id = "d1";
    plan.title = "Technology plan";
    plan.starts_on = "2026-01-01";
    plan.ends_on = "2028-12-31";
    db::insert_plan(tx, plan, kNow);
    // Inserted second-goal-first: the read follows position, not insertion.
    db::insert_goal(tx, Goal{"g2", "plan", "G2", "Access", "", {}, {}}, 1, kNow);
    db::insert_goal(tx, Goal{"g1", "plan", "G1", "Leaders", "Grow them", {}, {}}, 0, kNow);
    db::insert_strategy(tx, Strategy{"s1", "g1", "Cycles", "", {}}, 0, kNow);
    db::insert_strategy(tx, Strategy{"s2", "g2", "Devices", "", {}}, 0, kNow);
    auto first = action("a1", "s1");
    first.owner_id = "p1";
    first.budget_cents = 1234500;
    first.funding_source_id = "f1";
    first.budget_line = "Hotspots";
    first.status = "in_progress";
    db::insert_action(tx, first, 0, kNow);
    db::insert_action(tx, action("a2", "s1", {"a1"}), 1, kNow);
    db::insert_action(tx, action("a3", "s2", {"a1", "a2"}), 0, kNow);
    Measure m;
    m.id = "m1";
    m.goal_id = "g1";
    m.name = "Leaders proficient";
    m.unit = "%";
    m.direction = "increase";
    m.baseline = 30;
    m.baseline_on = "2026-01-01";
    m.target = 70;
    m.target_on = "2027-06-30";
    db::insert_measure(tx, m, 0, kNow);
    db::put_measurement(tx, "m1", {"v2", "2026-06-01", 41, "", "manual"}, "p1", kNow);
    db::put_measurement(tx, "m1", {"v1", "2026-03-01", 35, "", "manual"}, "p1", kNow);
    // The same date again replaces the value instead of adding a second one.
    db::put_measurement(tx, "m1", {"v3", "2026-03-01", 36, "corrected", "upload"}, "p1", kNow);
  });

  auto plan = db->read([](store::Tx& tx) { return db::plan(tx, "plan"); });
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->org_name, "Valley Unified");
  EXPECT_EQ(plan->status, "draft");
  ASSERT_EQ(plan->goals.size(), 2u);
  EXPECT_EQ(plan->goals[0].code, "G1");
  EXPECT_EQ(plan->goals[0].description, "Grow them");
  ASSERT_EQ(plan->goals[0].strategies.size(), 1u);
  const auto& actions = plan->goals[0].strategies[0].actions;
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].owner_name, "Rosa Ibarra");
  EXPECT_EQ(actions[0].budget_cents, 1234500);
  EXPECT_EQ(actions[0].funding_source_name, "E-Rate");
  EXPECT_EQ(actions[0].status, "in_progress");
  EXPECT_EQ(actions[1].status, "not_started");
  EXPECT_EQ(actions[1].depends_on, std::vector<std::string>{"a1"});
  EXPECT_EQ(plan->goals[1].strategies[0].actions[0].depends_on,
            (std::vector<std::string>{"a1", "a2"}));
  ASSERT_EQ(plan->goals[0].measures.size(), 1u);
  const auto& values = plan->goals[0].measures[0].measurements;
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].measured_on, "2026-03-01");
  EXPECT_DOUBLE_EQ(values[0].value, 36);
  EXPECT_EQ(values[0].source, "upload");
  EXPECT_EQ(values[1].measured_on, "2026-06-01");

  auto all = db->read([](store::Tx& tx) { return db::plans(tx); });
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].goals, 2);
  EXPECT_EQ(all[0].actions, 3);
  EXPECT_EQ(all[0].actions_done, 0);
  EXPECT_FALSE(db->read([](store::Tx& tx) { return db::plan(tx, "none"); }));
}

TEST(PlanningStore, AStepCannotDependOnItself) {
  auto db = fresh_database();
  EXPECT_ANY_THROW(db->write([](store::Tx& tx) {
    district(tx);
    Plan plan;
    plan.id = "plan";
    plan.org_id = "d1";
    plan.title = "Plan";
    plan.starts_on = "2026-01-01";
    plan.ends_on = "2026-12-31";
    db::insert_plan(tx, plan, kNow);
    db::insert_goal(tx, Goal{"g1", "plan", "G1", "Goal", "", {}, {}}, 0, kNow);
    db::insert_strategy(tx, Strategy{"s1", "g1", "Strategy", "", {}}, 0, kNow);
    db::insert_action(tx, action("a1", "s1", {"a1"}), 0, kNow);
  }));
  // Nothing of that unit of work stayed.
  EXPECT_TRUE(db->read([](store::Tx& tx) { return db::plans(tx); }).empty());
}

TEST(PlanningDemo, LoadsAPlanOnceWhoseMeasuresShowEveryStanding) {
  auto db = fresh_database();
  ASSERT_TRUE(demo::load(*db).loaded);
  ASSERT_TRUE(demo::load_planning(*db));
  EXPECT_FALSE(demo::load_planning(*db));  // once

  auto plan = db->read([](store::Tx& tx) { return db::plan(tx, demo::kDemoPlan); });
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->published);
  ASSERT_EQ(plan->goals.size(), 4u);
  std::set<std::string> ids, standings;
  for (const auto& goal : plan->goals) {
    EXPECT_FALSE(goal.strategies.empty()) << goal.code;
    EXPECT_FALSE(goal.measures.empty()) << goal.code;
    for (const auto& s : goal.strategies) {
      for (const auto& a : s.actions) {
        ids.insert(a.id);
        EXPECT_LE(a.starts_on, a.due_on) << a.id;
      }
    }
    for (const auto& m : goal.measures) {
      EXPECT_GE(m.measurements.size(), 5u) << m.name;
      standings.insert(std::string(standing_key(track(m, "2026-11-23").standing)));
    }
  }
  for (const auto& goal : plan->goals) {
    for (const auto& s : goal.strategies) {
      for (const auto& a : s.actions) {
        for (const auto& on : a.depends_on) EXPECT_TRUE(ids.contains(on)) << a.id;
      }
    }
  }
  EXPECT_TRUE(standings.contains("on_track"));
  EXPECT_TRUE(standings.contains("at_risk"));
  EXPECT_TRUE(standings.contains("off_track"));
}

}  // namespace
}  // namespace lodestar::planning
