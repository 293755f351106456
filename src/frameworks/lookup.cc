#include "frameworks/store.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "frameworks/suggest/ranker.h"
#include "frameworks/suggest/text.h"

// The frameworks' reads: documents, items, associations and definitions for the CASE API and the
// pages, and full-text search. (store.cc writes packages.)
namespace lodestar::frameworks {
namespace {

constexpr const char* kItemColumns = R"(
    i.id, i.document_id, d.title AS document_title, i.human_coding_scheme,
    i.abbreviated_statement, i.full_statement, i.item_type)";

ItemRow item_row(const store::Row& row) {
  ItemRow item;
  item.id = row.text("id");
  item.document_id = row.text("document_id");
  item.document_title = row.text("document_title");
  item.code = row.optional_text("human_coding_scheme").value_or("");
  item.title = row.optional_text("abbreviated_statement").value_or("");
  item.statement = row.text("full_statement");
  item.type = row.optional_text("item_type").value_or("");
  return item;
}

// The search words of a query: runs of letters and digits (and anything non-ASCII), lower case,
// at most 16; punctuation and search-engine syntax are only separators.
std::vector<std::string> search_words(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() > 16) words.resize(16);
  return words;
}

}  // namespace

namespace {

constexpr const char* kDocumentQuery = R"(
    SELECT d.id, d.title, d.creator, d.version, d.adoption_status, d.last_change, d.origin,
           d.json,
           (SELECT COUNT(*) FROM case_items i WHERE i.document_id = d.id) AS items,
           (SELECT COUNT(*) FROM case_associations a
             WHERE a.document_id = d.id AND a.association_type <> 'isChildOf') AS links
    FROM case_documents d)";

DocumentRow document_row(const store::Row& row) {
  DocumentRow d;
  d.id = row.text("id");
  d.title = row.text("title");
  d.creator = row.text("creator");
  d.version = row.optional_text("version").value_or("");
  d.adoption_status = row.optional_text("adoption_status").value_or("");
  d.last_change = row.text("last_change");
  d.origin = row.text("origin");
  d.json = row.text("json");
  d.items = row.integer("items");
  d.crosswalk_links = row.integer("links");
  return d;
}

}  // namespace

std::vector<DocumentRow> documents(store::Tx& tx) {
  std::vector<DocumentRow> out;
  for (const auto& row : tx.query(std::string(kDocumentQuery) + " ORDER BY d.title, d.id")) {
    out.push_back(document_row(row));
  }
  return out;
}

std::optional<DocumentRow> document(store::Tx& tx, std::string_view id) {
  auto row =
      tx.query_one(std::string(kDocumentQuery) + " WHERE d.id = :id", {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return document_row(*row);
}

namespace {

// One stored object and the CFDocument it belongs to; `sql` selects json and document_json.
std::optional<StoredObject> object_with_document(store::Tx& tx, std::string_view sql,
                                                 std::string_view id) {
  auto row = tx.query_one(sql, {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  return StoredObject{row->text("json"), row->text("document_json")};
}

}  // namespace

std::optional<StoredObject> item_object(store::Tx& tx, std::string_view id) {
  return object_with_document(tx, R"(SELECT i.json, d.json AS document_json FROM case_items i
                                     JOIN case_documents d ON d.id = i.document_id
                                     WHERE i.id = :id)",
                              id);
}

std::optional<StoredObject> association_object(store::Tx& tx, std::string_view id) {
  return object_with_document(tx, R"(SELECT a.json, d.json AS document_json
                                     FROM case_associations a
                                     JOIN case_documents d ON d.id = a.document_id
                                     WHERE a.id = :id)",
                              id);
}

std::vector<StoredObject> associations_of_item(store::Tx& tx, std::string_view item_id) {
  std::vector<StoredObject> out;
  for (const auto& row : tx.query(R"(
        SELECT a.json, d.json AS document_json FROM case_associations a
        JOIN case_documents d ON d.id = a.document_id
        WHERE a.origin_id = :id OR a.destination_id = :id
        ORDER BY a.document_id, a.position)",
                                  {{"id", std::string(item_id)}})) {
    out.push_back({row.text("json"), row.text("document_json")});
  }
  return out;
}

std::optional<std::string> definition_object(store::Tx& tx, std::string_view kind,
                                             std::string_view id) {
  auto row = tx.query_one(R"(SELECT json FROM case_definitions WHERE kind = :kind AND id = :id
                             ORDER BY document_id LIMIT 1)",
                          {{"kind", std::string(kind)}, {"id", std::string(id)}});
  if (!row) return std::nullopt;
  return row->text("json");
}

