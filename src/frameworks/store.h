// The frameworks' SQL: CASE packages in and out of the case_* tables, the lookups the CASE API
// and the pages make, and full-text search. Callers hold the transaction (see service.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/case/package.h"
#include "platform/store/database.h"

namespace lodestar::frameworks {

struct SaveSummary {
  std::string document_id;
  std::string title;
  bool created = false;  // false: an earlier version was replaced in place
  std::size_t items = 0;
  std::size_t associations = 0;
  std::size_t definitions = 0;
  std::size_t rubrics = 0;
};

// Stores `package`, replacing every object of an earlier version of the same document (an
// import of the same package again changes nothing; a changed one is updated in place).
// `origin`: "seed", "import" or "lodestar". `notes`: association identifier → rationale.
// Throws Invalid when an item or association identifier already belongs to another document.
SaveSummary save_package(store::Tx& tx, const Package& package, std::string_view origin,
                         const std::map<std::string, std::string>& notes = {});

// Adds a CFRubric to a stored document, or replaces the one with the same identifier: in
// case_definitions and in the stored CFPackage (whose entity tag changes), so the rubric is served
// over CASE and exported with the framework. The rubric must already be valid CASE (the caller
// builds it). Throws NotFound for an unknown document.
void put_rubric(store::Tx& tx, std::string_view document_id, const nlohmann::json& rubric);

// The CFPackage as stored (its JSON text) and its entity tag.
struct StoredPackage {
  std::string body;
  std::string etag;
};
std::optional<StoredPackage> stored_package(store::Tx& tx, std::string_view document_id);
// Only the entity tag: which version of the document is stored (without reading the package).
std::optional<std::string> package_etag(store::Tx& tx, std::string_view document_id);

struct DocumentRow {
  std::string id;
  std::string title;
  std::string creator;
  std::string version;
  std::string adoption_status;
  std::string last_change;
  std::string origin;
  std::string json;  // the CFDocument
  std::int64_t items = 0;
  std::int64_t crosswalk_links = 0;  // associations to items of other documents
};
// Every document, by title.
std::vector<DocumentRow> documents(store::Tx& tx);
std::optional<DocumentRow> document(store::Tx& tx, std::string_view id);

// One stored object with the document it belongs to.
struct StoredObject {
  std::string json;
  std::string document_json;
};
std::optional<StoredObject> item_object(store::Tx& tx, std::string_view id);
std::optional<StoredObject> association_object(store::Tx& tx, std::string_view id);
// Associations with `item_id` at either end.
std::vector<StoredObject> associations_of_item(store::Tx& tx, std::string_view item_id);
// A definition (kind "CFItemTypes", …, or "CFRubrics") by identifier.
std::optional<std::string> definition_object(store::Tx& tx, std::string_view kind,
                                             std::string_view id);
// The definition and those below it by hierarchyCode ("1" → "1.1", "1.2.3"), in code order.
std::vector<std::string> definition_set(store::Tx& tx, std::string_view kind, std::string_view id);

// Items as the pages show them.
struct ItemRow {
  std::string id;
  std::string document_id;
  std::string document_title;
  std::string code;
  std::string title;
  std::string statement;
  std::string type;
  std::string parent_id;  // isChildOf within the document; "" at the top
  std::int64_t sequence = 0;
};
std::vector<ItemRow> items_of(store::Tx& tx, std::string_view document_id);
std::optional<ItemRow> item(store::Tx& tx, std::string_view id);

// An association from or to an item, with the item at the other end (when Lodestar has it).
struct Link {
  std::string association_id;
  std::string self_id;  // the item the link was asked about (links_between: the left one)
  std::string type;
  bool outgoing = true;  // the item is the association's origin
  std::string other_id;
  std::string other_title;  // from the association when the item is not stored here
  std::optional<ItemRow> other;
  std::string note;
};
// Every association of `item_id` except the outline's own isChildOf links.
std::vector<Link> links_of(store::Tx& tx, std::string_view item_id);
// Associations between items of two documents (either direction), any document holding them.
std::vector<Link> links_between(store::Tx& tx, std::string_view left_document,
                                std::string_view right_document);

struct SearchHit {
  ItemRow item;
  std::string highlighted;  // the statement with matches between \x01 and \x02
};
// Full-text search over codes, titles and statements (SQLite FTS5 / PostgreSQL text search).
// `document_id` empty: every framework. Returns nothing for a query with no words.
std::vector<SearchHit> search(store::Tx& tx, std::string_view query, std::string_view document_id,
                              std::size_t limit);

}  // namespace lodestar::frameworks
