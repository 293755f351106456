#include "planning/vision/store.h"

#include <algorithm>

#include "frameworks/case/package.h"

namespace lodestar::planning::vision::db {
namespace {

store::Value text_or_null(std::string_view text) {
  return text.empty() ? store::Value(nullptr) : store::Value(std::string(text));
}

std::string text_or_empty(const store::Row& row, std::string_view column) {
  return row.optional_text(column).value_or("");
}

Version version_row(const store::Row& row) {
  Version v;
  v.id = row.text("id");
  v.org_id = row.text("org_id");
  v.number = row.integer("number");
  v.status = row.text("status");
  v.note = row.text("note");
  v.created_at = row.text("created_at");
  v.updated_at = row.text("updated_at");
  v.adopted_at = text_or_empty(row, "adopted_at");
  return v;
}

constexpr std::string_view kVersionSelect = R"(
    SELECT id, org_id, number, status, note, created_at, updated_at, adopted_at
    FROM planning_vision_versions )";

std::vector<Part> parts_of(store::Tx& tx, std::string_view version_id) {
  std::vector<Part> out;
  for (const auto& row : tx.query(R"(SELECT id, heading, body FROM planning_vision_parts
                                     WHERE version_id = :v ORDER BY position)",
                                  {{"v", std::string(version_id)}})) {
    out.push_back({row.text("id"), row.text("heading"), row.text("body")});
  }
  return out;
}

std::optional<Version> one_version(store::Tx& tx, std::string_view where,
                                   const store::Params& params) {
  auto row = tx.query_one(std::string(kVersionSelect) + std::string(where), params);
  if (!row) return std::nullopt;
  auto v = version_row(*row);
  v.parts = parts_of(tx, v.id);
  return v;
}

void insert_part(store::Tx& tx, std::string_view version_id, const Part& part,
                 std::int64_t position) {
  tx.exec(R"(INSERT INTO planning_vision_parts (id, version_id, position, heading, body)
             VALUES (:id, :v, :position, :heading, :body))",
          {{"id", part.id.empty() ? frameworks::random_uuid() : part.id},
           {"v", std::string(version_id)},
           {"position", position},
           {"heading", part.heading},
           {"body", part.body}});
}

constexpr std::string_view kRoundSelect = R"(
    SELECT r.id, r.org_id, r.title, r.version_id, r.plan_id, r.opens_on, r.closes_on, r.status,
           r.created_at, v.number AS version_number, p.title AS plan_title,
           (SELECT COUNT(*) FROM planning_input_responses s WHERE s.round_id = r.id) AS responses
    FROM planning_input_rounds r
    LEFT JOIN planning_vision_versions v ON v.id = r.version_id
    LEFT JOIN planning_plans p ON p.id = r.plan_id )";

Round round_row(const store::Row& row) {
  Round r;
  r.id = row.text("id");
  r.org_id = row.text("org_id");
  r.title = row.text("title");
  r.version_id = text_or_empty(row, "version_id");
  r.plan_id = text_or_empty(row, "plan_id");
  r.opens_on = row.text("opens_on");
  r.closes_on = row.text("closes_on");
  r.status = row.text("status");
  r.created_at = row.text("created_at");
  r.version_number = row.optional_integer("version_number").value_or(0);
  r.subject_label = text_or_empty(row, "plan_title");
  r.responses = row.integer("responses");
  return r;
}

constexpr std::string_view kChangeSelect = R"(
    SELECT c.id, c.round_id, r.title AS round_title, c.description, c.part_key, c.part_label,
           c.theme_id, t.name AS theme_name, c.version_id, v.number AS version_number,
           c.created_at
    FROM planning_input_changes c
    JOIN planning_input_rounds r ON r.id = c.round_id
    LEFT JOIN planning_input_themes t ON t.id = c.theme_id
    LEFT JOIN planning_vision_versions v ON v.id = c.version_id )";

