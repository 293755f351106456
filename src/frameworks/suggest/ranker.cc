#include "frameworks/suggest/ranker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <utility>

#include "frameworks/suggest/text.h"

// Why the defaults in RankerOptions are what they are.
//
// k1 = 1.2 and b = 0.75 are Robertson's standard values. Indicators are short (10–40 terms),
// so saturation matters little inside one indicator; what k1 does here is keep one repeated
// word in a long statement from outweighing two different words that match.
//
// Fields. The statement is the indicator itself: weight 1. The title (abbreviatedStatement) is
// a few words chosen by the framework's authors, so it is as telling as the statement; it is
// short, hence b = 0.5 so that a two-word title is not over-rewarded. The context (the parent
// standard) is shared by every sibling indicator: it says which standard a text belongs to but
// cannot choose among siblings, so it gets 0.3: enough to lift the right family above a stray
// match elsewhere, not enough to beat a sibling's own words. The curated vocabulary carries the
// words districts actually write ("hotspot", "FERPA", "micro-credential") that standards never
// use; it is the field that bridges the two registers, so it counts 1.5, with b = 0.5 because a
// long list of terms is long on purpose.
//
// A term's weight within the query is not counted: district texts repeat words for style
// ("students … students"), not emphasis, and counting repeats let one common word dominate.

namespace lodestar::frameworks::suggest {
namespace {

enum Field { kStatement, kTitle, kContext, kVocabulary, kFieldCount };

// Term counts of one field of one indicator, and its length in terms.
struct FieldTerms {
  std::unordered_map<std::string, int> counts;
  std::size_t length = 0;
};

FieldTerms count_terms(std::string_view text) {
  FieldTerms field;
  for (auto& token : tokenize(text)) {
    ++field.counts[std::move(token.term)];
    ++field.length;
  }
  return field;
}

std::string join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) {
    joined.append(part);
    joined.push_back('\n');  // a separator, so that phrases do not run together
  }
  return joined;
}

std::array<FieldTerms, kFieldCount> fields_of(const Indicator& indicator) {
  return {count_terms(indicator.statement), count_terms(indicator.title),
          count_terms(indicator.context), count_terms(join(indicator.vocabulary))};
}

// Lucene's form of the Robertson–Spärck Jones weight, which never goes negative: a term in
// every indicator still counts a little.
double idf(std::size_t indicators, std::size_t with_term) {
  const double n = static_cast<double>(indicators);
  const double df = static_cast<double>(with_term);
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

// A query's distinct terms in order of first appearance, each with the first word it came from.
std::vector<Token> distinct_terms(std::string_view text) {
  std::vector<Token> distinct;
  std::unordered_map<std::string, bool> seen;
  for (auto& token : tokenize(text)) {
    if (seen.emplace(token.term, true).second) distinct.push_back(std::move(token));
  }
  return distinct;
}

// An indicator as a query against another framework: all it says about itself.
std::string as_query(const Indicator& indicator) {
  return indicator.statement + '\n' + indicator.title + '\n' + join(indicator.vocabulary) +
         indicator.context;
}

}  // namespace

bool code_less(std::string_view a, std::string_view b) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const std::size_t a_start = i;
      const std::size_t b_start = j;
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
      auto a_run = a.substr(a_start, i - a_start);
      auto b_run = b.substr(b_start, j - b_start);
      // Leading zeros do not change a number: compare without them, shorter first.
      a_run.remove_prefix(std::min(a_run.find_first_not_of('0'), a_run.size()));
      b_run.remove_prefix(std::min(b_run.find_first_not_of('0'), b_run.size()));
      if (a_run.size() != b_run.size()) return a_run.size() < b_run.size();
      if (a_run != b_run) return a_run < b_run;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;
}

