#include "growth/store.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace lodestar::growth::db {
namespace {

std::string s(std::string_view v) {
  return std::string(v);
}

// ":p0, :p1, …" for a list bound one value each.
std::string placeholders(const std::string& prefix, std::size_t n, store::Params& params,
                         const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    auto name = prefix + std::to_string(i);
    out += ":" + name;
    params.emplace_back(name, values[i]);
  }
  return out;
}

Rubric rubric_row(const store::Row& row) {
  Rubric r;
  r.id = row.text("id");
  r.framework_id = row.text("framework_id");
  r.title = row.text("title");
  for (const auto& l : nlohmann::json::parse(row.text("levels"))) {
    r.levels.push_back({l.value("score", 0), l.value("name", ""), l.value("description", "")});
  }
  return r;
}

constexpr const char* kCycleColumns = R"(
    c.id, c.name, c.framework_id, d.title AS framework_title, c.rubric_id, c.opens_on,
    c.closes_on, c.status, c.roles, c.org_id, o.name AS org_name, c.rater_minimum,
    (SELECT COUNT(*) FROM growth_participants p WHERE p.cycle_id = c.id) AS participants,
    (SELECT COUNT(*) FROM growth_assessments a
     WHERE a.cycle_id = c.id AND a.status = 'submitted') AS submitted,
    (SELECT COUNT(*) FROM growth_assessments a
     WHERE a.cycle_id = c.id AND a.status = 'draft') AS drafts)";

CycleRow cycle_row(const store::Row& row) {
  CycleRow c;
  c.id = row.text("id");
  c.name = row.text("name");
  c.framework_id = row.text("framework_id");
  c.framework_title = row.text("framework_title");
  c.rubric_id = row.text("rubric_id");
  c.opens_on = row.text("opens_on");
  c.closes_on = row.text("closes_on");
  c.status = row.text("status");
  c.roles = row.text("roles");
  c.org_id = row.optional_text("org_id").value_or("");
  c.org_name = row.optional_text("org_name").value_or("");
  c.rater_minimum = static_cast<int>(row.integer("rater_minimum"));
  c.participants = row.integer("participants");
  c.submitted = row.integer("submitted");
  c.drafts = row.integer("drafts");
  return c;
}

Candidate candidate_row(const store::Row& row) {
  return {row.text("person_id"), row.text("org_id"), row.text("role"),
          row.optional_text("email").value_or(""),
          row.text("given_name") + " " + row.text("family_name")};
}

}  // namespace

std::optional<Rubric> rubric_of_framework(store::Tx& tx, std::string_view framework_id) {
  auto row = tx.query_one(
      "SELECT id, framework_id, title, levels FROM growth_rubrics WHERE framework_id = :f "
      "ORDER BY updated_at DESC, id",
      {{"f", s(framework_id)}});
  if (!row) return std::nullopt;
  return rubric_row(*row);
}

std::optional<Rubric> rubric(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(
      "SELECT id, framework_id, title, levels FROM growth_rubrics WHERE id = :id", {{"id", s(id)}});
  if (!row) return std::nullopt;
  return rubric_row(*row);
}

void put_rubric(store::Tx& tx, const Rubric& rubric, std::string_view now) {
  nlohmann::json levels = nlohmann::json::array();
  for (const auto& l : rubric.levels) {
    levels.push_back({{"score", l.score}, {"name", l.name}, {"description", l.description}});
  }
  store::Params params = {{"id", rubric.id},
                          {"framework_id", rubric.framework_id},
                          {"title", rubric.title},
                          {"levels", levels.dump()},
                          {"now", s(now)}};
  if (tx.exec("UPDATE growth_rubrics SET title = :title, levels = :levels, updated_at = :now "
              "WHERE id = :id AND framework_id = :framework_id",
              params) == 0) {
    tx.exec(
        "INSERT INTO growth_rubrics (id, framework_id, title, levels, updated_at) "
        "VALUES (:id, :framework_id, :title, :levels, :now)",
        params);
  }
}