std::vector<std::string> definition_set(store::Tx& tx, std::string_view kind, std::string_view id) {
  auto first = tx.query_one(R"(SELECT document_id, hierarchy_code, json FROM case_definitions
                               WHERE kind = :kind AND id = :id ORDER BY document_id LIMIT 1)",
                            {{"kind", std::string(kind)}, {"id", std::string(id)}});
  if (!first) return {};
  std::vector<std::string> out = {first->text("json")};
  auto code = first->optional_text("hierarchy_code").value_or("");
  if (code.empty()) return out;
  std::vector<std::pair<std::string, std::string>> below;
  for (const auto& row : tx.query(R"(SELECT hierarchy_code, json FROM case_definitions
                                     WHERE document_id = :document AND kind = :kind
                                       AND id <> :id AND hierarchy_code IS NOT NULL)",
                                  {{"document", first->text("document_id")},
                                   {"kind", std::string(kind)},
                                   {"id", std::string(id)}})) {
    auto c = row.text("hierarchy_code");
    if (c.starts_with(code + ".")) below.emplace_back(c, row.text("json"));
  }
  std::sort(below.begin(), below.end(),
            [](const auto& a, const auto& b) { return suggest::code_less(a.first, b.first); });
  for (auto& [c, json] : below) out.push_back(std::move(json));
  return out;
}

std::vector<ItemRow> items_of(store::Tx& tx, std::string_view document_id) {
  std::vector<ItemRow> out;
  std::set<std::string> seen;
  for (const auto& row : tx.query(fmt::format(R"(
        SELECT {}, p.destination_id AS parent_id, p.sequence_number
        FROM case_items i JOIN case_documents d ON d.id = i.document_id
        LEFT JOIN case_associations p ON p.document_id = i.document_id
             AND p.association_type = 'isChildOf' AND p.origin_id = i.id
        WHERE i.document_id = :document ORDER BY i.position)",
                                              kItemColumns),
                                  {{"document", std::string(document_id)}})) {
    auto item = item_row(row);
    if (!seen.insert(item.id).second) continue;  // a second parent: the outline shows the first
    item.parent_id = row.optional_text("parent_id").value_or("");
    item.sequence = row.optional_integer("sequence_number").value_or(0);
    out.push_back(std::move(item));
  }
  // A parent that is not an item of this document (the document itself) is the top.
  for (auto& item : out) {
    if (!item.parent_id.empty() && !seen.contains(item.parent_id)) item.parent_id.clear();
  }
  return out;
}

std::optional<ItemRow> item(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one(fmt::format(R"(
        SELECT {}, p.destination_id AS parent_id
        FROM case_items i JOIN case_documents d ON d.id = i.document_id
        LEFT JOIN case_associations p ON p.document_id = i.document_id
             AND p.association_type = 'isChildOf' AND p.origin_id = i.id
             AND p.destination_id IN (SELECT id FROM case_items)
        WHERE i.id = :id)",
                                      kItemColumns),
                          {{"id", std::string(id)}});
  if (!row) return std::nullopt;
  auto found = item_row(*row);
  found.parent_id = row->optional_text("parent_id").value_or("");
  return found;
}

namespace {

Link link_row(store::Tx& tx, const store::Row& row, const std::string& self) {
  Link link;
  link.association_id = row.text("id");
  link.type = row.text("association_type");
  link.self_id = self;
  link.outgoing = row.text("origin_id") == self;
  link.other_id = row.text(link.outgoing ? "destination_id" : "origin_id");
  auto json = nlohmann::json::parse(row.text("json"));
  link.other_title =
      json.value(link.outgoing ? "destinationNodeURI" : "originNodeURI", nlohmann::json::object())
          .value("title", "");
  link.other = item(tx, link.other_id);
  link.note = row.optional_text("note").value_or("");
  return link;
}

}  // namespace

std::vector<Link> links_of(store::Tx& tx, std::string_view item_id) {
  std::vector<Link> out;
  std::string self(item_id);
  for (const auto& row : tx.query(R"(
        SELECT a.id, a.association_type, a.origin_id, a.destination_id, a.json, n.note
        FROM case_associations a
        LEFT JOIN case_association_notes n ON n.association_id = a.id
        WHERE (a.origin_id = :id OR a.destination_id = :id) AND a.association_type <> 'isChildOf'
        ORDER BY a.document_id, a.position)",
                                  {{"id", self}})) {
    out.push_back(link_row(tx, row, self));
  }
  return out;
}