Ranker::Ranker(std::vector<Indicator> indicators, RankerOptions options)
    : indicators_(std::move(indicators)) {
  const std::size_t n = indicators_.size();
  const std::array<double, kFieldCount> weight = {options.statement_weight, options.title_weight,
                                                  options.context_weight,
                                                  options.vocabulary_weight};
  const std::array<double, kFieldCount> b = {options.statement_b, options.title_b,
                                             options.context_b, options.vocabulary_b};

  std::vector<std::array<FieldTerms, kFieldCount>> fields;
  fields.reserve(n);
  std::array<double, kFieldCount> average_length{};
  for (const auto& indicator : indicators_) {
    fields.push_back(fields_of(indicator));
    for (int f = 0; f < kFieldCount; ++f) {
      average_length[f] += static_cast<double>(fields.back()[f].length);
    }
  }
  for (auto& length : average_length) length = n == 0 ? 0 : length / static_cast<double>(n);

  // BM25F: per-field normalised frequencies, weighted and summed, saturated once.
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, double>>> frequencies;
  for (std::size_t d = 0; d < n; ++d) {
    for (int f = 0; f < kFieldCount; ++f) {
      const auto& field = fields[d][f];
      if (field.length == 0 || weight[f] == 0) continue;
      const double norm = 1.0 - b[f] + b[f] * static_cast<double>(field.length) / average_length[f];
      for (const auto& [term, count] : field.counts) {
        auto& list = frequencies[term];
        if (list.empty() || list.back().first != d) list.emplace_back(d, 0.0);
        list.back().second += weight[f] * count / norm;
      }
    }
  }
  for (auto& [term, list] : frequencies) {
    const double term_idf = idf(n, list.size());
    auto& postings = postings_[term];
    postings.reserve(list.size());
    for (const auto& [d, tf] : list) {
      postings.push_back({d, term_idf * tf * (options.k1 + 1.0) / (options.k1 + tf)});
    }
  }

  order_.resize(n);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::sort(order_.begin(), order_.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = indicators_[x];
    const auto& c = indicators_[y];
    if (a.code != c.code) return code_less(a.code, c.code);
    return a.id < c.id;
  });
  rank_of_.resize(n);
  for (std::size_t r = 0; r < n; ++r) rank_of_[order_[r]] = r;
}

std::vector<Suggestion> Ranker::rank(std::string_view text, std::size_t limit) const {
  const auto terms = distinct_terms(text);
  // The postings of each query term that occurs in some indicator.
  std::vector<std::pair<const Token*, const std::vector<Posting>*>> hits;
  std::vector<double> scores(indicators_.size(), 0.0);
  std::vector<std::size_t> touched;
  for (const auto& token : terms) {
    const auto found = postings_.find(token.term);
    if (found == postings_.end()) continue;
    hits.emplace_back(&token, &found->second);
    for (const auto& posting : found->second) {
      if (scores[posting.indicator] == 0) touched.push_back(posting.indicator);
      scores[posting.indicator] += posting.weight;
    }
  }

  const auto better = [&](std::size_t x, std::size_t y) {
    if (scores[x] != scores[y]) return scores[x] > scores[y];
    return rank_of_[x] < rank_of_[y];
  };
  const std::size_t count = std::min(limit, touched.size());
  std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(count),
                    touched.end(), better);

  std::vector<Suggestion> suggestions;
  suggestions.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t d = touched[i];
    if (scores[d] <= 0) break;
    Suggestion suggestion{indicators_[d].id, indicators_[d].code, scores[d], {}};
    // Each hit's contribution to this indicator; postings are in indicator order.
    std::vector<std::pair<double, const std::string*>> contributions;
    for (const auto& [token, postings] : hits) {
      const auto at = std::lower_bound(
          postings->begin(), postings->end(), d,
          [](const Posting& posting, std::size_t value) { return posting.indicator < value; });
      if (at != postings->end() && at->indicator == d) {
        contributions.emplace_back(at->weight, &token->word);
      }
    }
    std::stable_sort(contributions.begin(), contributions.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    for (const auto& [weight, word] : contributions) suggestion.matched.push_back(*word);
    suggestions.push_back(std::move(suggestion));
  }
  return suggestions;
}

std::vector<CrosswalkSuggestion> suggest_crosswalk(const std::vector<Indicator>& from,
                                                   const Ranker& to, CrosswalkOptions options) {
  std::optional<Ranker> back;
  std::unordered_map<std::string, const Indicator*> to_by_id;
  if (options.reciprocal) {
    back.emplace(from);
    for (const auto& indicator : to.indicators()) to_by_id[indicator.id] = &indicator;
  }
  const auto holds_back = [&](const std::string& from_id, const std::string& to_id) {
    for (const auto& suggestion :
         back->rank(as_query(*to_by_id.at(to_id)), options.max_per_indicator)) {
      if (suggestion.id == from_id) return true;
    }
    return false;
  };

  std::vector<CrosswalkSuggestion> crosswalk;
  for (const auto& indicator : from) {
    const auto ranked = to.rank(as_query(indicator), options.max_per_indicator);
    if (ranked.empty()) continue;
    const double threshold = ranked.front().score * options.relative_threshold;
    for (const auto& suggestion : ranked) {
      if (suggestion.score < threshold) break;
      if (options.reciprocal && !holds_back(indicator.id, suggestion.id)) continue;
      crosswalk.push_back(
          {indicator.id, indicator.code, suggestion.id, suggestion.code, suggestion.score});
    }
  }
  return crosswalk;
}

}  // namespace lodestar::frameworks::suggest
