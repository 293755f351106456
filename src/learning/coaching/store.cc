#include "learning/coaching/store.h"

#include <map>

namespace lodestar::learning::coaching::db {
namespace {

std::string full_name(const store::Row& row, const char* given, const char* family) {
  return row.optional_text(given).value_or("") + " " + row.optional_text(family).value_or("");
}

store::Value or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

constexpr const char* kLogSelect =
    "SELECT l.id, l.coach_id, l.school_id, o.name AS school_name, l.held_on, l.activity, "
    "l.minutes, l.focus_item_id, i.human_coding_scheme AS focus_code, i.full_statement AS "
    "focus_statement, l.notes, l.next_steps, c.given_name AS coach_given, c.family_name AS "
    "coach_family FROM learning_coaching_logs l JOIN orgs o ON o.sourced_id = l.school_id LEFT "
    "JOIN case_items i ON i.id = l.focus_item_id LEFT JOIN people c ON c.sourced_id = "
    "l.coach_id ";

// The logs `where` selects, newest first, each with its people: two queries.
std::vector<CoachingLog> select_logs(store::Tx& tx, const std::string& where,
                                     const store::Params& params, std::size_t limit) {
  std::vector<CoachingLog> out;
  std::map<std::string, std::size_t> index;
  for (const auto& row : tx.query(std::string(kLogSelect) + "WHERE " + where +
                                      " ORDER BY l.held_on DESC, l.created_at DESC, l.id LIMIT " +
                                      std::to_string(limit),
                                  params)) {
    CoachingLog log;
    log.id = row.text("id");
    log.coach_id = row.optional_text("coach_id").value_or("");
    if (!log.coach_id.empty()) log.coach_name = full_name(row, "coach_given", "coach_family");
    log.school_id = row.text("school_id");
    log.school_name = row.text("school_name");
    log.held_on = row.text("held_on");
    log.activity = row.text("activity");
    log.minutes = row.integer("minutes");
    log.focus_item_id = row.optional_text("focus_item_id").value_or("");
    log.focus_code = row.optional_text("focus_code").value_or("");
    log.focus_statement = row.optional_text("focus_statement").value_or("");
    log.notes = row.text("notes");
    log.next_steps = row.text("next_steps");
    index[log.id] = out.size();
    out.push_back(std::move(log));
  }
  if (out.empty()) return out;
  store::Params ids;
  std::string in;
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto name = "l" + std::to_string(i);
    in += (i ? ", :" : ":") + name;
    ids.emplace_back(name, out[i].id);
  }
  for (const auto& row : tx.query(
           "SELECT lp.log_id, p.sourced_id, p.given_name, p.family_name FROM "
           "learning_coaching_log_people lp JOIN people p ON p.sourced_id = lp.person_id WHERE "
           "lp.log_id IN (" +
               in + ") ORDER BY p.family_name, p.given_name, p.sourced_id",
           ids)) {
    out[index[row.text("log_id")]].people.push_back(
        {row.text("sourced_id"), full_name(row, "given_name", "family_name")});
  }
  return out;
}

void insert_people(store::Tx& tx, const CoachingLog& log) {
  for (const auto& p : log.people) {
    tx.exec("INSERT INTO learning_coaching_log_people (log_id, person_id) VALUES (:l, :p)",
            {{"l", log.id}, {"p", p.id}});
  }
}

}  // namespace

std::vector<School> schools(store::Tx& tx) {
  std::vector<School> out;
  for (const auto& row :
       tx.query("SELECT sourced_id, name FROM orgs WHERE type = 'school' AND status = 'active' "
                "ORDER BY name, sourced_id")) {
    out.push_back({row.text("sourced_id"), row.text("name")});
  }
  return out;
}

