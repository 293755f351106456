#include "frameworks/browse.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "platform/errors.h"

namespace lodestar::frameworks {
namespace {

// Children in their parent's order (sequenceNumber), then as the package listed them.
std::vector<OutlineNode> build_tree(const std::vector<ItemRow>& items) {
  std::map<std::string, std::vector<const ItemRow*>> children;
  for (const auto& item : items) children[item.parent_id].push_back(&item);
  for (auto& [parent, list] : children) {
    std::stable_sort(list.begin(), list.end(), [](const ItemRow* a, const ItemRow* b) {
      if (a->sequence == 0 || b->sequence == 0) return false;
      return a->sequence < b->sequence;
    });
  }
  std::set<std::string> placed;
  std::function<std::vector<OutlineNode>(const std::string&)> nodes =
      [&](const std::string& parent) {
        std::vector<OutlineNode> out;
        auto it = children.find(parent);
        if (it == children.end()) return out;
        for (const auto* item : it->second) {
          if (!placed.insert(item->id).second) continue;  // a cycle in the package
          out.push_back({*item, nodes(item->id)});
        }
        return out;
      };
  return nodes("");
}

DocumentRow require_document(store::Tx& tx, std::string_view id) {
  auto found = document(tx, id);
  if (!found) throw NotFound("error.not_found", "no framework " + std::string(id));
  return std::move(*found);
}

}  // namespace

Outline outline(store::Database& db, std::string_view document_id) {
  return db.read([&](store::Tx& tx) {
    Outline out;
    out.document = require_document(tx, document_id);
    auto json = nlohmann::json::parse(out.document.json);
    out.description = json.value("description", "");
    out.publisher = json.value("publisher", "");
    out.official_url = json.value("officialSourceURL", "");
    out.citation = json.value("notes", "");
    if (json.contains("licenseURI") && json["licenseURI"].is_object()) {
      auto license = definition_object(tx, "CFLicenses",
                                       json["licenseURI"].value("identifier", std::string()));
      if (license)
        out.citation = nlohmann::json::parse(*license).value("licenseText", out.citation);
    }
    out.roots = build_tree(items_of(tx, document_id));
    return out;
  });
}

IndicatorView indicator(store::Database& db, const Alignments& alignments, std::string_view id,
                        const auth::Principal* who) {
  return db.read([&](store::Tx& tx) {
    auto found = item(tx, id);
    if (!found) throw NotFound("error.not_found", "no item " + std::string(id));
    IndicatorView view;
    view.item = *found;
    auto all = items_of(tx, found->document_id);
    std::unordered_map<std::string, const ItemRow*> by_id;
    for (const auto& i : all) by_id[i.id] = &i;
    std::set<std::string> seen = {found->id};
    for (auto parent = by_id.find(found->parent_id); parent != by_id.end();
         parent = by_id.find(parent->second->parent_id)) {
      if (!seen.insert(parent->first).second) break;
      view.ancestors.insert(view.ancestors.begin(), *parent->second);
    }
    for (const auto& i : all) {
      if (i.parent_id == found->id) view.children.push_back(i);
    }
    view.links = links_of(tx, id);
    view.aligned = alignments.aligned_to(tx, std::string(id), who);
    return view;
  });
}

Comparison compare(store::Database& db, const Suggestions& suggestions, std::string_view left,
                   std::string_view right) {
  Comparison out;
  std::vector<ItemRow> left_items, right_items;
  std::vector<Link> links;
  db.read([&](store::Tx& tx) {
    out.left = require_document(tx, left);
    out.right = require_document(tx, right);
    left_items = items_of(tx, left);
    right_items = items_of(tx, right);
    links = links_between(tx, left, right);
  });
  out.has_crosswalk = !links.empty();
  std::unordered_map<std::string, std::vector<suggest::CrosswalkSuggestion>> suggested;
  if (!out.has_crosswalk && left != right) {
    for (auto& s : suggestions.crosswalk(left, right)) suggested[s.from_id].push_back(s);
  }
  std::set<std::string> matched_right;
  for (const auto& item : left_items) {
    ComparisonRow row;
    row.left = item;
    for (const auto& link : links) {
      if (link.self_id == item.id) {
        row.links.push_back(link);
        matched_right.insert(link.other_id);
      }
    }
    if (auto it = suggested.find(item.id); it != suggested.end()) {
      row.suggested = it->second;
      for (const auto& s : it->second) matched_right.insert(s.to_id);
    }
    out.rows.push_back(std::move(row));
  }
  std::set<std::string> right_parents;
  for (const auto& item : right_items) right_parents.insert(item.parent_id);
  for (const auto& item : right_items) {
    // Only indicators (leaves) can be left out of a crosswalk; standards group them.
    if (!matched_right.contains(item.id) && !right_parents.contains(item.id)) {
      out.right_unmatched.push_back(item);
    }
  }
  out.right_items = std::move(right_items);
  return out;
}

std::vector<SearchHit> search_items(store::Database& db, std::string_view query,
                                    std::string_view document_id, std::size_t limit) {
  return db.read([&](store::Tx& tx) { return search(tx, query, document_id, limit); });
}

}  // namespace lodestar::frameworks
