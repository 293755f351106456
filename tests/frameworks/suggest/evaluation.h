// How well suggested alignments agree with people: the labeled texts (precision@1, recall@3 per
// framework and overall) and the curated crosswalks (precision and recall of the suggested
// pairs). Shared by tests/frameworks/suggest/evaluation_test.cc, which asserts on it, and
// bench/frameworks/suggest_eval.cc, which prints it; header-only for the reason in seed_loader.h.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "frameworks/suggest/ranker.h"
#include "frameworks/suggest/seed_loader.h"

namespace lodestar::frameworks::suggest::seeds {

struct RankingScore {
  std::size_t texts = 0;
  std::size_t top_hits = 0;         // texts whose first suggestion is one of their labels
  double recall_at_3_sum = 0;       // Σ |labels ∩ top 3| / |labels|
  std::vector<std::string> misses;  // "id: labels → top 3" for texts with a label outside top 3

  double precision_at_1() const { return texts == 0 ? 0 : double(top_hits) / double(texts); }
  double recall_at_3() const { return texts == 0 ? 0 : recall_at_3_sum / double(texts); }

  void add(const RankingScore& other) {
    texts += other.texts;
    top_hits += other.top_hits;
    recall_at_3_sum += other.recall_at_3_sum;
    misses.insert(misses.end(), other.misses.begin(), other.misses.end());
  }
};

inline RankingScore score_ranking(const Ranker& ranker, const std::vector<LabeledText>& texts) {
  RankingScore score;
  for (const auto& text : texts) {
    const auto top = ranker.rank(text.text, 3);
    const auto labeled = [&](const std::string& code) {
      return std::find(text.labels.begin(), text.labels.end(), code) != text.labels.end();
    };
    ++score.texts;
    if (!top.empty() && labeled(top.front().code)) ++score.top_hits;
    std::size_t found = 0;
    for (const auto& suggestion : top) found += labeled(suggestion.code) ? 1 : 0;
    score.recall_at_3_sum += double(found) / double(text.labels.size());
    if (found < text.labels.size()) {
      std::string line = text.id + ": ";
      for (const auto& label : text.labels) line += label + " ";
      line += "->";
      for (const auto& suggestion : top) line += " " + suggestion.code;
      score.misses.push_back(line);
    }
  }
  return score;
}

struct CrosswalkScore {
  std::size_t suggested = 0;
  std::size_t correct = 0;  // suggested pairs that are curated
  std::size_t curated = 0;

  double precision() const { return suggested == 0 ? 0 : double(correct) / double(suggested); }
  // Every correct suggestion is a distinct curated pair, so found = correct.
  double recall() const { return curated == 0 ? 0 : double(correct) / double(curated); }
};

inline CrosswalkScore score_crosswalk(
    const std::vector<CrosswalkSuggestion>& suggested,
    const std::set<std::pair<std::string, std::string>>& curated) {
  CrosswalkScore score;
  score.curated = curated.size();
  std::set<std::pair<std::string, std::string>> distinct;
  for (const auto& pair : suggested) distinct.emplace(pair.from_id, pair.to_id);
  score.suggested = distinct.size();
  for (const auto& pair : distinct) score.correct += curated.count(pair);
  return score;
}

struct Evaluation {
  std::vector<std::pair<std::string, RankingScore>> frameworks;  // those with labeled texts
  RankingScore overall;
  std::vector<std::pair<CrosswalkFile, CrosswalkScore>> crosswalks;
};

inline Evaluation evaluate(const std::filesystem::path& seeds, const std::filesystem::path& labeled,
                           const RankerOptions& ranker_options = {},
                           const CrosswalkOptions& crosswalk_options = {}) {
  const auto vocabulary = read_json(seeds / "vocabulary.json");
  const auto texts = load_labeled(labeled);
  std::map<std::string, Ranker> rankers;
  for (const auto& key : kFrameworks) {
    rankers.emplace(key, Ranker(load_framework(seeds, key, vocabulary), ranker_options));
  }

  Evaluation evaluation;
  for (const auto& key : kFrameworks) {
    std::vector<LabeledText> mine;
    std::copy_if(texts.begin(), texts.end(), std::back_inserter(mine),
                 [&](const LabeledText& text) { return text.framework == key; });
    if (mine.empty()) continue;
    evaluation.frameworks.emplace_back(key, score_ranking(rankers.at(key), mine));
    evaluation.overall.add(evaluation.frameworks.back().second);
  }
  for (const auto& file : kCrosswalks) {
    const auto suggested = suggest_crosswalk(rankers.at(file.from).indicators(),
                                             rankers.at(file.to), crosswalk_options);
    evaluation.crosswalks.emplace_back(
        file, score_crosswalk(suggested, load_crosswalk(seeds / (file.file + ".json"))));
  }
  return evaluation;
}

inline std::string markdown(const Evaluation& evaluation) {
  char line[256];
  std::string out =
      "| framework | texts | precision@1 | recall@3 |\n| --- | ---: | ---: | ---: |\n";
  const auto row = [&](const std::string& name, const RankingScore& score) {
    std::snprintf(line, sizeof line, "| %s | %zu | %.2f | %.2f |\n", name.c_str(), score.texts,
                  score.precision_at_1(), score.recall_at_3());
    out += line;
  };
  for (const auto& [key, score] : evaluation.frameworks) row(key, score);
  row("**overall**", evaluation.overall);
  out +=
      "\n| crosswalk (from → to) | curated | suggested | correct | precision | recall |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& [file, score] : evaluation.crosswalks) {
    std::snprintf(line, sizeof line, "| %s → %s | %zu | %zu | %zu | %.2f | %.2f |\n",
                  file.from.c_str(), file.to.c_str(), score.curated, score.suggested, score.correct,
                  score.precision(), score.recall());
    out += line;
  }
  return out;
}

}  // namespace lodestar::frameworks::suggest::seeds