std::vector<Link> links_between(store::Tx& tx, std::string_view left_document,
                                std::string_view right_document) {
  std::vector<Link> out;
  for (const auto& row :
       tx.query(R"(
        SELECT a.id, a.association_type, a.origin_id, a.destination_id, a.json, n.note,
               o.document_id AS origin_document
        FROM case_associations a
        JOIN case_items o ON o.id = a.origin_id
        JOIN case_items t ON t.id = a.destination_id
        LEFT JOIN case_association_notes n ON n.association_id = a.id
        WHERE a.association_type <> 'isChildOf'
          AND ((o.document_id = :left AND t.document_id = :right)
            OR (o.document_id = :right AND t.document_id = :left))
        ORDER BY a.document_id, a.position)",
                {{"left", std::string(left_document)}, {"right", std::string(right_document)}})) {
    bool left_is_origin = row.text("origin_document") == left_document;
    auto self = row.text(left_is_origin ? "origin_id" : "destination_id");
    out.push_back(link_row(tx, row, self));
  }
  return out;
}

namespace {

// "3.4.c", "2.3", "1a": what a person types to find an item by its code. Search engines split or
// join such codes differently (SQLite at every dot, PostgreSQL keeps "3.4" whole), so a code is
// looked up as a code.
std::optional<std::string> as_code(std::string_view query) {
  while (!query.empty() && query.front() == ' ') query.remove_prefix(1);
  while (!query.empty() && query.back() == ' ') query.remove_suffix(1);
  if (query.empty() || query.size() > 24) return std::nullopt;
  bool digit = false;
  for (char c : query) {
    auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) digit = true;
    if (!std::isalnum(u) && c != '.' && c != '-') return std::nullopt;
  }
  if (!digit) return std::nullopt;
  std::string code(query);
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

std::vector<SearchHit> by_code(store::Tx& tx, const std::string& code, std::string_view document_id,
                               std::size_t limit) {
  std::vector<SearchHit> hits;
  for (const auto& row : tx.query(fmt::format(R"(
        SELECT {} FROM case_items i JOIN case_documents d ON d.id = i.document_id
        WHERE lower(i.human_coding_scheme) = :code
          AND (:document = '' OR i.document_id = :document)
        ORDER BY d.title, i.position LIMIT :limit)",
                                              kItemColumns),
                                  {{"code", code},
                                   {"document", std::string(document_id)},
                                   {"limit", static_cast<std::int64_t>(limit)}})) {
    auto item = item_row(row);
    auto statement = item.statement;
    hits.push_back({std::move(item), std::move(statement)});
  }
  return hits;
}

std::vector<SearchHit> full_text(store::Tx& tx, const std::vector<std::string>& words,
                                 std::string_view document_id, std::size_t limit);

}  // namespace

std::vector<SearchHit> search(store::Tx& tx, std::string_view query, std::string_view document_id,
                              std::size_t limit) {
  auto words = search_words(query);
  if (words.empty()) return {};
  std::vector<SearchHit> hits;
  if (auto code = as_code(query)) hits = by_code(tx, *code, document_id, limit);
  for (auto& hit : full_text(tx, words, document_id, limit)) {
    if (hits.size() >= limit) break;
    bool seen = std::any_of(hits.begin(), hits.end(),
                            [&](const SearchHit& h) { return h.item.id == hit.item.id; });
    if (!seen) hits.push_back(std::move(hit));
  }
  return hits;
}

namespace {

// The items with these identifiers, in the order given.
std::vector<ItemRow> items_in_order(store::Tx& tx, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::string in;
  store::Params params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    in += (i ? ", :i" : ":i") + std::to_string(i);
    params.emplace_back("i" + std::to_string(i), ids[i]);
  }
  std::unordered_map<std::string, ItemRow> found;
  for (const auto& row : tx.query(fmt::format(R"(
        SELECT {} FROM case_items i JOIN case_documents d ON d.id = i.document_id
        WHERE i.id IN ({}))",
                                              kItemColumns, in),
                                  params)) {
    auto item = item_row(row);
    found.emplace(item.id, std::move(item));
  }
  std::vector<ItemRow> out;
  for (const auto& id : ids) {
    if (auto it = found.find(id); it != found.end()) out.push_back(std::move(it->second));
  }
  return out;
}

// Whether the last word is searched as a prefix: a short last word is likely a word being
// typed ("stud"); a long one is whole, and the stemmer already finds its other forms. Prefixes
// of long words match thousands of items in a large district and cost the most to rank.
// One or two characters ("3", "ap") are whole: as prefixes they match nearly everything.
constexpr std::size_t kShortestPrefix = 3;
constexpr std::size_t kLongestPrefix = 5;

