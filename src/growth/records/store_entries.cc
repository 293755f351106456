// The journal, the learning log, evidence and portfolio share links (store.h).
#include "growth/records/store.h"
#include "growth/records/store_support.h"

namespace lodestar::growth::records::db {
namespace {

constexpr std::string_view kJournalSelect = R"(
    SELECT j.id, j.person_id, j.title, j.body, j.shared_with, j.created_at, j.updated_at,
           o.given_name AS owner_given, o.family_name AS owner_family,
           s.given_name AS shared_given, s.family_name AS shared_family
    FROM growth_journal_entries j
    JOIN people o ON o.sourced_id = j.person_id
    LEFT JOIN people s ON s.sourced_id = j.shared_with)";

JournalRow journal_row(const store::Row& row) {
  JournalRow j;
  j.id = row.text("id");
  j.person_id = row.text("person_id");
  j.owner_name = full_name(row, "owner_given", "owner_family");
  j.title = row.text("title");
  j.body = row.text("body");
  j.shared_with = text_or_empty(row, "shared_with");
  j.shared_with_name = full_name(row, "shared_given", "shared_family");
  j.created_at = row.text("created_at");
  j.updated_at = row.text("updated_at");
  return j;
}

EvidenceRow evidence_row(const store::Row& row) {
  EvidenceRow e;
  e.id = row.text("id");
  e.person_id = row.text("person_id");
  e.title = row.text("title");
  e.kind = row.text("kind");
  e.url = text_or_empty(row, "url");
  e.blob_hash = text_or_empty(row, "blob_hash");
  e.mime = text_or_empty(row, "mime");
  e.size_bytes = row.optional_integer("size_bytes").value_or(0);
  e.file_name = text_or_empty(row, "file_name");
  e.created_at = row.text("created_at");
  return e;
}

// People holding one of `roles` (an SQL list of literals) at one of the person's organizations
}  // namespace

void insert_journal(store::Tx& tx, const JournalRow& entry) {
  tx.exec(R"(INSERT INTO growth_journal_entries (id, person_id, title, body, shared_with,
                                                 created_at, updated_at)
             VALUES (:id, :person, :title, :body, :shared_with, :created_at, :updated_at))",
          {{"id", entry.id},
           {"person", entry.person_id},
           {"title", entry.title},
           {"body", entry.body},
           {"shared_with", text_or_null(entry.shared_with)},
           {"created_at", entry.created_at},
           {"updated_at", entry.updated_at}});
}

void update_journal(store::Tx& tx, const JournalRow& entry) {
  tx.exec(R"(UPDATE growth_journal_entries SET title = :title, body = :body,
               shared_with = :shared_with, updated_at = :updated_at
             WHERE id = :id AND person_id = :person)",
          {{"id", entry.id},
           {"person", entry.person_id},
           {"title", entry.title},
           {"body", entry.body},
           {"shared_with", text_or_null(entry.shared_with)},
           {"updated_at", entry.updated_at}});
}

std::optional<JournalRow> journal_entry(store::Tx& tx, std::string_view id) {
  auto row =
      tx.query_one(std::string(kJournalSelect) + " WHERE j.id = :id", {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return journal_row(*row);
}

std::vector<JournalRow> journal_of(store::Tx& tx, std::string_view person_id) {
  std::vector<JournalRow> out;
  for (const auto& row :
       tx.query(std::string(kJournalSelect) +
                    " WHERE j.person_id = :person ORDER BY j.created_at DESC, j.id",
                {{"person", std::string(person_id)}})) {
    out.push_back(journal_row(row));
  }
  return out;
}

std::vector<JournalRow> journal_shared_with(store::Tx& tx, std::string_view person_id) {
  std::vector<JournalRow> out;
  for (const auto& row :
       tx.query(std::string(kJournalSelect) +
                    " WHERE j.shared_with = :person ORDER BY j.created_at DESC, j.id",
                {{"person", std::string(person_id)}})) {
    out.push_back(journal_row(row));
  }
  return out;
}

void insert_log(store::Tx& tx, const LogRow& entry) {
  tx.exec(R"(INSERT INTO growth_learning_log (id, person_id, kind, title, happened_on, minutes,
                                              note, created_at)
             VALUES (:id, :person, :kind, :title, :happened_on, :minutes, :note, :created_at))",
          {{"id", entry.id},
           {"person", entry.person_id},
           {"kind", entry.kind},
           {"title", entry.title},
           {"happened_on", entry.happened_on},
           {"minutes", entry.minutes ? store::Value(*entry.minutes) : store::Value(nullptr)},
           {"note", entry.note},
           {"created_at", entry.created_at}});
}

