#include "growth/records/store.h"

#include "growth/records/store_support.h"

namespace lodestar::growth::records::db {
namespace {

constexpr std::string_view kGoalSelect = R"(
    SELECT g.id, g.person_id, g.title, g.specific, g.measurable, g.achievable, g.relevant,
           g.due_on, g.status, g.coach_id, g.created_at, g.updated_at,
           o.given_name AS owner_given, o.family_name AS owner_family,
           c.given_name AS coach_given, c.family_name AS coach_family,
           (SELECT COUNT(*) FROM growth_goal_steps s WHERE s.goal_id = g.id) AS steps,
           (SELECT COUNT(*) FROM growth_goal_steps s
             WHERE s.goal_id = g.id AND s.done_at IS NOT NULL) AS steps_done
    FROM growth_goals g
    JOIN people o ON o.sourced_id = g.person_id
    LEFT JOIN people c ON c.sourced_id = g.coach_id)";

GoalRow goal_row(const store::Row& row) {
  GoalRow g;
  g.id = row.text("id");
  g.person_id = row.text("person_id");
  g.owner_name = full_name(row, "owner_given", "owner_family");
  g.title = row.text("title");
  g.specific = row.text("specific");
  g.measurable = row.text("measurable");
  g.achievable = row.text("achievable");
  g.relevant = row.text("relevant");
  g.due_on = row.text("due_on");
  g.status = row.text("status");
  g.coach_id = text_or_empty(row, "coach_id");
  g.coach_name = full_name(row, "coach_given", "coach_family");
  g.created_at = row.text("created_at");
  g.updated_at = row.text("updated_at");
  g.steps = row.integer("steps");
  g.steps_done = row.integer("steps_done");
  return g;
}

store::Params goal_params(const GoalRow& g) {
  return {{"id", g.id},
          {"person", g.person_id},
          {"title", g.title},
          {"specific", g.specific},
          {"measurable", g.measurable},
          {"achievable", g.achievable},
          {"relevant", g.relevant},
          {"due_on", g.due_on},
          {"status", g.status},
          {"coach", text_or_null(g.coach_id)},
          {"created_at", g.created_at},
          {"updated_at", g.updated_at}};
}

std::vector<GoalRow> goals_where(store::Tx& tx, std::string_view condition,
                                 std::string_view person) {
  std::vector<GoalRow> out;
  for (const auto& row :
       tx.query(std::string(kGoalSelect) + std::string(condition) + " ORDER BY g.due_on, g.title",
                {{"person", std::string(person)}})) {
    out.push_back(goal_row(row));
  }
  return out;
}

// or above, merged so each appears once with all their roles.
std::vector<PersonChoice> granted_above(store::Tx& tx, std::string_view person_id,
                                        std::string_view roles) {
  auto rows = tx.query(std::string(R"(
      WITH RECURSIVE up (sourced_id, parent_sourced_id, depth) AS (
        SELECT o.sourced_id, o.parent_sourced_id, 0
        FROM orgs o JOIN person_orgs po ON po.org_sourced_id = o.sourced_id
        WHERE po.person_sourced_id = :person
        UNION ALL
        SELECT o.sourced_id, o.parent_sourced_id, up.depth + 1
        FROM orgs o JOIN up ON o.sourced_id = up.parent_sourced_id
        WHERE up.depth < 32
      )
      SELECT DISTINCT p.sourced_id, p.given_name, p.family_name, g.role
      FROM role_grants g
      JOIN up ON up.sourced_id = g.org_sourced_id
      JOIN people p ON p.sourced_id = g.person_sourced_id
      WHERE g.role IN )") + std::string(roles) +
                           R"(
        AND p.sourced_id <> :person AND p.status = 'active'
      ORDER BY p.family_name, p.given_name, p.sourced_id, g.role)",
                       {{"person", std::string(person_id)}});
  std::vector<PersonChoice> out;
  for (const auto& row : rows) {
    auto id = row.text("sourced_id");
    if (out.empty() || out.back().id != id) {
      out.push_back({id, full_name(row, "given_name", "family_name"), {}});
    }
    out.back().roles.push_back(row.text("role"));
  }
  return out;
}
}  // namespace

void insert_goal(store::Tx& tx, const GoalRow& goal) {
  tx.exec(R"(INSERT INTO growth_goals (id, person_id, title, specific, measurable, achievable,
                                       relevant, due_on, status, coach_id, created_at, updated_at)
             VALUES (:id, :person, :title, :specific, :measurable, :achievable, :relevant,
                     :due_on, :status, :coach, :created_at, :updated_at))",
          goal_params(goal));
}