void insert_cycle(store::Tx& tx, const CycleRow& c, std::string_view created_by,
                  std::string_view now) {
  tx.exec(R"(INSERT INTO growth_cycles (id, name, framework_id, rubric_id, opens_on, closes_on,
               status, roles, org_id, rater_minimum, created_by, created_at)
             VALUES (:id, :name, :framework, :rubric, :opens, :closes, 'open', :roles, :org,
               :minimum, :by, :now))",
          {{"id", c.id},
           {"name", c.name},
           {"framework", c.framework_id},
           {"rubric", c.rubric_id},
           {"opens", c.opens_on},
           {"closes", c.closes_on},
           {"roles", c.roles},
           {"org", c.org_id.empty() ? store::Value(nullptr) : store::Value(c.org_id)},
           {"minimum", static_cast<std::int64_t>(c.rater_minimum)},
           {"by", created_by.empty() ? store::Value(nullptr) : store::Value(s(created_by))},
           {"now", s(now)}});
}

std::vector<CycleRow> cycles(store::Tx& tx, std::string_view id) {
  std::string sql = std::string("SELECT ") + kCycleColumns + R"(
      FROM growth_cycles c JOIN case_documents d ON d.id = c.framework_id
      LEFT JOIN orgs o ON o.sourced_id = c.org_id)";
  store::Params params;
  if (!id.empty()) {
    sql += " WHERE c.id = :id";
    params.emplace_back("id", s(id));
  }
  sql += " ORDER BY c.opens_on DESC, c.created_at DESC, c.id";
  std::vector<CycleRow> out;
  for (const auto& row : tx.query(sql, params)) out.push_back(cycle_row(row));
  return out;
}

std::optional<CycleRow> cycle(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(R"(
      SELECT c.id, c.name, c.framework_id, d.title AS framework_title, c.rubric_id, c.opens_on,
             c.closes_on, c.status, c.roles, c.org_id, o.name AS org_name, c.rater_minimum,
             0 AS participants, 0 AS submitted, 0 AS drafts
      FROM growth_cycles c JOIN case_documents d ON d.id = c.framework_id
      LEFT JOIN orgs o ON o.sourced_id = c.org_id
      WHERE c.id = :id)",
                          {{"id", s(id)}});
  if (!row) return std::nullopt;
  return cycle_row(*row);
}

void set_cycle_status(store::Tx& tx, std::string_view id, std::string_view status) {
  tx.exec("UPDATE growth_cycles SET status = :status WHERE id = :id",
          {{"status", s(status)}, {"id", s(id)}});
}

std::vector<Candidate> candidates(store::Tx& tx, const std::vector<std::string>& roles,
                                  std::string_view org_id) {
  store::Params params;
  std::string sql;
  if (!org_id.empty()) {
    sql = R"(
        WITH RECURSIVE down (sourced_id, depth) AS (
          SELECT sourced_id, 0 FROM orgs WHERE sourced_id = :root
          UNION ALL
          SELECT o.sourced_id, down.depth + 1 FROM orgs o
          JOIN down ON o.parent_sourced_id = down.sourced_id WHERE down.depth < 32
        ))";
    params.emplace_back("root", s(org_id));
  }
  sql += R"(
      SELECT g.person_sourced_id AS person_id, g.org_sourced_id AS org_id, g.role, p.email,
             p.given_name, p.family_name
      FROM role_grants g JOIN people p ON p.sourced_id = g.person_sourced_id)";
  if (!org_id.empty()) sql += " JOIN down ON down.sourced_id = g.org_sourced_id";
  sql += " WHERE p.status = 'active' AND g.role IN (" +
         placeholders("r", roles.size(), params, roles) + ")";
  sql += " ORDER BY g.person_sourced_id, g.org_sourced_id";
  // Each person once: at the grant whose role comes first in `roles`.
  std::vector<Candidate> out;
  auto rank = [&](const std::string& role) {
    return std::find(roles.begin(), roles.end(), role) - roles.begin();
  };
  for (const auto& row : tx.query(sql, params)) {
    auto c = candidate_row(row);
    if (!out.empty() && out.back().person_id == c.person_id) {
      if (rank(c.role) < rank(out.back().role)) out.back() = std::move(c);
      continue;
    }
    out.push_back(std::move(c));
  }
  return out;
}