std::vector<Change> change_rows(store::Tx& tx, std::string_view where, std::string_view value) {
  std::vector<Change> out;
  for (const auto& row :
       tx.query(std::string(kChangeSelect) + std::string(where) + " ORDER BY c.created_at, c.id",
                {{"value", std::string(value)}})) {
    Change c;
    c.id = row.text("id");
    c.round_id = row.text("round_id");
    c.round_title = row.text("round_title");
    c.description = row.text("description");
    c.part_key = text_or_empty(row, "part_key");
    c.part_label = row.text("part_label");
    c.theme_id = text_or_empty(row, "theme_id");
    c.theme_name = text_or_empty(row, "theme_name");
    c.version_id = text_or_empty(row, "version_id");
    c.version_number = row.optional_integer("version_number").value_or(0);
    c.created_at = row.text("created_at");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::optional<std::string> district(store::Tx& tx) {
  auto row = tx.query_one(R"(SELECT sourced_id FROM orgs
                             WHERE type = 'district' AND parent_sourced_id IS NULL
                             ORDER BY sourced_id LIMIT 1)");
  if (!row) return std::nullopt;
  return row->text("sourced_id");
}

std::vector<Version> versions(store::Tx& tx, std::string_view org_id) {
  std::vector<Version> out;
  for (const auto& row :
       tx.query(std::string(kVersionSelect) + "WHERE org_id = :org ORDER BY number DESC",
                {{"org", std::string(org_id)}})) {
    out.push_back(version_row(row));
  }
  return out;
}

std::optional<Version> version(store::Tx& tx, std::string_view id) {
  return one_version(tx, "WHERE id = :id", {{"id", std::string(id)}});
}

std::optional<Version> latest_version(store::Tx& tx, std::string_view org_id) {
  return one_version(tx, "WHERE org_id = :org ORDER BY number DESC LIMIT 1",
                     {{"org", std::string(org_id)}});
}

std::optional<Version> adopted_version(store::Tx& tx, std::string_view org_id) {
  return one_version(tx, "WHERE org_id = :org AND status = 'adopted' ORDER BY number DESC LIMIT 1",
                     {{"org", std::string(org_id)}});
}

void insert_version(store::Tx& tx, const Version& v) {
  tx.exec(R"(INSERT INTO planning_vision_versions (id, org_id, number, status, note, created_at,
                                                   updated_at, adopted_at)
             VALUES (:id, :org, :number, :status, :note, :created_at, :updated_at, :adopted_at))",
          {{"id", v.id},
           {"org", v.org_id},
           {"number", v.number},
           {"status", v.status},
           {"note", v.note},
           {"created_at", v.created_at},
           {"updated_at", v.updated_at},
           {"adopted_at", text_or_null(v.adopted_at)}});
  for (std::size_t i = 0; i < v.parts.size(); ++i) {
    insert_part(tx, v.id, v.parts[i], static_cast<std::int64_t>(i));
  }
}

void update_version(store::Tx& tx, const Version& v) {
  tx.exec(R"(UPDATE planning_vision_versions SET note = :note, updated_at = :now WHERE id = :id)",
          {{"note", v.note}, {"now", v.updated_at}, {"id", v.id}});
  auto existing = parts_of(tx, v.id);
  for (const auto& old : existing) {
    bool kept =
        std::any_of(v.parts.begin(), v.parts.end(), [&](const Part& p) { return p.id == old.id; });
    if (!kept) {
      tx.exec("DELETE FROM planning_vision_parts WHERE id = :id", {{"id", old.id}});
    }
  }
  for (std::size_t i = 0; i < v.parts.size(); ++i) {
    const auto& part = v.parts[i];
    bool mine = std::any_of(existing.begin(), existing.end(),
                            [&](const Part& p) { return !part.id.empty() && p.id == part.id; });
    if (mine) {
      tx.exec(R"(UPDATE planning_vision_parts SET position = :position, heading = :heading,
                        body = :body WHERE id = :id)",
              {{"position", static_cast<std::int64_t>(i)},
               {"heading", part.heading},
               {"body", part.body},
               {"id", part.id}});
    } else {
      insert_part(tx, v.id, Part{"", part.heading, part.body}, static_cast<std::int64_t>(i));
    }
  }
}

void adopt_version(store::Tx& tx, std::string_view org_id, std::string_view id,
                   std::string_view now) {
  // The version adopted before, and drafts older than this one, are superseded by it.
  tx.exec(R"(UPDATE planning_vision_versions SET status = 'superseded', updated_at = :now
             WHERE org_id = :org AND id <> :id
               AND (status = 'adopted' OR (status = 'draft' AND number <
                    (SELECT v.number FROM planning_vision_versions v WHERE v.id = :id))))",
          {{"org", std::string(org_id)}, {"now", std::string(now)}, {"id", std::string(id)}});
  tx.exec(R"(UPDATE planning_vision_versions SET status = 'adopted', adopted_at = :now,
                    updated_at = :now WHERE id = :id)",
          {{"id", std::string(id)}, {"now", std::string(now)}});
}

