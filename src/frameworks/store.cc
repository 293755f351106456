#include "frameworks/store.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "platform/auth/clock.h"
#include "platform/errors.h"
#include "platform/http/etag.h"

namespace lodestar::frameworks {
namespace {

using Values = std::vector<std::optional<std::string_view>>;

std::optional<std::string> text_of(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> number_of(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return std::to_string(it->get<std::int64_t>());
}

std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

std::string node_id(const nlohmann::json& association, const char* end) {
  return association.at(end).value("identifier", "");
}

// Item or association identifiers of `package` that another document already holds.
void check_ownership(store::Tx& tx, const Package& package) {
  std::vector<FieldProblem> problems;
  auto check = [&](const char* table, const std::vector<nlohmann::json>& objects,
                   const char* path) {
    auto owner = tx.prepare(
        fmt::format("SELECT d.title FROM {} o JOIN case_documents d ON d.id = o.document_id "
                    "WHERE o.id = :id AND o.document_id <> :document",
                    table));
    for (std::size_t i = 0; i < objects.size(); ++i) {
      auto id = objects[i].value("identifier", "");
      auto rows = owner->query({id, package.id()});
      if (!rows.empty()) {
        problems.push_back({fmt::format("{}/{}/identifier", path, i),
                            "frameworks.case.identifier_taken", rows[0].text("title")});
      }
    }
  };
  check("case_items", package.items, "/CFItems");
  check("case_associations", package.associations, "/CFAssociations");
  if (!problems.empty()) throw Invalid(std::move(problems), "frameworks.case.invalid_package");
}

void remove_contents(store::Tx& tx, const std::string& id) {
  store::Params p = {{"id", id}};
  tx.exec(R"(DELETE FROM case_association_notes WHERE association_id IN
               (SELECT id FROM case_associations WHERE document_id = :id))",
          p);
  tx.exec("DELETE FROM case_associations WHERE document_id = :id", p);
  tx.exec("DELETE FROM case_definitions WHERE document_id = :id", p);
  if (tx.dialect() == store::Dialect::kSqlite) {
    tx.exec(R"(DELETE FROM case_items_search WHERE rowid BETWEEN
                 (SELECT search_first FROM case_documents WHERE id = :id) AND
                 (SELECT search_last FROM case_documents WHERE id = :id))",
            p);
  }
  tx.exec("DELETE FROM case_items WHERE document_id = :id", p);
}

void insert_items(store::Tx& tx, const Package& package) {
  auto insert = tx.prepare(R"(
      INSERT INTO case_items (id, document_id, position, human_coding_scheme,
                              abbreviated_statement, full_statement, item_type, json)
      VALUES (:id, :document, :position, :code, :title, :statement, :type, :json))");
  // SQLite: the document's items take one run of search rowids, so a search within one
  // framework is a rowid range the index answers directly (document_id is not indexed there).
  std::unique_ptr<store::Prepared> index;
  std::int64_t first_rowid = 0;
  if (tx.dialect() == store::Dialect::kSqlite) {
    index = tx.prepare(R"(
        INSERT INTO case_items_search (rowid, item_id, document_id, code, title, statement)
        VALUES (:rowid, :id, :document, :code, :title, :statement))");
    first_rowid = tx.query_one("SELECT coalesce(max(rowid), 0) + 1 AS next FROM case_items_search")
                      ->integer("next");
    tx.exec("UPDATE case_documents SET search_first = :first, search_last = :last WHERE id = :id",
            {{"first", first_rowid},
             {"last", first_rowid + static_cast<std::int64_t>(package.items.size()) - 1},
             {"id", package.id()}});
  }
  for (std::size_t i = 0; i < package.items.size(); ++i) {
    const auto& item = package.items[i];
    auto id = item.value("identifier", "");
    auto position = std::to_string(i);
    auto code = text_of(item, "humanCodingScheme");
    auto title = text_of(item, "abbreviatedStatement");
    auto statement = item.value("fullStatement", "");
    auto type = text_of(item, "CFItemType");
    auto json = item.dump();
    insert->run({id, package.id(), position, view(code), view(title), statement, view(type), json});
    if (index) {
      auto rowid = std::to_string(first_rowid + static_cast<std::int64_t>(i));
      index->run({rowid, id, package.id(), view(code), view(title), statement});
    }
  }
}

void insert_associations(store::Tx& tx, const Package& package,
                         const std::map<std::string, std::string>& notes) {
  auto insert = tx.prepare(R"(
      INSERT INTO case_associations (id, document_id, position, association_type, origin_id,
                                     destination_id, sequence_number, json)
      VALUES (:id, :document, :position, :type, :origin, :destination, :sequence, :json))");
  auto note =
      tx.prepare("INSERT INTO case_association_notes (association_id, note) VALUES (:id, :note)");
  for (std::size_t i = 0; i < package.associations.size(); ++i) {
    const auto& a = package.associations[i];
    auto id = a.value("identifier", "");
    auto position = std::to_string(i);
    auto type = a.value("associationType", "");
    auto origin = node_id(a, "originNodeURI");
    auto destination = node_id(a, "destinationNodeURI");
    auto sequence = number_of(a, "sequenceNumber");
    auto json = a.dump();
    insert->run({id, package.id(), position, type, origin, destination, view(sequence), json});
    auto it = notes.find(id);
    if (it != notes.end()) note->run({id, it->second});
  }
}

void insert_definitions(store::Tx& tx, const Package& package) {
  auto insert = tx.prepare(R"(
      INSERT INTO case_definitions (document_id, id, kind, position, hierarchy_code, json)
      VALUES (:document, :id, :kind, :position, :code, :json))");
  std::size_t position = 0;
  for (const auto& d : package.definitions) {
    auto id = d.json.value("identifier", "");
    auto code = text_of(d.json, "hierarchyCode");
    auto at = std::to_string(position++);
    auto json = d.json.dump();
    insert->run({package.id(), id, d.kind, at, view(code), json});
  }
  for (const auto& r : package.rubrics) {
    auto id = r.value("identifier", "");
    auto at = std::to_string(position++);
    auto json = r.dump();
    insert->run({package.id(), id, std::string_view("CFRubrics"), at, std::nullopt, json});
  }
}

}  // namespace

