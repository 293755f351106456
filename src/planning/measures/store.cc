#include "planning/measures/store.h"

namespace lodestar::planning::measures::db {
namespace {

store::Value nullable(std::string_view text) {
  if (text.empty()) return nullptr;
  return std::string(text);
}

constexpr const char* kPlaceColumns =
    "g.id AS goal_id, g.code AS goal_code, g.title AS goal_title, p.id AS plan_id, p.title AS "
    "plan_title, p.org_id";

GoalPlace place_of(const store::Row& row) {
  return {row.text("goal_id"), row.text("goal_code"),  row.text("goal_title"),
          row.text("plan_id"), row.text("plan_title"), row.text("org_id")};
}

}  // namespace

std::optional<std::string> org_of(store::Tx& tx, std::string_view kind, std::string_view id) {
  std::string sql;
  if (kind == "plan") {
    sql = "SELECT p.org_id FROM planning_plans p WHERE p.id = :id";
  } else if (kind == "goal") {
    sql =
        "SELECT p.org_id FROM planning_goals g JOIN planning_plans p ON p.id = g.plan_id "
        "WHERE g.id = :id";
  } else if (kind == "measure") {
    sql =
        "SELECT p.org_id FROM planning_measures m JOIN planning_goals g ON g.id = m.goal_id "
        "JOIN planning_plans p ON p.id = g.plan_id WHERE m.id = :id";
  } else if (kind == "measurement") {
    sql =
        "SELECT p.org_id FROM planning_measurements v JOIN planning_measures m ON m.id = "
        "v.measure_id JOIN planning_goals g ON g.id = m.goal_id JOIN planning_plans p ON p.id = "
        "g.plan_id WHERE v.id = :id";
  } else {
    sql =
        "SELECT p.org_id FROM planning_reviews r JOIN planning_plans p ON p.id = r.plan_id "
        "WHERE r.id = :id";
  }
  auto row = tx.query_one(sql, {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return row->text("org_id");
}

std::optional<GoalPlace> goal_place(store::Tx& tx, std::string_view goal_id) {
  auto row = tx.query_one(std::string("SELECT ") + kPlaceColumns +
                              " FROM planning_goals g JOIN planning_plans p ON p.id = g.plan_id "
                              "WHERE g.id = :id",
                          {{"id", std::string(goal_id)}});
  if (!row) return std::nullopt;
  return place_of(*row);
}

std::optional<MeasureRecord> measure(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(
      std::string("SELECT m.id, m.name, m.unit, m.direction, m.baseline, m.baseline_on, m.target, "
                  "m.target_on, m.computation, m.parameters, ") +
          kPlaceColumns +
          " FROM planning_measures m JOIN planning_goals g ON g.id = m.goal_id JOIN "
          "planning_plans p ON p.id = g.plan_id WHERE m.id = :id",
      {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  MeasureRecord out;
  auto& m = out.measure;
  m.id = row->text("id");
  m.goal_id = row->text("goal_id");
  m.name = row->text("name");
  m.unit = row->text("unit");
  m.direction = row->text("direction");
  m.baseline = row->real("baseline");
  m.baseline_on = row->text("baseline_on");
  m.target = row->real("target");
  m.target_on = row->text("target_on");
  m.computation = row->optional_text("computation");
  m.parameters = row->text("parameters");
  out.place = place_of(*row);
  for (const auto& v :
       tx.query("SELECT id, measured_on, value, note, source FROM planning_measurements WHERE "
                "measure_id = :id ORDER BY measured_on",
                {{"id", std::string(id)}})) {
    m.measurements.push_back(
        {v.text("id"), v.text("measured_on"), v.real("value"), v.text("note"), v.text("source")});
  }
  return out;
}

std::int64_t next_measure_position(store::Tx& tx, std::string_view goal_id) {
  auto row = tx.query_one(
      "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM planning_measures WHERE goal_id = :g",
      {{"g", std::string(goal_id)}});
  return row->integer("next");
}

void update_measure(store::Tx& tx, const Measure& measure, std::string_view now) {
  store::Value computation = nullptr;
  if (measure.computation) computation = *measure.computation;
  tx.exec(
      "UPDATE planning_measures SET name = :name, unit = :unit, direction = :direction, baseline "
      "= :baseline, baseline_on = :baseline_on, target = :target, target_on = :target_on, "
      "computation = :computation, parameters = :parameters, updated_at = :now WHERE id = :id",
      {{"id", measure.id},
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

void set_target(store::Tx& tx, std::string_view id, double target, std::string_view target_on,
                std::string_view now) {
  tx.exec(
      "UPDATE planning_measures SET target = :target, target_on = :target_on, updated_at = :now "
      "WHERE id = :id",
      {{"id", std::string(id)},
       {"target", target},
       {"target_on", std::string(target_on)},
       {"now", std::string(now)}});
}

void delete_measure(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_measures WHERE id = :id", {{"id", std::string(id)}});
}

std::optional<MeasurementRecord> measurement(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(
      "SELECT id, measure_id, measured_on, value, note, source FROM planning_measurements WHERE "
      "id = :id",
      {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return MeasurementRecord{{row->text("id"), row->text("measured_on"), row->real("value"),
                            row->text("note"), row->text("source")},
                           row->text("measure_id")};
}

std::optional<Measurement> measurement_on(store::Tx& tx, std::string_view measure_id,
                                          std::string_view date) {
  auto row = tx.query_one(
      "SELECT id, measured_on, value, note, source FROM planning_measurements WHERE measure_id = "
      ":m AND measured_on = :on",
      {{"m", std::string(measure_id)}, {"on", std::string(date)}});
  if (!row) return std::nullopt;
  return Measurement{row->text("id"), row->text("measured_on"), row->real("value"),
                     row->text("note"), row->text("source")};
}

void update_measurement(store::Tx& tx, std::string_view id, const Measurement& m,
                        std::string_view by, std::string_view now) {
  tx.exec(
      "UPDATE planning_measurements SET measured_on = :on, value = :value, note = :note, source "
      "= :source, recorded_by = :by, recorded_at = :now WHERE id = :id",
      {{"id", std::string(id)},
       {"on", m.measured_on},
       {"value", m.value},
       {"note", m.note},
       {"source", m.source},
       {"by", nullable(by)},
       {"now", std::string(now)}});
}

void delete_measurement(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM planning_measurements WHERE id = :id", {{"id", std::string(id)}});
}

Count growth_at_level(store::Tx& tx, std::string_view cycle, std::string_view item,
                      std::int64_t level) {
  auto row = tx.query_one(
      "SELECT COUNT(*) AS of, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM growth_ratings r "
      "WHERE r.assessment_id = a.id AND r.item_id = :item AND r.level >= :level) THEN 1 ELSE 0 "
      "END), 0) AS count FROM growth_assessments a WHERE a.cycle_id = :cycle AND a.status = "
      "'submitted'",
      {{"cycle", std::string(cycle)}, {"item", std::string(item)}, {"level", level}});
  return {row->integer("count"), row->integer("of")};
}

Count leader_minutes(store::Tx& tx, std::string_view org_id, std::string_view from,
                     std::string_view to) {
  store::Params org = {{"org", std::string(org_id)}};
  store::Params window = {
      {"org", std::string(org_id)}, {"from", std::string(from)}, {"to", std::string(to)}};
  constexpr const char* kLeaders =
      "SELECT DISTINCT rg.person_sourced_id FROM role_grants rg JOIN orgs o ON o.sourced_id = "
      "rg.org_sourced_id WHERE rg.role IN ('district_leader', 'school_leader') AND "
      "(o.sourced_id = :org OR o.parent_sourced_id = :org)";
  auto leaders = tx.query_one(std::string("SELECT COUNT(*) AS n FROM (") + kLeaders + ") l", org);
  auto minutes = tx.query_one(
      std::string("SELECT COALESCE(SUM(minutes), 0) AS n FROM growth_learning_log WHERE "
                  "happened_on >= :from AND happened_on <= :to AND person_id IN (") +
          kLeaders + ")",
      window);
  return {minutes->integer("n"), leaders->integer("n")};
}

Count actions_done(store::Tx& tx, std::string_view plan) {
  auto row = tx.query_one(
      "SELECT COUNT(*) AS of, COALESCE(SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END), 0) AS "
      "count FROM planning_actions a JOIN planning_strategies s ON s.id = a.strategy_id JOIN "
      "planning_goals g ON g.id = s.goal_id WHERE g.plan_id = :plan AND a.status <> 'dropped'",
      {{"plan", std::string(plan)}});
  return {row->integer("count"), row->integer("of")};
}

std::vector<Choice> cycles(store::Tx& tx) {
  std::vector<Choice> out;
  for (const auto& row :
       tx.query("SELECT id, name FROM growth_cycles ORDER BY opens_on DESC, name")) {
    out.push_back({row.text("id"), row.text("name")});
  }
  return out;
}

std::optional<std::string> indicator_in_cycle(store::Tx& tx, std::string_view cycle,
                                              std::string_view code) {
  auto row = tx.query_one(
      "SELECT i.id FROM case_items i JOIN growth_cycles c ON c.framework_id = i.document_id "
      "WHERE c.id = :cycle AND lower(i.human_coding_scheme) = lower(:code) ORDER BY i.position",
      {{"cycle", std::string(cycle)}, {"code", std::string(code)}});
  if (!row) return std::nullopt;
  return row->text("id");
}

std::optional<Schedule> schedule(store::Tx& tx, std::string_view plan) {
  auto row = tx.query_one(
      "SELECT every_months, starts_on FROM planning_review_schedules WHERE plan_id = :plan",
      {{"plan", std::string(plan)}});
  if (!row) return std::nullopt;
  return Schedule{row->integer("every_months"), row->text("starts_on")};
}

void put_schedule(store::Tx& tx, std::string_view plan, const Schedule& schedule,
                  std::string_view now) {
  tx.exec(
      "INSERT INTO planning_review_schedules (plan_id, every_months, starts_on, updated_at) "
      "VALUES (:plan, :every, :starts, :now) ON CONFLICT (plan_id) DO UPDATE SET every_months = "
      "excluded.every_months, starts_on = excluded.starts_on, updated_at = excluded.updated_at",
      {{"plan", std::string(plan)},
       {"every", schedule.every_months},
       {"starts", schedule.starts_on},
       {"now", std::string(now)}});
}

namespace {

std::vector<Review> reviews_where(store::Tx& tx, const char* where, const std::string& value) {
  std::vector<Review> out;
  for (const auto& row : tx.query(
           std::string("SELECT r.id, r.plan_id, r.held_on, r.attendees, r.decisions, r.snapshot, "
                       "r.created_at, pe.given_name || ' ' || pe.family_name AS recorded_by_name "
                       "FROM planning_reviews r LEFT JOIN people pe ON pe.sourced_id = "
                       "r.recorded_by WHERE ") +
               where + " ORDER BY r.held_on DESC, r.created_at DESC",
           {{"v", value}})) {
    out.push_back({row.text("id"),
                   row.text("plan_id"),
                   row.text("held_on"),
                   row.text("attendees"),
                   row.text("decisions"),
                   row.text("snapshot"),
                   row.optional_text("recorded_by_name").value_or(""),
                   row.text("created_at"),
                   {}});
  }
  for (auto& r : out) {
    for (const auto& row :
         tx.query("SELECT id, kind, subject_type, subject_id, subject_label, what, why, applied "
                  "FROM planning_course_corrections WHERE review_id = :r ORDER BY position",
                  {{"r", r.id}})) {
      r.corrections.push_back({row.text("id"), row.text("kind"), row.text("subject_type"),
                               row.text("subject_id"), row.text("subject_label"), row.text("what"),
                               row.text("why"), row.text("applied")});
    }
  }
  return out;
}

}  // namespace

std::vector<Review> reviews(store::Tx& tx, std::string_view plan) {
  return reviews_where(tx, "r.plan_id = :v", std::string(plan));
}

std::optional<Review> review(store::Tx& tx, std::string_view id) {
  auto found = reviews_where(tx, "r.id = :v", std::string(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<std::string> last_held_on(store::Tx& tx, std::string_view plan) {
  auto row = tx.query_one("SELECT MAX(held_on) AS held FROM planning_reviews WHERE plan_id = :p",
                          {{"p", std::string(plan)}});
  if (!row) return std::nullopt;
  return row->optional_text("held");
}

void insert_review(store::Tx& tx, const Review& review, std::string_view recorded_by,
                   std::string_view now) {
  tx.exec(
      "INSERT INTO planning_reviews (id, plan_id, held_on, attendees, decisions, snapshot, "
      "recorded_by, created_at) VALUES (:id, :plan, :held, :attendees, :decisions, :snapshot, "
      ":by, :now)",
      {{"id", review.id},
       {"plan", review.plan_id},
       {"held", review.held_on},
       {"attendees", review.attendees},
       {"decisions", review.decisions},
       {"snapshot", review.snapshot},
       {"by", nullable(recorded_by)},
       {"now", std::string(now)}});
}

void insert_correction(store::Tx& tx, std::string_view review_id, std::int64_t position,
                       const Correction& c) {
  tx.exec(
      "INSERT INTO planning_course_corrections (id, review_id, position, kind, subject_type, "
      "subject_id, subject_label, what, why, applied) VALUES (:id, :review, :position, :kind, "
      ":type, :subject, :label, :what, :why, :applied)",
      {{"id", c.id},
       {"review", std::string(review_id)},
       {"position", position},
       {"kind", c.kind},
       {"type", c.subject_type},
       {"subject", c.subject_id},
       {"label", c.subject_label},
       {"what", c.what},
       {"why", c.why},
       {"applied", c.applied}});
}

std::vector<StaleAction> stale_actions(store::Tx& tx, std::string_view plan,
                                       std::string_view since) {
  std::vector<StaleAction> out;
  for (const auto& row : tx.query(
           "SELECT a.id, a.title, g.code AS goal_code, pe.given_name || ' ' || pe.family_name AS "
           "owner_name, a.status, a.due_on, a.updated_at FROM planning_actions a "
           "JOIN planning_strategies s ON s.id = a.strategy_id JOIN planning_goals g ON g.id = "
           "s.goal_id LEFT JOIN people pe ON pe.sourced_id = a.owner_id WHERE g.plan_id = :plan "
           "AND a.status NOT IN ('done', 'dropped') AND (:since = '' OR a.updated_at < :since) "
           "ORDER BY a.due_on, g.position, a.title",
           {{"plan", std::string(plan)}, {"since", std::string(since)}})) {
    out.push_back({row.text("id"), row.text("title"), row.text("goal_code"),
                   row.optional_text("owner_name").value_or(""), row.text("status"),
                   row.text("due_on"), row.text("updated_at")});
  }
  return out;
}

void set_action_due(store::Tx& tx, std::string_view id, std::string_view due_on,
                    std::string_view now) {
  tx.exec("UPDATE planning_actions SET due_on = :due, updated_at = :now WHERE id = :id",
          {{"id", std::string(id)}, {"due", std::string(due_on)}, {"now", std::string(now)}});
}

void set_action_dropped(store::Tx& tx, std::string_view id, std::string_view now) {
  tx.exec("UPDATE planning_actions SET status = 'dropped', updated_at = :now WHERE id = :id",
          {{"id", std::string(id)}, {"now", std::string(now)}});
}

}  // namespace lodestar::planning::measures::db