void insert_participant(store::Tx& tx, std::string_view cycle_id, const Candidate& c,
                        std::string_view now) {
  tx.exec(R"(INSERT INTO growth_participants (cycle_id, person_id, org_id, role, invited_at)
             VALUES (:cycle, :person, :org, :role, :invited))",
          {{"cycle", s(cycle_id)},
           {"person", c.person_id},
           {"org", c.org_id},
           {"role", c.role},
           {"invited", c.email.empty() ? store::Value(nullptr) : store::Value(s(now))}});
}

std::vector<Candidate> unsubmitted(store::Tx& tx, std::string_view cycle_id) {
  std::vector<Candidate> out;
  for (const auto& row : tx.query(R"(
        SELECT p.person_id, p.org_id, p.role, pe.email, pe.given_name, pe.family_name
        FROM growth_participants p JOIN people pe ON pe.sourced_id = p.person_id
        LEFT JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id
        WHERE p.cycle_id = :cycle AND (a.status IS NULL OR a.status <> 'submitted')
          AND pe.email IS NOT NULL AND pe.email <> ''
        ORDER BY p.person_id)",
                                  {{"cycle", s(cycle_id)}})) {
    out.push_back(candidate_row(row));
  }
  return out;
}

std::vector<Candidate> colleagues(store::Tx& tx, std::string_view cycle_id,
                                  std::string_view subject_id) {
  std::vector<Candidate> out;
  std::set<std::string> seen;
  for (const auto& row : tx.query(R"(
        SELECT pe.sourced_id AS person_id, g.org_sourced_id AS org_id, g.role, pe.email,
               pe.given_name, pe.family_name
        FROM growth_participants gp
        JOIN role_grants g ON g.org_sourced_id = gp.org_id
        JOIN people pe ON pe.sourced_id = g.person_sourced_id
        WHERE gp.cycle_id = :cycle AND gp.person_id = :subject AND pe.sourced_id <> :subject
          AND pe.status = 'active' AND pe.email IS NOT NULL AND pe.email <> ''
          AND g.role NOT IN ('student', 'guardian')
        ORDER BY pe.family_name, pe.given_name, pe.sourced_id, g.role)",
                                  {{"cycle", s(cycle_id)}, {"subject", s(subject_id)}})) {
    auto c = candidate_row(row);
    if (seen.insert(c.person_id).second) out.push_back(std::move(c));
  }
  return out;
}

void mark_reminded(store::Tx& tx, std::string_view cycle_id, std::string_view person_id,
                   std::string_view now) {
  tx.exec(
      "UPDATE growth_participants SET reminded_at = :now WHERE cycle_id = :cycle AND person_id = "
      ":person",
      {{"now", s(now)}, {"cycle", s(cycle_id)}, {"person", s(person_id)}});
}