SaveSummary save_package(store::Tx& tx, const Package& package, std::string_view origin,
                         const std::map<std::string, std::string>& notes) {
  check_ownership(tx, package);
  SaveSummary summary;
  summary.document_id = package.id();
  summary.title = package.title();
  const auto& doc = package.document;
  auto body = to_json(package).dump();
  store::Params params = {{"id", package.id()},
                          {"title", package.title()},
                          {"creator", doc.value("creator", "")},
                          {"version", text_of(doc, "version").value_or("")},
                          {"adoption_status", text_of(doc, "adoptionStatus").value_or("")},
                          {"language", text_of(doc, "language").value_or("")},
                          {"last_change", doc.value("lastChangeDateTime", "")},
                          {"origin", std::string(origin)},
                          {"json", doc.dump()},
                          {"package", body},
                          {"etag", http::strong_etag(body)},
                          {"loaded_at", auth::to_iso8601(auth::SystemClock::instance().now())}};
  if (tx.query_one("SELECT id FROM case_documents WHERE id = :id", {{"id", package.id()}})) {
    remove_contents(tx, package.id());
    tx.exec(R"(UPDATE case_documents SET title = :title, creator = :creator, version = :version,
                 adoption_status = :adoption_status, language = :language,
                 last_change = :last_change, origin = :origin, json = :json, package = :package,
                 etag = :etag, loaded_at = :loaded_at
               WHERE id = :id)",
            params);
  } else {
    summary.created = true;
    tx.exec(R"(INSERT INTO case_documents (id, title, creator, version, adoption_status, language,
                 last_change, origin, json, package, etag, loaded_at)
               VALUES (:id, :title, :creator, :version, :adoption_status, :language,
                 :last_change, :origin, :json, :package, :etag, :loaded_at))",
            params);
  }
  insert_items(tx, package);
  insert_associations(tx, package, notes);
  insert_definitions(tx, package);
  // A large framework changes the tables' statistics enough for PostgreSQL to choose a
  // sequential scan over the search index until autovacuum notices; tell it now.
  if (tx.dialect() == store::Dialect::kPostgresql && package.items.size() >= 500) {
    tx.exec("ANALYZE case_items");
    tx.exec("ANALYZE case_associations");
  }
  summary.items = package.items.size();
  summary.associations = package.associations.size();
  summary.definitions = package.definitions.size();
  summary.rubrics = package.rubrics.size();
  return summary;
}

void put_rubric(store::Tx& tx, std::string_view document_id, const nlohmann::json& rubric) {
  auto row = tx.query_one("SELECT package FROM case_documents WHERE id = :id",
                          {{"id", std::string(document_id)}});
  if (!row) throw NotFound("error.not_found");
  auto package = nlohmann::json::parse(row->text("package"));
  auto id = rubric.value("identifier", "");
  auto& rubrics = package["CFRubrics"];
  if (!rubrics.is_array()) rubrics = nlohmann::json::array();
  bool replaced = false;
  for (auto& r : rubrics) {
    if (r.is_object() && r.value("identifier", "") == id) {
      r = rubric;
      replaced = true;
    }
  }
  if (!replaced) rubrics.push_back(rubric);
  auto body = package.dump();
  tx.exec("UPDATE case_documents SET package = :package, etag = :etag WHERE id = :id",
          {{"package", body}, {"etag", http::strong_etag(body)}, {"id", std::string(document_id)}});
  if (replaced) {
    tx.exec("UPDATE case_definitions SET json = :json WHERE document_id = :document AND id = :id",
            {{"json", rubric.dump()}, {"document", std::string(document_id)}, {"id", id}});
  } else {
    auto next = tx.query_one(
        "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM case_definitions WHERE document_id = "
        ":document",
        {{"document", std::string(document_id)}});
    tx.exec(R"(INSERT INTO case_definitions (document_id, id, kind, position, hierarchy_code, json)
               VALUES (:document, :id, 'CFRubrics', :position, NULL, :json))",
            {{"document", std::string(document_id)},
             {"id", id},
             {"position", next->integer("next")},
             {"json", rubric.dump()}});
  }
}

std::optional<StoredPackage> stored_package(store::Tx& tx, std::string_view document_id) {
  auto row = tx.query_one("SELECT package, etag FROM case_documents WHERE id = :id",
                          {{"id", std::string(document_id)}});
  if (!row) return std::nullopt;
  return StoredPackage{row->text("package"), row->text("etag")};
}

std::optional<std::string> package_etag(store::Tx& tx, std::string_view document_id) {
  auto row = tx.query_one("SELECT etag FROM case_documents WHERE id = :id",
                          {{"id", std::string(document_id)}});
  if (!row) return std::nullopt;
  return row->text("etag");
}

}  // namespace lodestar::frameworks