std::vector<Round> rounds(store::Tx& tx, std::string_view org_id) {
  std::vector<Round> out;
  for (const auto& row :
       tx.query(std::string(kRoundSelect) + "WHERE r.org_id = :org ORDER BY r.opens_on DESC, r.id",
                {{"org", std::string(org_id)}})) {
    out.push_back(round_row(row));
  }
  return out;
}

std::optional<Round> round(store::Tx& tx, std::string_view id) {
  auto row =
      tx.query_one(std::string(kRoundSelect) + "WHERE r.id = :id", {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return round_row(*row);
}

void insert_round(store::Tx& tx, const Round& r) {
  tx.exec(R"(INSERT INTO planning_input_rounds (id, org_id, title, version_id, plan_id, opens_on,
                                                closes_on, status, created_at, updated_at)
             VALUES (:id, :org, :title, :version, :plan, :opens_on, :closes_on, :status,
                     :created_at, :created_at))",
          {{"id", r.id},
           {"org", r.org_id},
           {"title", r.title},
           {"version", text_or_null(r.version_id)},
           {"plan", text_or_null(r.plan_id)},
           {"opens_on", r.opens_on},
           {"closes_on", r.closes_on},
           {"status", r.status},
           {"created_at", r.created_at}});
}

void set_round_status(store::Tx& tx, std::string_view id, std::string_view status,
                      std::string_view closes_on, std::string_view now) {
  tx.exec(R"(UPDATE planning_input_rounds SET status = :status, updated_at = :now,
                    closes_on = COALESCE(:closes_on, closes_on)
             WHERE id = :id)",
          {{"status", std::string(status)},
           {"closes_on", text_or_null(closes_on)},
           {"now", std::string(now)},
           {"id", std::string(id)}});
}

void put_link(store::Tx& tx, std::string_view round_id, std::string_view audience,
              std::string_view token_hash, std::string_view now) {
  store::Params params = {{"round", std::string(round_id)}, {"audience", std::string(audience)}};
  tx.exec("DELETE FROM planning_input_links WHERE round_id = :round AND audience = :audience",
          params);
  params.emplace_back("hash", std::string(token_hash));
  params.emplace_back("now", std::string(now));
  tx.exec(R"(INSERT INTO planning_input_links (round_id, audience, token_hash, created_at)
             VALUES (:round, :audience, :hash, :now))",
          params);
}

std::optional<Link> link_by_hash(store::Tx& tx, std::string_view token_hash) {
  auto row =
      tx.query_one("SELECT round_id, audience FROM planning_input_links WHERE token_hash = :hash",
                   {{"hash", std::string(token_hash)}});
  if (!row) return std::nullopt;
  return Link{row->text("round_id"), row->text("audience")};
}

std::vector<std::string> invited(store::Tx& tx, std::string_view round_id) {
  std::vector<std::string> found;
  for (const auto& row : tx.query("SELECT audience FROM planning_input_links WHERE round_id = :r",
                                  {{"r", std::string(round_id)}})) {
    found.push_back(row.text("audience"));
  }
  std::vector<std::string> out;
  for (const auto& a : audiences()) {
    if (std::find(found.begin(), found.end(), a) != found.end()) out.push_back(a);
  }
  return out;
}

void insert_response(store::Tx& tx, std::string_view round_id, std::string_view audience,
                     std::string_view language, const std::vector<NewAnswer>& answers,
                     std::string_view now) {
  auto response_id = frameworks::random_uuid();
  tx.exec(R"(INSERT INTO planning_input_responses (id, round_id, audience, language, submitted_at)
             VALUES (:id, :round, :audience, :language, :now))",
          {{"id", response_id},
           {"round", std::string(round_id)},
           {"audience", std::string(audience)},
           {"language", std::string(language)},
           {"now", std::string(now)}});
  for (const auto& a : answers) {
    tx.exec(R"(INSERT INTO planning_input_answers (id, response_id, round_id, part_key, part_label,
                                                   position, rating, comment)
               VALUES (:id, :response, :round, :key, :label, :position, :rating, :comment))",
            {{"id", frameworks::random_uuid()},
             {"response", response_id},
             {"round", std::string(round_id)},
             {"key", a.part_key},
             {"label", a.part_label},
             {"position", a.position},
             {"rating", a.rating ? store::Value(static_cast<std::int64_t>(*a.rating))
                                 : store::Value(nullptr)},
             {"comment", a.comment}});
  }
}

