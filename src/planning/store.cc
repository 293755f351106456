#include "planning/store.h"

#include <unordered_map>

namespace lodestar::planning::db {
namespace {

Plan plan_of(const store::Row& row) {
  Plan p;
  p.id = row.text("id");
  p.org_id = row.text("org_id");
  p.org_name = row.text("org_name");
  p.title = row.text("title");
  p.summary = row.text("summary");
  p.starts_on = row.text("starts_on");
  p.ends_on = row.text("ends_on");
  p.status = row.text("status");
  p.published = row.integer("published") != 0;
  p.updated_at = row.text("updated_at");
  return p;
}

constexpr const char* kPlanColumns =
    "p.id, p.org_id, o.name AS org_name, p.title, p.summary, p.starts_on, p.ends_on, p.status, "
    "p.published, p.updated_at FROM planning_plans p JOIN orgs o ON o.sourced_id = p.org_id";

}  // namespace

std::vector<PlanSummary> plans(store::Tx& tx) {
  std::vector<PlanSummary> out;
  for (const auto& row : tx.query(
           "SELECT p.id, p.org_id, o.name AS org_name, p.title, p.starts_on, p.ends_on, p.status, "
           "p.published, p.updated_at, "
           "(SELECT COUNT(*) FROM planning_goals g WHERE g.plan_id = p.id) AS goals, "
           "(SELECT COUNT(*) FROM planning_actions a JOIN planning_strategies s ON s.id = "
           "a.strategy_id JOIN planning_goals g ON g.id = s.goal_id WHERE g.plan_id = p.id) AS "
           "actions, "
           "(SELECT COUNT(*) FROM planning_actions a JOIN planning_strategies s ON s.id = "
           "a.strategy_id JOIN planning_goals g ON g.id = s.goal_id WHERE g.plan_id = p.id AND "
           "a.status = 'done') AS actions_done "
           "FROM planning_plans p JOIN orgs o ON o.sourced_id = p.org_id "
           "ORDER BY p.starts_on DESC, p.title")) {
    PlanSummary s;
    s.id = row.text("id");
    s.org_id = row.text("org_id");
    s.org_name = row.text("org_name");
    s.title = row.text("title");
    s.starts_on = row.text("starts_on");
    s.ends_on = row.text("ends_on");
    s.status = row.text("status");
    s.published = row.integer("published") != 0;
    s.updated_at = row.text("updated_at");
    s.goals = row.integer("goals");
    s.actions = row.integer("actions");
    s.actions_done = row.integer("actions_done");
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Plan> plan_header(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(std::string("SELECT ") + kPlanColumns + " WHERE p.id = :id",
                          {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return plan_of(*row);
}

std::optional<Plan> plan(store::Tx& tx, std::string_view id) {
  auto found = plan_header(tx, id);
  if (!found) return std::nullopt;
  Plan& p = *found;
  store::Params params = {{"plan", std::string(id)}};

  std::unordered_map<std::string, std::size_t> goal_at;
  for (const auto& row :
       tx.query("SELECT id, code, title, description FROM planning_goals WHERE plan_id = :plan "
                "ORDER BY position, code",
                params)) {
    Goal g;
    g.id = row.text("id");
    g.plan_id = p.id;
    g.code = row.text("code");
    g.title = row.text("title");
    g.description = row.text("description");
    goal_at.emplace(g.id, p.goals.size());
    p.goals.push_back(std::move(g));
  }

  // Strategies: goal index and position within the goal.
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> strategy_at;
  for (const auto& row :
       tx.query("SELECT s.id, s.goal_id, s.title, s.description FROM planning_strategies s JOIN "
                "planning_goals g ON g.id = s.goal_id WHERE g.plan_id = :plan ORDER BY s.position",
                params)) {
    auto gi = goal_at.at(row.text("goal_id"));
    Strategy s;
    s.id = row.text("id");
    s.goal_id = row.text("goal_id");
    s.title = row.text("title");
    s.description = row.text("description");
    strategy_at.emplace(s.id, std::pair{gi, p.goals[gi].strategies.size()});
    p.goals[gi].strategies.push_back(std::move(s));
  }

  std::unordered_map<std::string, Action*> action_of;
  for (const auto& row : tx.query(
           "SELECT a.id, a.strategy_id, a.title, a.description, a.owner_id, "
           "pe.given_name || ' ' || pe.family_name AS owner_name, a.starts_on, a.due_on, a.status, "
           "a.budget_cents, a.budget_line, a.funding_source_id, f.name AS funding_source_name, "
           "a.status_note, a.evidence_url FROM planning_actions a "
           "JOIN planning_strategies s ON s.id = a.strategy_id "
           "JOIN planning_goals g ON g.id = s.goal_id "
           "LEFT JOIN people pe ON pe.sourced_id = a.owner_id "
           "LEFT JOIN planning_funding_sources f ON f.id = a.funding_source_id "
           "WHERE g.plan_id = :plan ORDER BY a.position",
           params)) {
    auto [gi, si] = strategy_at.at(row.text("strategy_id"));
    Action a;
    a.id = row.text("id");
    a.strategy_id = row.text("strategy_id");
    a.title = row.text("title");
    a.description = row.text("description");
    a.owner_id = row.optional_text("owner_id").value_or("");
    a.owner_name = row.optional_text("owner_name").value_or("");
    a.starts_on = row.text("starts_on");
    a.due_on = row.text("due_on");
    a.status = row.text("status");
    a.budget_cents = row.integer("budget_cents");
    a.budget_line = row.text("budget_line");
    a.funding_source_id = row.optional_text("funding_source_id").value_or("");
    a.funding_source_name = row.optional_text("funding_source_name").value_or("");
    a.status_note = row.text("status_note");
    a.evidence_url = row.text("evidence_url");
    p.goals[gi].strategies[si].actions.push_back(std::move(a));
  }
  for (auto& g : p.goals) {
    for (auto& s : g.strategies) {
      for (auto& a : s.actions) action_of.emplace(a.id, &a);
    }
  }
  for (const auto& row :
       tx.query("SELECT d.action_id, d.depends_on_id FROM planning_action_dependencies d "
                "JOIN planning_actions a ON a.id = d.action_id "
                "JOIN planning_strategies s ON s.id = a.strategy_id "
                "JOIN planning_goals g ON g.id = s.goal_id WHERE g.plan_id = :plan "
                "ORDER BY d.action_id, d.depends_on_id",
                params)) {
    auto it = action_of.find(row.text("action_id"));
    if (it != action_of.end()) it->second->depends_on.push_back(row.text("depends_on_id"));
  }

  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> measure_at;
  for (const auto& row :
       tx.query("SELECT m.id, m.goal_id, m.name, m.unit, m.direction, m.baseline, m.baseline_on, "
                "m.target, m.target_on, m.computation, m.parameters FROM planning_measures m "
                "JOIN planning_goals g ON g.id = m.goal_id WHERE g.plan_id = :plan "
                "ORDER BY m.position",
                params)) {
    auto gi = goal_at.at(row.text("goal_id"));
    Measure m;
    m.id = row.text("id");
    m.goal_id = row.text("goal_id");
    m.name = row.text("name");
    m.unit = row.text("unit");
    m.direction = row.text("direction");
    m.baseline = row.real("baseline");
    m.baseline_on = row.text("baseline_on");
    m.target = row.real("target");
    m.target_on = row.text("target_on");
    m.computation = row.optional_text("computation");
    m.parameters = row.text("parameters");
    measure_at.emplace(m.id, std::pair{gi, p.goals[gi].measures.size()});
    p.goals[gi].measures.push_back(std::move(m));
  }
  for (const auto& row :
       tx.query("SELECT v.id, v.measure_id, v.measured_on, v.value, v.note, v.source "
                "FROM planning_measurements v JOIN planning_measures m ON m.id = v.measure_id "
                "JOIN planning_goals g ON g.id = m.goal_id WHERE g.plan_id = :plan "
                "ORDER BY v.measure_id, v.measured_on",
                params)) {
    auto [gi, mi] = measure_at.at(row.text("measure_id"));
    p.goals[gi].measures[mi].measurements.push_back({row.text("id"), row.text("measured_on"),
                                                     row.real("value"), row.text("note"),
                                                     row.text("source")});
  }
  return found;
}

std::vector<FundingSource> funding_sources(store::Tx& tx, std::string_view org_id) {
  std::vector<FundingSource> out;
  for (const auto& row :
       tx.query("SELECT id, org_id, name, position, active FROM planning_funding_sources WHERE "
                "org_id = :org ORDER BY position, name",
                {{"org", std::string(org_id)}})) {
    out.push_back({row.text("id"), row.text("org_id"), row.text("name"), row.integer("position"),
                   row.integer("active") != 0});
  }
  return out;
}

void insert_funding_source(store::Tx& tx, const FundingSource& source) {
  tx.exec(
      "INSERT INTO planning_funding_sources (id, org_id, name, position, active) VALUES (:id, "
      ":org, :name, :position, :active)",
      {{"id", source.id},
       {"org", source.org_id},
       {"name", source.name},
       {"position", source.position},
       {"active", std::int64_t{source.active ? 1 : 0}}});
}

void insert_plan(store::Tx& tx, const Plan& plan, std::string_view now) {
  tx.exec(
      "INSERT INTO planning_plans (id, org_id, title, summary, starts_on, ends_on, status, "
      "published, created_at, updated_at) VALUES (:id, :org, :title, :summary, :starts, :ends, "
      ":status, :published, :now, :now)",
      {{"id", plan.id},
       {"org", plan.org_id},
       {"title", plan.title},
       {"summary", plan.summary},
       {"starts", plan.starts_on},
       {"ends", plan.ends_on},
       {"status", plan.status.empty() ? std::string("draft") : plan.status},
       {"published", std::int64_t{plan.published ? 1 : 0}},
       {"now", std::string(now)}});
}

void insert_goal(store::Tx& tx, const Goal& goal, std::int64_t position, std::string_view now) {
  tx.exec(
      "INSERT INTO planning_goals (id, plan_id, position, code, title, description, created_at, "
      "updated_at) VALUES (:id, :plan, :position, :code, :title, :description, :now, :now)",
      {{"id", goal.id},
       {"plan", goal.plan_id},
       {"position", position},
       {"code", goal.code},
       {"title", goal.title},
       {"description", goal.description},
       {"now", std::string(now)}});
}

void insert_strategy(store::Tx& tx, const Strategy& strategy, std::int64_t position,
                     std::string_view now) {
  tx.exec(
      "INSERT INTO planning_strategies (id, goal_id, position, title, description, created_at, "
      "updated_at) VALUES (:id, :goal, :position, :title, :description, :now, :now)",
      {{"id", strategy.id},
       {"goal", strategy.goal_id},
       {"position", position},
       {"title", strategy.title},
       {"description", strategy.description},
       {"now", std::string(now)}});
}

namespace {

store::Value optional(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

}  // namespace

void insert_action(store::Tx& tx, const Action& action, std::int64_t position,
                   std::string_view now) {
  tx.exec(
      "INSERT INTO planning_actions (id, strategy_id, position, title, description, owner_id, "
      "starts_on, due_on, status, budget_cents, budget_line, funding_source_id, status_note, "
      "evidence_url, created_at, updated_at) VALUES (:id, :strategy, :position, :title, "
      ":description, :owner, :starts, :due, :status, :budget, :line, :funding, :note, :evidence, "
      ":now, :now)",
      {{"id", action.id},
       {"strategy", action.strategy_id},
       {"position", position},
       {"title", action.title},
       {"description", action.description},
       {"owner", optional(action.owner_id)},
       {"starts", action.starts_on},
       {"due", action.due_on},
       {"status", action.status.empty() ? std::string("not_started") : action.status},
       {"budget", action.budget_cents},
       {"line", action.budget_line},
       {"funding", optional(action.funding_source_id)},
       {"note", action.status_note},
       {"evidence", action.evidence_url},
       {"now", std::string(now)}});
  for (const auto& on : action.depends_on) {
    tx.exec(
        "INSERT INTO planning_action_dependencies (action_id, depends_on_id) VALUES (:action, "
        ":on)",
        {{"action", action.id}, {"on", on}});
  }
}

void insert_measure(store::Tx& tx, const Measure& measure, std::int64_t position,
                    std::string_view now) {
  store::Value computation = nullptr;
  if (measure.computation) computation = *measure.computation;
  tx.exec(
      "INSERT INTO planning_measures (id, goal_id, position, name, unit, direction, baseline, "
      "baseline_on, target, target_on, computation, parameters, created_at, updated_at) VALUES "
      "(:id, :goal, :position, :name, :unit, :direction, :baseline, :baseline_on, :target, "
      ":target_on, :computation, :parameters, :now, :now)",
      {{"id", measure.id},
       {"goal", measure.goal_id},
       {"position", position},
       {"name", measure.name},
       {"unit", measure.unit},
       {"direction", measure.direction},
       {"baseline", measure.baseline},
       {"baseline_on", measure.baseline_on},
       {"target", measure.target},
       {"target_on", measure.target_on},
       {"computation", computation},
       {"parameters", measure.parameters},
       {"now", std::string(now)}});
}

void put_measurement(store::Tx& tx, std::string_view measure_id, const Measurement& measurement,
                     std::string_view recorded_by, std::string_view now) {
  tx.exec(
      "INSERT INTO planning_measurements (id, measure_id, measured_on, value, note, source, "
      "recorded_by, recorded_at) VALUES (:id, :measure, :on, :value, :note, :source, :by, :now) "
      "ON CONFLICT (measure_id, measured_on) DO UPDATE SET value = excluded.value, note = "
      "excluded.note, source = excluded.source, recorded_by = excluded.recorded_by, recorded_at "
      "= excluded.recorded_at",
      {{"id", measurement.id},
       {"measure", std::string(measure_id)},
       {"on", measurement.measured_on},
       {"value", measurement.value},
       {"note", measurement.note},
       {"source", measurement.source.empty() ? std::string("manual") : measurement.source},
       {"by", recorded_by.empty() ? store::Value(nullptr) : store::Value(std::string(recorded_by))},
       {"now", std::string(now)}});
}

}  // namespace lodestar::planning::db