std::pair<std::vector<ParticipantRow>, std::int64_t> participants(store::Tx& tx,
                                                                  std::string_view cycle_id,
                                                                  std::string_view query,
                                                                  std::size_t offset,
                                                                  std::size_t limit) {
  std::string where = " WHERE p.cycle_id = :cycle";
  store::Params params = {{"cycle", s(cycle_id)}};
  if (!query.empty()) {
    where += R"( AND (lower(pe.given_name || ' ' || pe.family_name) LIKE :q
                  OR lower(COALESCE(pe.email, '')) LIKE :q))";
    std::string q;
    for (char c : query) {
      if (c == '%' || c == '_') continue;
      q += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    params.emplace_back("q", "%" + q + "%");
  }
  constexpr const char* kFrom = R"(
      FROM growth_participants p JOIN people pe ON pe.sourced_id = p.person_id
      JOIN orgs o ON o.sourced_id = p.org_id
      LEFT JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id)";
  auto total = tx.query_one(std::string("SELECT COUNT(*) AS n") + kFrom + where, params);
  auto page_params = params;
  page_params.emplace_back("limit", static_cast<std::int64_t>(limit));
  page_params.emplace_back("offset", static_cast<std::int64_t>(offset));
  std::vector<ParticipantRow> rows;
  for (const auto& row : tx.query(std::string(R"(
        SELECT p.person_id, p.org_id, p.role, pe.email, pe.given_name, pe.family_name,
               o.name AS org_name, COALESCE(a.status, 'none') AS status)") +
                                      kFrom + where + R"(
        ORDER BY pe.family_name, pe.given_name, p.person_id LIMIT :limit OFFSET :offset)",
                                  page_params)) {
    rows.push_back({candidate_row(row), row.text("org_name"), row.text("status")});
  }
  return {std::move(rows), total ? total->integer("n") : 0};
}

std::optional<Candidate> participant(store::Tx& tx, std::string_view cycle_id,
                                     std::string_view person_id) {
  auto row = tx.query_one(R"(
      SELECT p.person_id, p.org_id, p.role, pe.email, pe.given_name, pe.family_name
      FROM growth_participants p JOIN people pe ON pe.sourced_id = p.person_id
      WHERE p.cycle_id = :cycle AND p.person_id = :person)",
                          {{"cycle", s(cycle_id)}, {"person", s(person_id)}});
  if (!row) return std::nullopt;
  return candidate_row(*row);
}

std::string person_name(store::Tx& tx, std::string_view person_id) {
  auto row = tx.query_one("SELECT given_name, family_name FROM people WHERE sourced_id = :id",
                          {{"id", s(person_id)}});
  return row ? row->text("given_name") + " " + row->text("family_name") : std::string();
}

std::vector<std::pair<CycleRow, std::string>> cycles_of(store::Tx& tx, std::string_view person_id) {
  std::vector<std::pair<CycleRow, std::string>> out;
  for (const auto& row : tx.query(std::string("SELECT ") + kCycleColumns + R"(,
          (SELECT a.status FROM growth_assessments a
           WHERE a.cycle_id = c.id AND a.person_id = :person) AS mine
        FROM growth_cycles c JOIN case_documents d ON d.id = c.framework_id
        LEFT JOIN orgs o ON o.sourced_id = c.org_id
        JOIN growth_participants gp ON gp.cycle_id = c.id AND gp.person_id = :person
        ORDER BY c.opens_on DESC, c.created_at DESC, c.id)",
                                  {{"person", s(person_id)}})) {
    out.emplace_back(cycle_row(row), row.optional_text("mine").value_or("none"));
  }
  return out;
}

std::optional<AssessmentRow> assessment(store::Tx& tx, std::string_view cycle_id,
                                        std::string_view person_id) {
  auto row = tx.query_one(
      "SELECT id, status, submitted_at FROM growth_assessments WHERE cycle_id = :cycle AND "
      "person_id = :person",
      {{"cycle", s(cycle_id)}, {"person", s(person_id)}});
  if (!row) return std::nullopt;
  return AssessmentRow{row->text("id"), row->text("status"),
                       row->optional_text("submitted_at").value_or("")};
}

std::map<std::string, RatingRow> ratings(store::Tx& tx, std::string_view assessment_id) {
  std::map<std::string, RatingRow> out;
  for (const auto& row : tx.query(
           "SELECT item_id, level, note, evidence FROM growth_ratings WHERE assessment_id = :a",
           {{"a", s(assessment_id)}})) {
    RatingRow r;
    if (auto l = row.optional_integer("level")) r.level = static_cast<int>(*l);
    r.note = row.text("note");
    r.evidence = row.text("evidence");
    out.emplace(row.text("item_id"), std::move(r));
  }
  return out;
}

