// The suggestion engine against people: the labeled texts in labeled.json (written for the
// purpose, labeled from the standards' statements before any tuning) and the curated crosswalks
// among the seed frameworks. Prints the measures; asserts the targets.

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "frameworks/suggest/evaluation.h"
#include "frameworks/suggest/seed_loader.h"

namespace lodestar::frameworks::suggest::seeds {
namespace {

const std::filesystem::path kSource = LODESTAR_SOURCE_DIR;
const std::filesystem::path kSeeds = kSource / "src/frameworks/seeds";
const std::filesystem::path kLabeled = kSource / "tests/frameworks/suggest/labeled.json";

const Evaluation& evaluation() {
  static const Evaluation result = evaluate(kSeeds, kLabeled);
  return result;
}

TEST(SuggestEvaluation, LabeledSetIsLargeEnoughAndLabelsExist) {
  const auto texts = load_labeled(kLabeled);
  EXPECT_GE(texts.size(), 70u);
  const auto vocabulary = read_json(kSeeds / "vocabulary.json");
  std::map<std::string, std::set<std::string>> codes;
  for (const auto& key : kFrameworks) {
    for (const auto& indicator : load_framework(kSeeds, key, vocabulary)) {
      codes[key].insert(indicator.code);
    }
  }
  std::map<std::string, int> per_framework;
  std::set<std::string> ids;
  for (const auto& text : texts) {
    EXPECT_TRUE(ids.insert(text.id).second) << "duplicate id " << text.id;
    ASSERT_TRUE(codes.contains(text.framework)) << text.id << ": " << text.framework;
    EXPECT_GE(text.labels.size(), 1u) << text.id;
    EXPECT_LE(text.labels.size(), 3u) << text.id;
    for (const auto& label : text.labels) {
      EXPECT_TRUE(codes[text.framework].contains(label)) << text.id << ": no indicator " << label;
    }
    ++per_framework[text.framework];
  }
  EXPECT_GE(per_framework["iste-leaders-2024"], 40);
  EXPECT_GE(per_framework["iste-technology-director"], 10);
}

TEST(SuggestEvaluation, SeedFrameworksLoadAsIndicatorsWithContext) {
  const auto vocabulary = read_json(kSeeds / "vocabulary.json");
  const auto indicators = load_framework(kSeeds, "iste-leaders-2024", vocabulary);
  ASSERT_EQ(indicators.size(), 22u);
  for (const auto& indicator : indicators) {
    EXPECT_FALSE(indicator.statement.empty()) << indicator.code;
    EXPECT_FALSE(indicator.context.empty()) << indicator.code;
    EXPECT_FALSE(indicator.vocabulary.empty()) << indicator.code;
  }
}

TEST(SuggestEvaluation, LabeledTextsRecallAtThreeIsAtLeastPointEight) {
  const auto& result = evaluation();
  std::cout << "\n" << markdown(result) << "\n";
  for (const auto& miss : result.overall.misses) std::cout << "  not in top 3: " << miss << "\n";
  EXPECT_GE(result.overall.recall_at_3(), 0.8);
}

TEST(SuggestEvaluation, CrosswalkSuggestionsRecoverTheCuratedCrosswalks) {
  for (const auto& [file, score] : evaluation().crosswalks) {
    EXPECT_GT(score.curated, 0u) << file.file;
    EXPECT_GT(score.suggested, 0u) << file.file;
    EXPECT_GT(score.precision(), 0.0) << file.file;
    // Leaders 2018 → 2024 is near one-to-one; NETS-A is the director standards renumbered.
    if (file.file != "crosswalk-technology-director-leaders-2024") {
      EXPECT_GT(score.recall(), 0.5) << file.file;
    }
  }
}

}  // namespace
}  // namespace lodestar::frameworks::suggest::seeds