std::optional<School> school(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(
      "SELECT sourced_id, name FROM orgs WHERE type = 'school' AND status = 'active' AND "
      "sourced_id = :id",
      {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return School{row->text("sourced_id"), row->text("name")};
}

std::vector<School> coached_by(store::Tx& tx, std::string_view person_id) {
  std::vector<School> out;
  for (const auto& row :
       tx.query("SELECT o.sourced_id, o.name FROM role_grants r JOIN orgs o ON o.sourced_id = "
                "r.org_sourced_id WHERE r.person_sourced_id = :p AND r.role = 'coach' AND o.type = "
                "'school' AND o.status = 'active' ORDER BY o.name, o.sourced_id",
                {{"p", std::string(person_id)}})) {
    out.push_back({row.text("sourced_id"), row.text("name")});
  }
  return out;
}

std::vector<Person> school_staff(store::Tx& tx, std::string_view school_id) {
  std::vector<Person> out;
  for (const auto& row :
       tx.query("SELECT DISTINCT p.sourced_id, p.given_name, p.family_name FROM people p JOIN "
                "role_grants r ON r.person_sourced_id = p.sourced_id WHERE p.status = 'active' AND "
                "r.role IN ('school_leader', 'educator', 'technology_staff') AND r.org_sourced_id "
                "= :org ORDER BY p.family_name, p.given_name, p.sourced_id",
                {{"org", std::string(school_id)}})) {
    out.push_back({row.text("sourced_id"), full_name(row, "given_name", "family_name")});
  }
  return out;
}

std::vector<SchoolActivity> activity(store::Tx& tx, std::string_view since) {
  std::vector<SchoolActivity> out;
  std::map<std::string, std::size_t> index;
  for (const auto& s : schools(tx)) {
    index[s.id] = out.size();
    out.push_back({s.id, s.name, {}, 0, 0, 0, {}});
  }
  for (const auto& row : tx.query(
           "SELECT r.org_sourced_id, p.given_name, p.family_name FROM role_grants r JOIN people p "
           "ON p.sourced_id = r.person_sourced_id WHERE r.role = 'coach' AND p.status = 'active' "
           "ORDER BY p.family_name, p.given_name")) {
    auto it = index.find(row.text("org_sourced_id"));
    if (it != index.end()) {
      out[it->second].coaches.push_back(full_name(row, "given_name", "family_name"));
    }
  }
  for (const auto& row : tx.query(
           "SELECT l.school_id, MAX(l.held_on) AS last_on, SUM(CASE WHEN l.held_on >= :since "
           "THEN 1 ELSE 0 END) AS sessions, SUM(CASE WHEN l.held_on >= :since THEN l.minutes "
           "ELSE 0 END) AS minutes, (SELECT COUNT(DISTINCT lp.person_id) FROM "
           "learning_coaching_log_people lp JOIN learning_coaching_logs l2 ON l2.id = lp.log_id "
           "WHERE l2.school_id = l.school_id AND l2.held_on >= :since) AS educators FROM "
           "learning_coaching_logs l GROUP BY l.school_id",
           {{"since", std::string(since)}})) {
    auto it = index.find(row.text("school_id"));
    if (it == index.end()) continue;
    auto& a = out[it->second];
    a.last_on = row.text("last_on");
    a.sessions = row.integer("sessions");
    a.minutes = row.integer("minutes");
    a.educators = row.integer("educators");
  }
  return out;
}

std::vector<CoachingLog> logs_at(store::Tx& tx, std::string_view school_id, std::size_t limit) {
  return select_logs(tx, "l.school_id = :s", {{"s", std::string(school_id)}}, limit);
}

std::vector<CoachingLog> logs_by(store::Tx& tx, std::string_view coach_id, std::size_t limit) {
  return select_logs(tx, "l.coach_id = :c", {{"c", std::string(coach_id)}}, limit);
}

std::optional<CoachingLog> log(store::Tx& tx, std::string_view id) {
  auto found = select_logs(tx, "l.id = :id", {{"id", std::string(id)}}, 1);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool item_exists(store::Tx& tx, std::string_view item_id) {
  return tx.query_one("SELECT id FROM case_items WHERE id = :id", {{"id", std::string(item_id)}})
      .has_value();
}

void insert_log(store::Tx& tx, const CoachingLog& log, std::string_view created_by,
                std::string_view now) {
  tx.exec(
      "INSERT INTO learning_coaching_logs (id, coach_id, school_id, held_on, activity, minutes, "
      "focus_item_id, notes, next_steps, created_by, created_at, updated_at) VALUES (:id, "
      ":coach, :school, :held_on, :activity, :minutes, :focus, :notes, :next, :by, :now, :now)",
      {{"id", log.id},
       {"coach", or_null(log.coach_id)},
       {"school", log.school_id},
       {"held_on", log.held_on},
       {"activity", log.activity},
       {"minutes", log.minutes},
       {"focus", or_null(log.focus_item_id)},
       {"notes", log.notes},
       {"next", log.next_steps},
       {"by", or_null(std::string(created_by))},
       {"now", std::string(now)}});
  insert_people(tx, log);
}

void update_log(store::Tx& tx, const CoachingLog& log, std::string_view now) {
  tx.exec(
      "UPDATE learning_coaching_logs SET held_on = :held_on, activity = :activity, minutes = "
      ":minutes, focus_item_id = :focus, notes = :notes, next_steps = :next, updated_at = :now "
      "WHERE id = :id",
      {{"id", log.id},
       {"held_on", log.held_on},
       {"activity", log.activity},
       {"minutes", log.minutes},
       {"focus", or_null(log.focus_item_id)},
       {"notes", log.notes},
       {"next", log.next_steps},
       {"now", std::string(now)}});
  tx.exec("DELETE FROM learning_coaching_log_people WHERE log_id = :id", {{"id", log.id}});
  insert_people(tx, log);
}

void delete_log(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM learning_coaching_logs WHERE id = :id", {{"id", std::string(id)}});
}

}  // namespace lodestar::learning::coaching::db