std::string upsert_assessment(store::Tx& tx, std::string_view cycle_id, std::string_view person_id,
                              std::string_view status, std::string_view now) {
  auto submitted = status == "submitted" ? store::Value(s(now)) : store::Value(nullptr);
  if (auto existing = assessment(tx, cycle_id, person_id)) {
    tx.exec(
        "UPDATE growth_assessments SET status = :status, updated_at = :now, submitted_at = "
        ":submitted WHERE id = :id",
        {{"status", s(status)}, {"now", s(now)}, {"submitted", submitted}, {"id", existing->id}});
    return existing->id;
  }
  auto id = s(cycle_id) + ":" + s(person_id);
  tx.exec(R"(INSERT INTO growth_assessments (id, cycle_id, person_id, status, updated_at,
               submitted_at)
             VALUES (:id, :cycle, :person, :status, :now, :submitted))",
          {{"id", id},
           {"cycle", s(cycle_id)},
           {"person", s(person_id)},
           {"status", s(status)},
           {"now", s(now)},
           {"submitted", submitted}});
  return id;
}

void replace_ratings(store::Tx& tx, std::string_view assessment_id,
                     const std::map<std::string, RatingRow>& ratings) {
  tx.exec("DELETE FROM growth_ratings WHERE assessment_id = :a", {{"a", s(assessment_id)}});
  auto insert = tx.prepare(
      "INSERT INTO growth_ratings (assessment_id, item_id, level, note, evidence) "
      "VALUES (:a, :item, :level, :note, :evidence)");
  for (const auto& [item, r] : ratings) {
    if (!r.level && r.note.empty() && r.evidence.empty()) continue;
    std::optional<std::string> level;
    if (r.level) level = std::to_string(*r.level);
    insert->run({assessment_id, item,
                 level ? std::optional<std::string_view>(*level) : std::nullopt, r.note,
                 r.evidence});
  }
}

void reopen(store::Tx& tx, std::string_view assessment_id, std::string_view now) {
  tx.exec(
      "UPDATE growth_assessments SET status = 'draft', submitted_at = NULL, updated_at = :now "
      "WHERE id = :id",
      {{"now", s(now)}, {"id", s(assessment_id)}});
}

std::vector<SubmittedAssessment> submitted_of(store::Tx& tx, std::string_view person_id) {
  std::vector<SubmittedAssessment> out;
  std::map<std::string, std::size_t> index;
  for (const auto& row : tx.query(std::string("SELECT ") + kCycleColumns + R"(, a.id AS aid
        FROM growth_assessments a JOIN growth_cycles c ON c.id = a.cycle_id
        JOIN case_documents d ON d.id = c.framework_id
        LEFT JOIN orgs o ON o.sourced_id = c.org_id
        WHERE a.person_id = :person AND a.status = 'submitted'
        ORDER BY c.opens_on, c.created_at, c.id)",
                                  {{"person", s(person_id)}})) {
    index[row.text("aid")] = out.size();
    out.push_back({cycle_row(row), {}});
  }
  for (const auto& row : tx.query(R"(
        SELECT r.assessment_id, r.item_id, r.level FROM growth_ratings r
        JOIN growth_assessments a ON a.id = r.assessment_id
        WHERE a.person_id = :person AND a.status = 'submitted' AND r.level IS NOT NULL)",
                                  {{"person", s(person_id)}})) {
    auto it = index.find(row.text("assessment_id"));
    if (it == index.end()) continue;
    out[it->second].levels[row.text("item_id")] = static_cast<int>(row.integer("level"));
  }
  return out;
}

bool rater_exists(store::Tx& tx, std::string_view cycle_id, std::string_view subject_id,
                  std::string_view email) {
  return tx
      .query_one(
          "SELECT id FROM growth_raters WHERE cycle_id = :cycle AND subject_id = :subject AND "
          "email = :email",
          {{"cycle", s(cycle_id)}, {"subject", s(subject_id)}, {"email", s(email)}})
      .has_value();
}

