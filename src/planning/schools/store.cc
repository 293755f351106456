#include "planning/schools/store.h"

#include <map>

namespace lodestar::planning::schools::db {
namespace {

constexpr const char* kSchoolsUnder = R"(
    WITH RECURSIVE down (sourced_id, depth) AS (
      SELECT sourced_id, 0 FROM orgs WHERE sourced_id = :org
      UNION ALL
      SELECT o.sourced_id, down.depth + 1 FROM orgs o JOIN down ON o.parent_sourced_id = down.sourced_id
      WHERE down.depth < 32
    )
    SELECT o.sourced_id, o.name FROM orgs o JOIN down ON down.sourced_id = o.sourced_id
    WHERE o.type = 'school' AND o.status = 'active')";

store::Value owner_value(const std::string& id) {
  if (id.empty()) return nullptr;
  return id;
}

SchoolPlan plan_of_row(const store::Row& row) {
  SchoolPlan p;
  p.id = row.text("id");
  p.plan_id = row.text("plan_id");
  p.school_id = row.text("school_id");
  p.school_name = row.text("school_name");
  p.vision = row.text("vision");
  p.digital_citizenship = row.text("digital_citizenship");
  p.change_management = row.text("change_management");
  p.status = row.text("status");
  p.updated_at = row.text("updated_at");
  return p;
}

// Fills in the goals (with links and actions) of `plans`, three queries whatever their number.
void fill_goals(store::Tx& tx, std::vector<SchoolPlan>& plans, std::string_view where,
                const store::Params& params) {
  std::map<std::string, SchoolPlan*> by_id;
  for (auto& p : plans) by_id[p.id] = &p;
  std::map<std::string, SchoolGoal*> goals;
  const std::string from =
      " FROM planning_school_goals g JOIN planning_school_plans sp ON sp.id = g.school_plan_id "
      "WHERE " +
      std::string(where);
  for (const auto& row : tx.query("SELECT g.id, g.school_plan_id, g.title, g.achievement_goal, "
                                  "g.description" +
                                      from + " ORDER BY g.school_plan_id, g.position, g.id",
                                  params)) {
    auto it = by_id.find(row.text("school_plan_id"));
    if (it == by_id.end()) continue;
    it->second->goals.push_back({row.text("id"),
                                 row.text("title"),
                                 row.text("achievement_goal"),
                                 row.text("description"),
                                 {},
                                 {}});
  }
  for (auto& p : plans) {
    for (auto& g : p.goals) goals[g.id] = &g;
  }
  for (const auto& row : tx.query(
           "SELECT l.school_goal_id, l.goal_id FROM planning_school_goal_links l JOIN "
           "planning_goals dg ON dg.id = l.goal_id JOIN planning_school_goals g ON g.id = "
           "l.school_goal_id JOIN planning_school_plans sp ON sp.id = g.school_plan_id WHERE " +
               std::string(where) + " ORDER BY l.school_goal_id, dg.position",
           params)) {
    auto it = goals.find(row.text("school_goal_id"));
    if (it != goals.end()) it->second->district_goals.push_back(row.text("goal_id"));
  }
  for (const auto& row : tx.query(
           "SELECT a.id, a.school_goal_id, a.title, a.owner_id, a.due_on, a.status, p.given_name, "
           "p.family_name FROM planning_school_actions a JOIN planning_school_goals g ON g.id = "
           "a.school_goal_id JOIN planning_school_plans sp ON sp.id = g.school_plan_id LEFT JOIN "
           "people p ON p.sourced_id = a.owner_id WHERE " +
               std::string(where) + " ORDER BY a.school_goal_id, a.position, a.id",
           params)) {
    auto it = goals.find(row.text("school_goal_id"));
    if (it == goals.end()) continue;
    auto owner = row.optional_text("owner_id").value_or("");
    std::string name;
    if (!owner.empty()) {
      name = row.optional_text("given_name").value_or("") + " " +
             row.optional_text("family_name").value_or("");
    }
    it->second->actions.push_back({row.text("id"), row.text("school_goal_id"), row.text("title"),
                                   owner, name, row.text("due_on"), row.text("status")});
  }
}

constexpr const char* kPlanColumns =
    "SELECT sp.id, sp.plan_id, sp.school_id, o.name AS school_name, sp.vision, "
    "sp.digital_citizenship, sp.change_management, sp.status, sp.updated_at FROM "
    "planning_school_plans sp JOIN orgs o ON o.sourced_id = sp.school_id ";

void insert_links(store::Tx& tx, const SchoolGoal& goal) {
  for (const auto& g : goal.district_goals) {
    tx.exec("INSERT INTO planning_school_goal_links (school_goal_id, goal_id) VALUES (:s, :g)",
            {{"s", goal.id}, {"g", g}});
  }
}

}  // namespace

std::vector<School> schools_under(store::Tx& tx, std::string_view org_id) {
  std::vector<School> out;
  for (const auto& row : tx.query(std::string(kSchoolsUnder) + " ORDER BY o.name, o.sourced_id",
                                  {{"org", std::string(org_id)}})) {
    out.push_back({row.text("sourced_id"), row.text("name")});
  }
  return out;
}

std::optional<School> school_under(store::Tx& tx, std::string_view org_id, std::string_view id) {
  auto row = tx.query_one(std::string(kSchoolsUnder) + " AND o.sourced_id = :id",
                          {{"org", std::string(org_id)}, {"id", std::string(id)}});
  if (!row) return std::nullopt;
  return School{row->text("sourced_id"), row->text("name")};
}

