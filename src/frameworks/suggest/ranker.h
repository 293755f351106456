// Suggested alignments: which indicators of a framework a piece of district writing (a PD
// description, a plan goal, a coaching note) most likely addresses. The ranking is BM25F
// (Robertson, Zaragoza & Taylor 2004): each indicator is a document with four fields, each term's
// frequency is normalised per field and summed with a per-field weight, and the sum is saturated
// once with k1. Suggestions are for a person to accept or reject; nothing here decides.
//
// Pure: no I/O, no clock, no randomness. The same indicators and text always give the same
// suggestions in the same order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lodestar::frameworks::suggest {

struct Indicator {
  std::string id;                       // CFItem identifier
  std::string code;                     // humanCodingScheme, e.g. "3.2.b"
  std::string statement;                // fullStatement
  std::string title;                    // abbreviatedStatement (may be empty)
  std::string context;                  // the parent standard's title + statement
  std::vector<std::string> vocabulary;  // curated terms and phrases
};

struct Suggestion {
  std::string id;
  std::string code;
  double score = 0;
  // The person's own words (as folded by `fold`) that matched, the strongest first: the
  // "why this suggestion" a reviewer sees.
  std::vector<std::string> matched;
};

// How much each field counts and how BM25F normalises it. The defaults are argued in ranker.cc.
struct RankerOptions {
  double k1 = 1.2;  // term-frequency saturation
  double statement_weight = 1.0;
  double title_weight = 1.0;
  double context_weight = 0.3;
  double vocabulary_weight = 1.5;
  double statement_b = 0.75;  // length normalisation per field: 0 = none, 1 = full
  double title_b = 0.5;
  double context_b = 0.75;
  double vocabulary_b = 0.5;
};

class Ranker {
 public:
  explicit Ranker(std::vector<Indicator> indicators, RankerOptions options = {});

  // At most `limit` indicators that share a term with `text`, the best first; ties are broken
  // by code (compared with numbers as numbers: "3.2" < "3.10"), then by id. Every score is > 0.
  // Empty text, or text of stop words only, gives no suggestions.
  std::vector<Suggestion> rank(std::string_view text, std::size_t limit) const;

  const std::vector<Indicator>& indicators() const { return indicators_; }

 private:
  struct Posting {
    std::size_t indicator;
    double weight;  // idf × saturated BM25F term frequency: the term's whole contribution
  };

  std::vector<Indicator> indicators_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;  // by term; by indicator
  std::vector<std::size_t> order_;    // indicator indices in tie-break order
  std::vector<std::size_t> rank_of_;  // position of each indicator in order_
};

struct CrosswalkSuggestion {
  std::string from_id, from_code, to_id, to_code;
  double score = 0;
};

struct CrosswalkOptions {
  // A `to` indicator is suggested when its score is at least this share of the best score for
  // the same `from` indicator.
  double relative_threshold = 0.8;
  std::size_t max_per_indicator = 2;
  // Keep a pair only when it also holds the other way: the `from` indicator is among the
  // `max_per_indicator` best for the `to` indicator's text. Drops the forced matches of
  // indicators that have no counterpart, at some cost in recall where one indicator maps to
  // several.
  bool reciprocal = false;
};

// For each indicator of `from`, in order, the best match(es) in `to`: its statement, title,
// vocabulary and context are the query. Indicators with no term in common with `to` get none.
std::vector<CrosswalkSuggestion> suggest_crosswalk(const std::vector<Indicator>& from,
                                                   const Ranker& to, CrosswalkOptions options = {});

// "3.2" < "3.10" < "3.10.a": runs of digits compare as numbers, everything else bytewise.
bool code_less(std::string_view a, std::string_view b);

}  // namespace lodestar::frameworks::suggest