std::vector<std::pair<std::string, std::int64_t>> response_counts(store::Tx& tx,
                                                                  std::string_view round_id) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& row : tx.query(R"(SELECT audience, COUNT(*) AS n FROM planning_input_responses
                                     WHERE round_id = :r GROUP BY audience)",
                                  {{"r", std::string(round_id)}})) {
    out.emplace_back(row.text("audience"), row.integer("n"));
  }
  return out;
}

std::vector<Answer> answers(store::Tx& tx, std::string_view round_id) {
  std::vector<Answer> out;
  std::map<std::string, std::size_t> index;
  for (const auto& row : tx.query(R"(
      SELECT a.id, a.response_id, s.audience, s.language, s.submitted_at, a.part_key,
             a.part_label, a.position, a.rating, a.comment
      FROM planning_input_answers a JOIN planning_input_responses s ON s.id = a.response_id
      WHERE a.round_id = :r ORDER BY a.position, s.submitted_at, a.id)",
                                  {{"r", std::string(round_id)}})) {
    Answer a;
    a.id = row.text("id");
    a.response_id = row.text("response_id");
    a.audience = row.text("audience");
    a.language = row.text("language");
    a.submitted_at = row.text("submitted_at");
    a.part_key = row.text("part_key");
    a.part_label = row.text("part_label");
    a.position = row.integer("position");
    if (auto r = row.optional_integer("rating")) a.rating = static_cast<int>(*r);
    a.comment = row.text("comment");
    index[a.id] = out.size();
    out.push_back(std::move(a));
  }
  for (const auto& row : tx.query(R"(
      SELECT g.answer_id, g.theme_id FROM planning_input_tags g
      JOIN planning_input_themes t ON t.id = g.theme_id
      WHERE t.round_id = :r ORDER BY t.name)",
                                  {{"r", std::string(round_id)}})) {
    auto found = index.find(row.text("answer_id"));
    if (found != index.end()) out[found->second].theme_ids.push_back(row.text("theme_id"));
  }
  return out;
}

std::optional<Answer> answer(store::Tx& tx, std::string_view round_id, std::string_view id) {
  for (auto& a : answers(tx, round_id)) {
    if (a.id == id) return a;
  }
  return std::nullopt;
}

std::vector<Theme> themes(store::Tx& tx, std::string_view round_id) {
  std::vector<Theme> out;
  for (const auto& row :
       tx.query("SELECT id, name FROM planning_input_themes WHERE round_id = :r ORDER BY name",
                {{"r", std::string(round_id)}})) {
    out.push_back({row.text("id"), row.text("name")});
  }
  return out;
}

std::string theme_named(store::Tx& tx, std::string_view round_id, std::string_view name) {
  store::Params params = {{"r", std::string(round_id)}, {"name", std::string(name)}};
  if (auto row = tx.query_one(
          "SELECT id FROM planning_input_themes WHERE round_id = :r AND name = :name", params)) {
    return row->text("id");
  }
  auto id = frameworks::random_uuid();
  params.emplace_back("id", id);
  tx.exec("INSERT INTO planning_input_themes (id, round_id, name) VALUES (:id, :r, :name)", params);
  return id;
}

void set_tags(store::Tx& tx, std::string_view answer_id, const std::vector<std::string>& themes) {
  tx.exec("DELETE FROM planning_input_tags WHERE answer_id = :a", {{"a", std::string(answer_id)}});
  for (const auto& t : themes) {
    tx.exec("INSERT INTO planning_input_tags (answer_id, theme_id) VALUES (:a, :t)",
            {{"a", std::string(answer_id)}, {"t", t}});
  }
}

void insert_change(store::Tx& tx, const Change& c) {
  tx.exec(R"(INSERT INTO planning_input_changes (id, round_id, description, part_key, part_label,
                                                 theme_id, version_id, created_at)
             VALUES (:id, :round, :description, :part_key, :part_label, :theme, :version, :now))",
          {{"id", c.id},
           {"round", c.round_id},
           {"description", c.description},
           {"part_key", text_or_null(c.part_key)},
           {"part_label", c.part_label},
           {"theme", text_or_null(c.theme_id)},
           {"version", text_or_null(c.version_id)},
           {"now", c.created_at}});
}

std::vector<Change> changes(store::Tx& tx, std::string_view round_id) {
  return change_rows(tx, "WHERE c.round_id = :value", round_id);
}

std::vector<Change> district_changes(store::Tx& tx, std::string_view org_id) {
  return change_rows(tx, "WHERE r.org_id = :value", org_id);
}

}  // namespace lodestar::planning::vision::db