std::vector<LogRow> log_of(store::Tx& tx, std::string_view person_id) {
  std::vector<LogRow> out;
  for (const auto& row : tx.query(R"(
        SELECT id, person_id, kind, title, happened_on, minutes, note, created_at
        FROM growth_learning_log WHERE person_id = :person
        ORDER BY happened_on DESC, created_at DESC, id)",
                                  {{"person", std::string(person_id)}})) {
    out.push_back({row.text("id"), row.text("person_id"), row.text("kind"), row.text("title"),
                   row.text("happened_on"), row.optional_integer("minutes"), row.text("note"),
                   row.text("created_at")});
  }
  return out;
}

bool delete_log(store::Tx& tx, std::string_view person_id, std::string_view id) {
  return tx.exec("DELETE FROM growth_learning_log WHERE id = :id AND person_id = :person",
                 {{"id", std::string(id)}, {"person", std::string(person_id)}}) > 0;
}

void insert_evidence(store::Tx& tx, const EvidenceRow& e) {
  tx.exec(R"(INSERT INTO growth_evidence (id, person_id, title, kind, url, blob_hash, mime,
                                          size_bytes, file_name, created_at)
             VALUES (:id, :person, :title, :kind, :url, :blob_hash, :mime, :size_bytes,
                     :file_name, :created_at))",
          {{"id", e.id},
           {"person", e.person_id},
           {"title", e.title},
           {"kind", e.kind},
           {"url", text_or_null(e.url)},
           {"blob_hash", text_or_null(e.blob_hash)},
           {"mime", text_or_null(e.mime)},
           {"size_bytes", e.kind == "file" ? store::Value(e.size_bytes) : store::Value(nullptr)},
           {"file_name", text_or_null(e.file_name)},
           {"created_at", e.created_at}});
}

std::optional<EvidenceRow> evidence(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(R"(
      SELECT id, person_id, title, kind, url, blob_hash, mime, size_bytes, file_name, created_at
      FROM growth_evidence WHERE id = :id)",
                          {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return evidence_row(*row);
}

std::vector<EvidenceRow> evidence_of(store::Tx& tx, std::string_view person_id) {
  std::vector<EvidenceRow> out;
  for (const auto& row : tx.query(R"(
        SELECT id, person_id, title, kind, url, blob_hash, mime, size_bytes, file_name, created_at
        FROM growth_evidence WHERE person_id = :person ORDER BY created_at DESC, id)",
                                  {{"person", std::string(person_id)}})) {
    out.push_back(evidence_row(row));
  }
  return out;
}

void delete_evidence(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM growth_evidence WHERE id = :id", {{"id", std::string(id)}});
}

std::optional<ShareRow> active_share(store::Tx& tx, std::string_view person_id) {
  auto row = tx.query_one(R"(
      SELECT id, person_id, created_at FROM growth_portfolio_shares
      WHERE person_id = :person AND revoked_at IS NULL ORDER BY created_at DESC, id)",
                          {{"person", std::string(person_id)}});
  if (!row) return std::nullopt;
  return ShareRow{row->text("id"), row->text("person_id"), row->text("created_at")};
}

std::optional<ShareRow> share_by_token_hash(store::Tx& tx, std::string_view token_hash) {
  auto row = tx.query_one(R"(
      SELECT id, person_id, created_at FROM growth_portfolio_shares
      WHERE token_hash = :hash AND revoked_at IS NULL)",
                          {{"hash", std::string(token_hash)}});
  if (!row) return std::nullopt;
  return ShareRow{row->text("id"), row->text("person_id"), row->text("created_at")};
}

void insert_share(store::Tx& tx, const ShareRow& share, std::string_view token_hash) {
  tx.exec(R"(INSERT INTO growth_portfolio_shares (id, person_id, token_hash, created_at)
             VALUES (:id, :person, :hash, :created_at))",
          {{"id", share.id},
           {"person", share.person_id},
           {"hash", std::string(token_hash)},
           {"created_at", share.created_at}});
}

std::int64_t revoke_shares(store::Tx& tx, std::string_view person_id, std::string_view now) {
  return tx.exec(R"(UPDATE growth_portfolio_shares SET revoked_at = :now
                    WHERE person_id = :person AND revoked_at IS NULL)",
                 {{"now", std::string(now)}, {"person", std::string(person_id)}});
}

}  // namespace lodestar::growth::records::db