void insert_rater(store::Tx& tx, const RaterRow& r, std::string_view token_hash,
                  std::string_view invited_by, std::string_view now) {
  tx.exec(R"(INSERT INTO growth_raters (id, cycle_id, subject_id, rater_group, email, token_hash,
               invited_by, invited_at)
             VALUES (:id, :cycle, :subject, :grp, :email, :hash, :by, :now))",
          {{"id", r.id},
           {"cycle", r.cycle_id},
           {"subject", r.subject_id},
           {"grp", r.group},
           {"email", r.email},
           {"hash", s(token_hash)},
           {"by", invited_by.empty() ? store::Value(nullptr) : store::Value(s(invited_by))},
           {"now", s(now)}});
}

std::optional<RaterRow> rater_by_token_hash(store::Tx& tx, std::string_view token_hash) {
  auto row = tx.query_one(
      "SELECT id, cycle_id, subject_id, rater_group, email, responded_at FROM growth_raters "
      "WHERE token_hash = :hash",
      {{"hash", s(token_hash)}});
  if (!row) return std::nullopt;
  return RaterRow{row->text("id"),         row->text("cycle_id"),
                  row->text("subject_id"), row->text("rater_group"),
                  row->text("email"),      row->optional_text("responded_at").value_or("")};
}

void record_rater_answers(store::Tx& tx, std::string_view rater_id,
                          const std::map<std::string, int>& levels, std::string_view now) {
  auto insert = tx.prepare(
      "INSERT INTO growth_rater_ratings (rater_id, item_id, level) VALUES (:r, :item, :level)");
  for (const auto& [item, level] : levels) {
    auto l = std::to_string(level);
    insert->run({rater_id, item, l});
  }
  tx.exec("UPDATE growth_raters SET responded_at = :now WHERE id = :id",
          {{"now", s(now)}, {"id", s(rater_id)}});
}

std::vector<RaterCountRow> rater_counts(store::Tx& tx, std::string_view cycle_id,
                                        std::string_view subject_id) {
  std::vector<RaterCountRow> out;
  for (const auto& row : tx.query(R"(
        SELECT rater_group, COUNT(*) AS invited,
               SUM(CASE WHEN responded_at IS NULL THEN 0 ELSE 1 END) AS responded
        FROM growth_raters WHERE cycle_id = :cycle AND subject_id = :subject
        GROUP BY rater_group)",
                                  {{"cycle", s(cycle_id)}, {"subject", s(subject_id)}})) {
    out.push_back({row.text("rater_group"), row.integer("invited"), row.integer("responded")});
  }
  return out;
}

std::vector<RaterSum> rater_sums(store::Tx& tx, std::string_view cycle_id,
                                 std::string_view subject_id) {
  std::vector<RaterSum> out;
  for (const auto& row : tx.query(R"(
        SELECT r.rater_group, rr.item_id, SUM(rr.level) AS total, COUNT(*) AS n
        FROM growth_raters r JOIN growth_rater_ratings rr ON rr.rater_id = r.id
        WHERE r.cycle_id = :cycle AND r.subject_id = :subject AND r.responded_at IS NOT NULL
        GROUP BY r.rater_group, rr.item_id)",
                                  {{"cycle", s(cycle_id)}, {"subject", s(subject_id)}})) {
    out.push_back(
        {row.text("rater_group"), row.text("item_id"), row.integer("total"), row.integer("n")});
  }
  return out;
}

std::vector<OrgParticipation> participation(store::Tx& tx, std::string_view cycle_id,
                                            std::string_view role) {
  std::string sql = R"(
      SELECT p.org_id, o.name, COUNT(*) AS participants,
             SUM(CASE WHEN a.status = 'submitted' THEN 1 ELSE 0 END) AS submitted
      FROM growth_participants p JOIN orgs o ON o.sourced_id = p.org_id
      LEFT JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id
      WHERE p.cycle_id = :cycle)";
  store::Params params = {{"cycle", s(cycle_id)}};
  if (!role.empty()) {
    sql += " AND p.role = :role";
    params.emplace_back("role", s(role));
  }
  sql += " GROUP BY p.org_id, o.name ORDER BY o.name, p.org_id";
  std::vector<OrgParticipation> out;
  for (const auto& row : tx.query(sql, params)) {
    out.push_back({row.text("org_id"), row.text("name"), row.integer("participants"),
                   row.integer("submitted")});
  }
  return out;
}

