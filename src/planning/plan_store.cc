#include "planning/plan_store.h"

namespace lodestar::planning::plandb {
namespace {

store::Value optional(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

std::optional<Owner> owner_of(store::Tx& tx, const char* sql, std::string_view id) {
  auto row = tx.query_one(sql, {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return Owner{row->text("plan_id"), row->text("org_id")};
}

std::int64_t next_position(store::Tx& tx, const char* sql, std::string_view parent) {
  auto row = tx.query_one(sql, {{"parent", std::string(parent)}});
  return row ? row->integer("next") : 0;
}

}  // namespace

std::optional<Owner> plan_of_goal(store::Tx& tx, std::string_view goal_id) {
  return owner_of(tx,
                  "SELECT p.id AS plan_id, p.org_id FROM planning_goals g JOIN planning_plans p ON "
                  "p.id = g.plan_id WHERE g.id = :id",
                  goal_id);
}

std::optional<Owner> plan_of_strategy(store::Tx& tx, std::string_view strategy_id) {
  return owner_of(
      tx,
      "SELECT p.id AS plan_id, p.org_id FROM planning_strategies s JOIN planning_goals "
      "g ON g.id = s.goal_id JOIN planning_plans p ON p.id = g.plan_id WHERE s.id = :id",
      strategy_id);
}

std::optional<Owner> plan_of_action(store::Tx& tx, std::string_view action_id) {
  return owner_of(tx,
                  "SELECT p.id AS plan_id, p.org_id FROM planning_actions a JOIN "
                  "planning_strategies s ON s.id = a.strategy_id JOIN planning_goals g ON g.id = "
                  "s.goal_id JOIN planning_plans p ON p.id = g.plan_id WHERE a.id = :id",
                  action_id);
}

void update_plan(store::Tx& tx, const Plan& plan, std::string_view now) {
  tx.exec(
      "UPDATE planning_plans SET org_id = :org, title = :title, summary = :summary, starts_on = "
      ":starts, ends_on = :ends, status = :status, published = :published, updated_at = :now "
      "WHERE id = :id",
      {{"id", plan.id},
       {"org", plan.org_id},
       {"title", plan.title},
       {"summary", plan.summary},
       {"starts", plan.starts_on},
       {"ends", plan.ends_on},
       {"status", plan.status},
       {"published", std::int64_t{plan.published ? 1 : 0}},
       {"now", std::string(now)}});
}

void delete_plan(store::Tx& tx, std::string_view id) {
  tx.exec(
      "DELETE FROM alignments WHERE subject_type = 'plan_goal' AND subject_id IN (SELECT id FROM "
      "planning_goals WHERE plan_id = :id)",
      {{"id", std::string(id)}});
  tx.exec("DELETE FROM planning_plans WHERE id = :id", {{"id", std::string(id)}});
}

void update_goal(store::Tx& tx, const Goal& goal, std::string_view now) {
  tx.exec(
      "UPDATE planning_goals SET code = :code, title = :title, description = :description, "
      "updated_at = :now WHERE id = :id",
      {{"id", goal.id},
       {"code", goal.code},
       {"title", goal.title},
       {"description", goal.description},
       {"now", std::string(now)}});
}

void delete_goal(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM alignments WHERE subject_type = 'plan_goal' AND subject_id = :id",
          {{"id", std::string(id)}});
  tx.exec("DELETE FROM planning_goals WHERE id = :id", {{"id", std::string(id)}});
}

void update_strategy(store::Tx& tx, const Strategy& strategy, std::string_view now) {
  tx.exec(
      "UPDATE planning_strategies SET title = :title, description = :description, updated_at = "
      ":now WHERE id = :id",
      {{"id", strategy.id},
       {"title", strategy.title},
       {"description", strategy.description},
       {"now", std::string(now)}});
}

void delete_strategy(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_strategies WHERE id = :id", {{"id", std::string(id)}});
}

void update_action(store::Tx& tx, const Action& action, std::string_view now) {
  tx.exec(
      "UPDATE planning_actions SET title = :title, description = :description, owner_id = "
      ":owner, starts_on = :starts, due_on = :due, status = :status, budget_cents = :budget, "
      "budget_line = :line, funding_source_id = :funding, updated_at = :now WHERE id = :id",
      {{"id", action.id},
       {"title", action.title},
       {"description", action.description},
       {"owner", optional(action.owner_id)},
       {"starts", action.starts_on},
       {"due", action.due_on},
       {"status", action.status},
       {"budget", action.budget_cents},
       {"line", action.budget_line},
       {"funding", optional(action.funding_source_id)},
       {"now", std::string(now)}});
  tx.exec("DELETE FROM planning_action_dependencies WHERE action_id = :id", {{"id", action.id}});
  for (const auto& on : action.depends_on) {
    tx.exec(
        "INSERT INTO planning_action_dependencies (action_id, depends_on_id) VALUES (:action, "
        ":on)",
        {{"action", action.id}, {"on", on}});
  }
}

void set_action_report(store::Tx& tx, std::string_view id, std::string_view status,
                       std::string_view note, std::string_view evidence, std::string_view now) {
  tx.exec(
      "UPDATE planning_actions SET status = :status, status_note = :note, evidence_url = "
      ":evidence, updated_at = :now WHERE id = :id",
      {{"id", std::string(id)},
       {"status", std::string(status)},
       {"note", std::string(note)},
       {"evidence", std::string(evidence)},
       {"now", std::string(now)}});
}

void delete_action(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_actions WHERE id = :id", {{"id", std::string(id)}});
}

std::int64_t next_goal_position(store::Tx& tx, std::string_view plan_id) {
  return next_position(
      tx,
      "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_goals WHERE plan_id = :parent",
      plan_id);
}

std::int64_t next_strategy_position(store::Tx& tx, std::string_view goal_id) {
  return next_position(tx,
                       "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_strategies "
                       "WHERE goal_id = :parent",
                       goal_id);
}

std::int64_t next_action_position(store::Tx& tx, std::string_view strategy_id) {
  return next_position(tx,
                       "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_actions WHERE "
                       "strategy_id = :parent",
                       strategy_id);
}

std::optional<db::FundingSource> funding_source(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(
      "SELECT id, org_id, name, position, active FROM planning_funding_sources WHERE id = :id",
      {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return db::FundingSource{row->text("id"), row->text("org_id"), row->text("name"),
                           row->integer("position"), row->integer("active") != 0};
}

void rename_funding_source(store::Tx& tx, std::string_view id, std::string_view name) {
  tx.exec("UPDATE planning_funding_sources SET name = :name WHERE id = :id",
          {{"id", std::string(id)}, {"name", std::string(name)}});
}

void set_funding_source_active(store::Tx& tx, std::string_view id, bool active) {
  tx.exec("UPDATE planning_funding_sources SET active = :active WHERE id = :id",
          {{"id", std::string(id)}, {"active", std::int64_t{active ? 1 : 0}}});
}

void set_funding_source_position(store::Tx& tx, std::string_view id, std::int64_t position) {
  tx.exec("UPDATE planning_funding_sources SET position = :position WHERE id = :id",
          {{"id", std::string(id)}, {"position", position}});
}

bool funding_name_taken(store::Tx& tx, std::string_view org_id, std::string_view name,
                        std::string_view except_id) {
  return tx
      .query_one(
          "SELECT id FROM planning_funding_sources WHERE org_id = :org AND lower(name) = "
          "lower(:name) AND id <> :except",
          {{"org", std::string(org_id)},
           {"name", std::string(name)},
           {"except", std::string(except_id)}})
      .has_value();
}

std::map<std::string, std::int64_t> funding_use(store::Tx& tx, std::string_view org_id) {
  std::map<std::string, std::int64_t> out;
  for (const auto& row :
       tx.query("SELECT f.id, COUNT(a.id) AS n FROM planning_funding_sources f LEFT JOIN "
                "planning_actions a ON a.funding_source_id = f.id WHERE f.org_id = :org GROUP BY "
                "f.id",
                {{"org", std::string(org_id)}})) {
    out[row.text("id")] = row.integer("n");
  }
  return out;
}

std::vector<Person> staff(store::Tx& tx, std::string_view org_id) {
  std::vector<Person> out;
  for (const auto& row :
       tx.query("SELECT DISTINCT p.sourced_id, p.given_name, p.family_name FROM people p JOIN "
                "role_grants r ON r.person_sourced_id = p.sourced_id WHERE p.status = 'active' AND "
                "r.role IN ('district_leader', 'technology_director', 'technology_staff', "
                "'school_leader', 'coach', 'educator') AND (r.org_sourced_id = :org OR "
                "r.org_sourced_id IN (SELECT sourced_id FROM orgs WHERE parent_sourced_id = :org)) "
                "ORDER BY p.family_name, p.given_name, p.sourced_id",
                {{"org", std::string(org_id)}})) {
    out.push_back({row.text("sourced_id"), row.text("given_name") + " " + row.text("family_name")});
  }
  return out;
}

std::vector<Person> districts(store::Tx& tx) {
  std::vector<Person> out;
  for (const auto& row : tx.query(
           "SELECT sourced_id, name FROM orgs WHERE type = 'district' AND status = 'active' ORDER "
           "BY name")) {
    out.push_back({row.text("sourced_id"), row.text("name")});
  }
  return out;
}

bool within(store::Tx& tx, std::string_view org, std::string_view ancestor) {
  auto row = tx.query_one(R"(
      WITH RECURSIVE up (sourced_id, parent_sourced_id, depth) AS (
        SELECT sourced_id, parent_sourced_id, 0 FROM orgs WHERE sourced_id = :org
        UNION ALL
        SELECT o.sourced_id, o.parent_sourced_id, up.depth + 1
        FROM orgs o JOIN up ON o.sourced_id = up.parent_sourced_id
        WHERE up.depth < 32
      )
      SELECT sourced_id FROM up WHERE sourced_id = :ancestor)",
                          {{"org", std::string(org)}, {"ancestor", std::string(ancestor)}});
  return row.has_value();
}

std::map<std::string, std::vector<Indicator>> goal_indicators(store::Tx& tx,
                                                              std::string_view plan_id) {
  std::map<std::string, std::vector<Indicator>> out;
  for (const auto& row :
       tx.query("SELECT a.subject_id, i.id, i.human_coding_scheme, i.full_statement FROM "
                "alignments a JOIN case_items i ON i.id = a.item_id JOIN planning_goals g ON g.id "
                "= a.subject_id WHERE a.subject_type = 'plan_goal' AND a.status = 'accepted' AND "
                "g.plan_id = :plan ORDER BY a.subject_id, i.document_id, i.position",
                {{"plan", std::string(plan_id)}})) {
    out[row.text("subject_id")].push_back({row.text("id"),
                                           row.optional_text("human_coding_scheme").value_or(""),
                                           row.text("full_statement")});
  }
  return out;
}

std::vector<MyAction> actions_of(store::Tx& tx, std::string_view person_id) {
  std::vector<MyAction> out;
  for (const auto& row : tx.query(
           "SELECT a.id, a.strategy_id, a.title, a.starts_on, a.due_on, a.status, a.status_note, "
           "a.evidence_url, g.code, p.id AS plan_id, p.title AS plan_title FROM planning_actions "
           "a JOIN planning_strategies s ON s.id = a.strategy_id JOIN planning_goals g ON g.id = "
           "s.goal_id JOIN planning_plans p ON p.id = g.plan_id WHERE a.owner_id = :person AND "
           "p.status <> 'archived' ORDER BY a.due_on, a.title",
           {{"person", std::string(person_id)}})) {
    MyAction mine;
    mine.action.id = row.text("id");
    mine.action.strategy_id = row.text("strategy_id");
    mine.action.title = row.text("title");
    mine.action.starts_on = row.text("starts_on");
    mine.action.due_on = row.text("due_on");
    mine.action.status = row.text("status");
    mine.action.status_note = row.text("status_note");
    mine.action.evidence_url = row.text("evidence_url");
    mine.plan_id = row.text("plan_id");
    mine.plan_title = row.text("plan_title");
    mine.goal_code = row.text("code");
    out.push_back(std::move(mine));
  }
  return out;
}

}  // namespace lodestar::planning::plandb