void update_goal(store::Tx& tx, const GoalRow& goal) {
  tx.exec(R"(UPDATE growth_goals SET title = :title, specific = :specific,
               measurable = :measurable, achievable = :achievable, relevant = :relevant,
               due_on = :due_on, status = :status, coach_id = :coach, updated_at = :updated_at
             WHERE id = :id AND person_id = :person)",
          {{"id", goal.id},
           {"person", goal.person_id},
           {"title", goal.title},
           {"specific", goal.specific},
           {"measurable", goal.measurable},
           {"achievable", goal.achievable},
           {"relevant", goal.relevant},
           {"due_on", goal.due_on},
           {"status", goal.status},
           {"coach", text_or_null(goal.coach_id)},
           {"updated_at", goal.updated_at}});
}

std::optional<GoalRow> goal(store::Tx& tx, std::string_view id) {
  auto row =
      tx.query_one(std::string(kGoalSelect) + " WHERE g.id = :id", {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return goal_row(*row);
}

std::vector<GoalRow> goals_of(store::Tx& tx, std::string_view person_id) {
  return goals_where(tx, " WHERE g.person_id = :person", person_id);
}

std::vector<GoalRow> goals_coached_by(store::Tx& tx, std::string_view coach_id) {
  return goals_where(tx, " WHERE g.coach_id = :person", coach_id);
}

void insert_step(store::Tx& tx, const StepRow& step) {
  tx.exec(R"(INSERT INTO growth_goal_steps (id, goal_id, description, due_on, done_at, created_at)
             VALUES (:id, :goal, :description, :due_on, :done_at, :created_at))",
          {{"id", step.id},
           {"goal", step.goal_id},
           {"description", step.description},
           {"due_on", step.due_on},
           {"done_at", text_or_null(step.done_at)},
           {"created_at", step.created_at}});
}

std::vector<StepRow> steps(store::Tx& tx, std::string_view goal_id) {
  std::vector<StepRow> out;
  for (const auto& row : tx.query(R"(
        SELECT id, goal_id, description, due_on, done_at, created_at FROM growth_goal_steps
        WHERE goal_id = :goal ORDER BY due_on, created_at, id)",
                                  {{"goal", std::string(goal_id)}})) {
    out.push_back({row.text("id"), row.text("goal_id"), row.text("description"), row.text("due_on"),
                   text_or_empty(row, "done_at"), row.text("created_at")});
  }
  return out;
}

bool set_step_done(store::Tx& tx, std::string_view goal_id, std::string_view step_id,
                   std::string_view done_at) {
  return tx.exec(R"(UPDATE growth_goal_steps SET done_at = :done_at
                    WHERE id = :id AND goal_id = :goal)",
                 {{"done_at", text_or_null(done_at)},
                  {"id", std::string(step_id)},
                  {"goal", std::string(goal_id)}}) > 0;
}

void insert_comment(store::Tx& tx, const CommentRow& comment) {
  tx.exec(R"(INSERT INTO growth_goal_comments (id, goal_id, author_id, body, created_at)
             VALUES (:id, :goal, :author, :body, :created_at))",
          {{"id", comment.id},
           {"goal", comment.goal_id},
           {"author", comment.author_id},
           {"body", comment.body},
           {"created_at", comment.created_at}});
}

std::vector<CommentRow> comments(store::Tx& tx, std::string_view goal_id) {
  std::vector<CommentRow> out;
  for (const auto& row : tx.query(R"(
        SELECT c.id, c.goal_id, c.author_id, c.body, c.created_at, p.given_name, p.family_name
        FROM growth_goal_comments c JOIN people p ON p.sourced_id = c.author_id
        WHERE c.goal_id = :goal ORDER BY c.created_at, c.id)",
                                  {{"goal", std::string(goal_id)}})) {
    out.push_back({row.text("id"), row.text("goal_id"), row.text("author_id"),
                   full_name(row, "given_name", "family_name"), row.text("body"),
                   row.text("created_at")});
  }
  return out;
}

std::vector<PersonChoice> coaches_of(store::Tx& tx, std::string_view person_id) {
  return granted_above(tx, person_id, "('coach')");
}

std::vector<PersonChoice> supervisors_of(store::Tx& tx, std::string_view person_id) {
  return granted_above(tx, person_id, "('school_leader', 'district_leader')");
}

std::string person_name(store::Tx& tx, std::string_view person_id) {
  auto row = tx.query_one("SELECT given_name, family_name FROM people WHERE sourced_id = :id",
                          {{"id", std::string(person_id)}});
  return row ? full_name(*row, "given_name", "family_name") : std::string();
}
}  // namespace lodestar::growth::records::db