std::vector<LevelCount> level_counts(store::Tx& tx, std::string_view cycle_id,
                                     std::string_view role, const std::vector<std::string>& orgs) {
  if (orgs.empty()) return {};
  store::Params params = {{"cycle", s(cycle_id)}};
  std::string sql = R"(
      SELECT p.org_id, r.item_id, r.level, COUNT(*) AS n
      FROM growth_participants p
      JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id
      JOIN growth_ratings r ON r.assessment_id = a.id
      WHERE p.cycle_id = :cycle AND a.status = 'submitted' AND r.level IS NOT NULL)";
  if (!role.empty()) {
    sql += " AND p.role = :role";
    params.emplace_back("role", s(role));
  }
  sql += " AND p.org_id IN (" + placeholders("o", orgs.size(), params, orgs) + ")";
  sql += " GROUP BY p.org_id, r.item_id, r.level";
  std::vector<LevelCount> out;
  for (const auto& row : tx.query(sql, params)) {
    out.push_back({row.text("org_id"), row.text("item_id"), static_cast<int>(row.integer("level")),
                   row.integer("n")});
  }
  return out;
}

std::vector<LevelCount> total_level_counts(store::Tx& tx, std::string_view cycle_id,
                                           std::string_view role) {
  std::string sql = R"(
      SELECT item_id, level, SUM(chosen) AS n FROM growth_level_totals
      WHERE cycle_id = :cycle)";
  store::Params params = {{"cycle", s(cycle_id)}};
  if (!role.empty()) {
    sql += " AND role = :role";
    params.emplace_back("role", s(role));
  }
  sql += " GROUP BY item_id, level";
  std::vector<LevelCount> out;
  for (const auto& row : tx.query(sql, params)) {
    out.push_back(
        {"", row.text("item_id"), static_cast<int>(row.integer("level")), row.integer("n")});
  }
  return out;
}

void adjust_level_totals(store::Tx& tx, std::string_view cycle_id, std::string_view role,
                         const std::map<std::string, int>& levels, int delta) {
  for (const auto& [item, level] : levels) {
    store::Params params = {{"cycle", s(cycle_id)},
                            {"role", s(role)},
                            {"item", item},
                            {"level", static_cast<std::int64_t>(level)},
                            {"delta", static_cast<std::int64_t>(delta)}};
    auto changed = tx.exec(R"(UPDATE growth_level_totals SET chosen = chosen + :delta
                              WHERE cycle_id = :cycle AND role = :role AND item_id = :item
                                AND level = :level)",
                           params);
    if (changed == 0 && delta > 0) {
      tx.exec(R"(INSERT INTO growth_level_totals (cycle_id, role, item_id, level, chosen)
                 VALUES (:cycle, :role, :item, :level, :delta))",
              params);
    }
  }
}

std::vector<std::string> subtree(store::Tx& tx, std::string_view root) {
  std::vector<std::string> out;
  for (const auto& row : tx.query(R"(
        WITH RECURSIVE down (sourced_id, depth) AS (
          SELECT sourced_id, 0 FROM orgs WHERE sourced_id = :root
          UNION ALL
          SELECT o.sourced_id, down.depth + 1 FROM orgs o
          JOIN down ON o.parent_sourced_id = down.sourced_id WHERE down.depth < 32
        )
        SELECT sourced_id FROM down)",
                                  {{"root", s(root)}})) {
    out.push_back(row.text("sourced_id"));
  }
  return out;
}

std::optional<std::string> org_type(store::Tx& tx, std::string_view org_id) {
  auto row = tx.query_one("SELECT type FROM orgs WHERE sourced_id = :id", {{"id", s(org_id)}});
  if (!row) return std::nullopt;
  return row->text("type");
}

}  // namespace lodestar::growth::db