bool as_prefix(const std::vector<std::string>& words, std::size_t i) {
  return i + 1 == words.size() && words[i].size() >= kShortestPrefix &&
         words[i].size() <= kLongestPrefix;
}

// The best `limit` items for the words, by the engine's ranking: identifiers only, so nothing is
// read or marked for the thousands of matches a common word has.
std::vector<std::string> ranked_ids(store::Tx& tx, const std::vector<std::string>& words,
                                    std::string_view document_id, std::size_t limit) {
  std::string expression;
  std::vector<std::string> ids;
  store::Params params = {{"limit", static_cast<std::int64_t>(limit)}};
  std::string sql;
  if (tx.dialect() == store::Dialect::kSqlite) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      expression += (i ? " " : "") + ("\"" + words[i] + "\"") + (as_prefix(words, i) ? "*" : "");
    }
    std::int64_t first = 0, last = std::numeric_limits<std::int64_t>::max();
    if (!document_id.empty()) {
      auto range =
          tx.query_one("SELECT search_first, search_last FROM case_documents WHERE id = :id",
                       {{"id", std::string(document_id)}});
      if (!range || range->is_null("search_first")) return {};
      first = range->integer("search_first");
      last = range->integer("search_last");
    }
    params.emplace_back("first", first);
    params.emplace_back("last", last);
    sql = R"(SELECT item_id FROM case_items_search
             WHERE case_items_search MATCH :q AND rowid BETWEEN :first AND :last
             ORDER BY rank LIMIT :limit)";
  } else {
    for (std::size_t i = 0; i < words.size(); ++i) {
      expression += (i ? " & " : "") + words[i] + (as_prefix(words, i) ? ":*" : "");
    }
    sql = document_id.empty() ? R"(
        SELECT i.id AS item_id FROM case_items i, to_tsquery('english', :q) q
        WHERE i.search @@ q
        ORDER BY ts_rank(i.search, q) DESC, i.document_id, i.position LIMIT :limit)"
                              : R"(
        SELECT i.id AS item_id FROM case_items i, to_tsquery('english', :q) q
        WHERE i.search @@ q AND i.document_id = :document
        ORDER BY ts_rank(i.search, q) DESC, i.position LIMIT :limit)";
    if (!document_id.empty()) params.emplace_back("document", std::string(document_id));
  }
  params.emplace_back("q", expression);
  for (const auto& row : tx.query(sql, params)) ids.push_back(row.text("item_id"));
  return ids;
}

// The statement with the words that match the query between \x01 and \x02: the same word, the
// same stem, or (for the last word, a prefix search) any word it begins.
std::string mark_matches(std::string_view statement, const std::vector<std::string>& words) {
  std::vector<std::string> stems;
  for (const auto& w : words) stems.push_back(suggest::stem(suggest::fold(w)));
  const std::string last =
      words.empty() || !as_prefix(words, words.size() - 1) ? "" : suggest::fold(words.back());
  auto matches = [&](std::string_view word) {
    auto folded = suggest::fold(word);
    if (!last.empty() && folded.starts_with(last)) return true;
    auto stemmed = suggest::stem(folded);
    return std::find(stems.begin(), stems.end(), stemmed) != stems.end();
  };
  std::string out;
  std::size_t i = 0;
  while (i < statement.size()) {
    auto u = static_cast<unsigned char>(statement[i]);
    if (!(std::isalnum(u) || u >= 0x80)) {
      out.push_back(statement[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < statement.size() && (std::isalnum(static_cast<unsigned char>(statement[j])) ||
                                    static_cast<unsigned char>(statement[j]) >= 0x80)) {
      ++j;
    }
    auto word = statement.substr(i, j - i);
    if (matches(word)) {
      out += '\x01';
      out.append(word);
      out += '\x02';
    } else {
      out.append(word);
    }
    i = j;
  }
  return out;
}

std::vector<SearchHit> full_text(store::Tx& tx, const std::vector<std::string>& words,
                                 std::string_view document_id, std::size_t limit) {
  std::vector<SearchHit> hits;
  for (auto& item : items_in_order(tx, ranked_ids(tx, words, document_id, limit))) {
    auto marked = mark_matches(item.statement, words);
    hits.push_back({std::move(item), std::move(marked)});
  }
  return hits;
}

}  // namespace

}  // namespace lodestar::frameworks
