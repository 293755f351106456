// What the framework pages read: a framework as an outline, one indicator with its crosswalks
// and what is aligned to it, two frameworks side by side, and search. One unit of work each.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/alignment.h"
#include "frameworks/store.h"
#include "frameworks/suggestions.h"

namespace lodestar::frameworks {

struct OutlineNode {
  ItemRow item;
  std::vector<OutlineNode> children;
};

struct Outline {
  DocumentRow document;
  std::string description;
  std::string publisher;
  std::string official_url;
  std::string citation;  // the license text, else the document's notes
  std::vector<OutlineNode> roots;
};
// Throws NotFound.
Outline outline(store::Database& db, std::string_view document_id);

struct IndicatorView {
  ItemRow item;
  std::vector<ItemRow> ancestors;  // from the top down
  std::vector<ItemRow> children;
  std::vector<Link> links;  // crosswalks and other associations, both directions
  std::vector<AlignedRecord> aligned;
};
// Throws NotFound.
IndicatorView indicator(store::Database& db, const Alignments& alignments, std::string_view id,
                        const auth::Principal* who);

struct ComparisonRow {
  ItemRow left;
  std::vector<Link> links;                              // to items of the right framework
  std::vector<suggest::CrosswalkSuggestion> suggested;  // only when the two have no crosswalk
};
struct Comparison {
  DocumentRow left;
  DocumentRow right;
  bool has_crosswalk = false;
  std::vector<ComparisonRow> rows;       // every item of the left framework, in order
  std::vector<ItemRow> right_unmatched;  // right items nothing on the left links to
  std::vector<ItemRow> right_items;      // every item of the right framework
};
// Throws NotFound for an unknown framework.
Comparison compare(store::Database& db, const Suggestions& suggestions, std::string_view left,
                   std::string_view right);

std::vector<SearchHit> search_items(store::Database& db, std::string_view query,
                                    std::string_view document_id, std::size_t limit);

}  // namespace lodestar::frameworks