std::vector<SchoolPlan> school_plans(store::Tx& tx, std::string_view plan_id) {
  std::vector<SchoolPlan> out;
  store::Params params{{"plan", std::string(plan_id)}};
  for (const auto& row :
       tx.query(std::string(kPlanColumns) + "WHERE sp.plan_id = :plan ORDER BY o.name", params)) {
    out.push_back(plan_of_row(row));
  }
  fill_goals(tx, out, "sp.plan_id = :plan", params);
  return out;
}

std::optional<SchoolPlan> school_plan(store::Tx& tx, std::string_view plan_id,
                                      std::string_view school_id) {
  store::Params params{{"plan", std::string(plan_id)}, {"school", std::string(school_id)}};
  auto row = tx.query_one(
      std::string(kPlanColumns) + "WHERE sp.plan_id = :plan AND sp.school_id = :school", params);
  if (!row) return std::nullopt;
  std::vector<SchoolPlan> one{plan_of_row(*row)};
  fill_goals(tx, one, "sp.plan_id = :plan AND sp.school_id = :school", params);
  return std::move(one.front());
}

void insert_school_plan(store::Tx& tx, const SchoolPlan& plan, std::string_view now) {
  tx.exec(
      "INSERT INTO planning_school_plans (id, plan_id, school_id, vision, digital_citizenship, "
      "change_management, status, created_at, updated_at) VALUES (:id, :plan, :school, :vision, "
      ":dc, :cm, :status, :now, :now)",
      {{"id", plan.id},
       {"plan", plan.plan_id},
       {"school", plan.school_id},
       {"vision", plan.vision},
       {"dc", plan.digital_citizenship},
       {"cm", plan.change_management},
       {"status", plan.status},
       {"now", std::string(now)}});
}

void update_school_plan(store::Tx& tx, const SchoolPlan& plan, std::string_view now) {
  tx.exec(
      "UPDATE planning_school_plans SET vision = :vision, digital_citizenship = :dc, "
      "change_management = :cm, status = :status, updated_at = :now WHERE id = :id",
      {{"id", plan.id},
       {"vision", plan.vision},
       {"dc", plan.digital_citizenship},
       {"cm", plan.change_management},
       {"status", plan.status},
       {"now", std::string(now)}});
}

void touch_school_plan(store::Tx& tx, std::string_view id, std::string_view now) {
  tx.exec("UPDATE planning_school_plans SET updated_at = :now WHERE id = :id",
          {{"id", std::string(id)}, {"now", std::string(now)}});
}

void insert_school_goal(store::Tx& tx, std::string_view school_plan_id, const SchoolGoal& goal,
                        std::string_view now) {
  auto next = tx.query_one(
      "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_school_goals WHERE "
      "school_plan_id = :p",
      {{"p", std::string(school_plan_id)}});
  tx.exec(
      "INSERT INTO planning_school_goals (id, school_plan_id, position, title, achievement_goal, "
      "description, created_at, updated_at) VALUES (:id, :p, :pos, :title, :ach, :desc, :now, "
      ":now)",
      {{"id", goal.id},
       {"p", std::string(school_plan_id)},
       {"pos", next->integer("next")},
       {"title", goal.title},
       {"ach", goal.achievement_goal},
       {"desc", goal.description},
       {"now", std::string(now)}});
  insert_links(tx, goal);
}

void update_school_goal(store::Tx& tx, const SchoolGoal& goal, std::string_view now) {
  tx.exec(
      "UPDATE planning_school_goals SET title = :title, achievement_goal = :ach, description = "
      ":desc, updated_at = :now WHERE id = :id",
      {{"id", goal.id},
       {"title", goal.title},
       {"ach", goal.achievement_goal},
       {"desc", goal.description},
       {"now", std::string(now)}});
  tx.exec("DELETE FROM planning_school_goal_links WHERE school_goal_id = :id", {{"id", goal.id}});
  insert_links(tx, goal);
}

void delete_school_goal(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_school_goals WHERE id = :id", {{"id", std::string(id)}});
}

void insert_school_action(store::Tx& tx, const SchoolAction& action, std::string_view now) {
  auto next = tx.query_one(
      "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_school_actions WHERE "
      "school_goal_id = :g",
      {{"g", action.goal_id}});
  tx.exec(
      "INSERT INTO planning_school_actions (id, school_goal_id, position, title, owner_id, "
      "due_on, status, created_at, updated_at) VALUES (:id, :g, :pos, :title, :owner, :due, "
      ":status, :now, :now)",
      {{"id", action.id},
       {"g", action.goal_id},
       {"pos", next->integer("next")},
       {"title", action.title},
       {"owner", owner_value(action.owner_id)},
       {"due", action.due_on},
       {"status", action.status},
       {"now", std::string(now)}});
}

void update_school_action(store::Tx& tx, const SchoolAction& action, std::string_view now) {
  tx.exec(
      "UPDATE planning_school_actions SET title = :title, owner_id = :owner, due_on = :due, "
      "status = :status, updated_at = :now WHERE id = :id",
      {{"id", action.id},
       {"title", action.title},
       {"owner", owner_value(action.owner_id)},
       {"due", action.due_on},
       {"status", action.status},
       {"now", std::string(now)}});
}

void delete_school_action(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_school_actions WHERE id = :id", {{"id", std::string(id)}});
}

}  // namespace lodestar::planning::schools::db
