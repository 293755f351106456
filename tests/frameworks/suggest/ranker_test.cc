#include "frameworks/suggest/ranker.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::frameworks::suggest {
namespace {

// A small framework in the shape of ISTE Standards for Education Leaders 2024, standard 3.4.
std::vector<Indicator> systems_designer() {
  const std::string context =
      "Systems Designer Leaders build teams and systems to implement, sustain and continually "
      "improve the use of technology to support learning.";
  return {
      {"id-a",
       "3.4.a",
       "Leaders guide teams to establish equitable technology policies that "
       "support effective learning.",
       "",
       context,
       {"acceptable use policy", "board policy"}},
      {"id-b",
       "3.4.b",
       "Leaders ensure that resources and infrastructure for supporting "
       "effective use of technology for learning are sufficient and scalable to meet future "
       "demand.",
       "",
       context,
       {"bandwidth", "device refresh cycle", "network infrastructure"}},
      {"id-c",
       "3.4.c",
       "Leaders protect privacy and security by ensuring staff understand and "
       "implement effective data management policies.",
       "",
       context,
       {"FERPA", "student data privacy", "cybersecurity"}},
      {"id-d",
       "3.4.d",
       "Leaders establish partnerships to advance strategic plans, achieve "
       "learning priorities and develop opportunities for students to gain real-world "
       "experience.",
       "",
       context,
       {"internships", "business partnerships"}},
  };
}

std::vector<std::string> codes(const std::vector<Suggestion>& suggestions) {
  std::vector<std::string> out;
  for (const auto& suggestion : suggestions) out.push_back(suggestion.code);
  return out;
}

TEST(Ranker, StudentDataPrivacyRanksThePrivacyIndicatorFirst) {
  const Ranker ranker(systems_designer());
  const auto suggestions = ranker.rank(
      "Train every principal on protecting student data privacy and vetting apps under FERPA.", 3);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions.front().code, "3.4.c");
  EXPECT_EQ(suggestions.front().id, "id-c");
}

TEST(Ranker, CuratedVocabularyBridgesDistrictWords) {
  const Ranker ranker(systems_designer());
  // None of these words is in a statement; they are all in 3.4.b's vocabulary.
  EXPECT_EQ(ranker.rank("More bandwidth and a device refresh cycle.", 1).front().code, "3.4.b");
  EXPECT_EQ(ranker.rank("Paid internships for juniors.", 1).front().code, "3.4.d");
}

TEST(Ranker, EmptyOrStopWordTextGivesNoSuggestions) {
  const Ranker ranker(systems_designer());
  EXPECT_TRUE(ranker.rank("", 5).empty());
  EXPECT_TRUE(ranker.rank("   ...  ", 5).empty());
  EXPECT_TRUE(ranker.rank("the and of it which would", 5).empty());
}

TEST(Ranker, TextWithNoWordInCommonGivesNoSuggestions) {
  const Ranker ranker(systems_designer());
  EXPECT_TRUE(ranker.rank("Xylophone zebra quantum", 5).empty());
}

TEST(Ranker, OnlyIndicatorsSharingATermAreSuggestedAndAllScorePositive) {
  const Ranker ranker(systems_designer());
  const auto suggestions = ranker.rank("internships", 10);
  EXPECT_EQ(codes(suggestions), (std::vector<std::string>{"3.4.d"}));
  for (const auto& suggestion : ranker.rank("technology learning support", 10)) {
    EXPECT_GT(suggestion.score, 0);
  }
}

TEST(Ranker, LimitIsRespected) {
  const Ranker ranker(systems_designer());
  const std::string text = "Leaders and teams use technology to support learning.";
  EXPECT_EQ(ranker.rank(text, 10).size(), 4u);
  EXPECT_EQ(ranker.rank(text, 2).size(), 2u);
  EXPECT_TRUE(ranker.rank(text, 0).empty());
}

TEST(Ranker, BestFirst) {
  const Ranker ranker(systems_designer());
  const auto suggestions = ranker.rank("privacy policies for technology and learning", 4);
  for (std::size_t i = 1; i < suggestions.size(); ++i) {
    EXPECT_GE(suggestions[i - 1].score, suggestions[i].score);
  }
}

TEST(Ranker, StopWordsDoNotChangeTheRanking) {
  const Ranker ranker(systems_designer());
  const auto plain = ranker.rank("protect student privacy", 4);
  const auto padded = ranker.rank("we will protect the privacy of all of our student", 4);
  ASSERT_EQ(codes(plain), codes(padded));
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_DOUBLE_EQ(plain[i].score, padded[i].score);
  }
}

TEST(Ranker, TiesAreBrokenByCodeWithNumbersAsNumbers) {
  // Identical indicators score identically; they come back in code order whatever the input
  // order, and "1.10" sorts after "1.9".
  const std::vector<Indicator> twins = {
      {"z", "1.10", "Digital citizenship", "", "", {}},
      {"y", "1.9", "Digital citizenship", "", "", {}},
      {"x", "1.2", "Digital citizenship", "", "", {}},
  };
  const Ranker ranker(twins);
  const auto suggestions = ranker.rank("digital citizenship week", 3);
  EXPECT_EQ(codes(suggestions), (std::vector<std::string>{"1.2", "1.9", "1.10"}));
  EXPECT_EQ(suggestions[0].score, suggestions[2].score);
  EXPECT_EQ(codes(ranker.rank("digital citizenship week", 3)), codes(suggestions));
}

TEST(Ranker, MatchedListsThePersonsOwnWordsStrongestFirst) {
  const Ranker ranker(systems_designer());
  const auto suggestions = ranker.rank("Our students' Privacy and cybersecurity matter.", 1);
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].code, "3.4.c");
  const auto& matched = suggestions[0].matched;
  EXPECT_NE(std::find(matched.begin(), matched.end(), "privacy"), matched.end());
  EXPECT_NE(std::find(matched.begin(), matched.end(), "cybersecurity"), matched.end());
  EXPECT_EQ(std::find(matched.begin(), matched.end(), "matter"), matched.end());
  EXPECT_EQ(std::find(matched.begin(), matched.end(), "our"), matched.end());
}

TEST(Ranker, MatchedReportsEachTermOnceInItsFirstSpelling) {
  const Ranker ranker(systems_designer());
  const auto suggestions = ranker.rank("Partnerships, partners, partnering.", 1);
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].matched, (std::vector<std::string>{"partnerships"}));
}

TEST(Ranker, AWordInTheStatementOutweighsTheSameWordInTheSharedContext) {
  // "sustain" is only in the context, which every indicator shares; "equitable" is 3.4.a's own.
  const Ranker ranker(systems_designer());
  EXPECT_EQ(ranker.rank("sustain equitable", 4).front().code, "3.4.a");
}

TEST(Ranker, NoIndicatorsNoSuggestions) {
  const Ranker ranker({});
  EXPECT_TRUE(ranker.rank("student data privacy", 3).empty());
  EXPECT_TRUE(ranker.indicators().empty());
}

TEST(Ranker, KeepsItsIndicators) {
  const Ranker ranker(systems_designer());
  ASSERT_EQ(ranker.indicators().size(), 4u);
  EXPECT_EQ(ranker.indicators()[2].code, "3.4.c");
}

TEST(RankerCodeOrder, ComparesDigitRunsAsNumbers) {
  EXPECT_TRUE(code_less("3.2", "3.10"));
  EXPECT_FALSE(code_less("3.10", "3.2"));
  EXPECT_TRUE(code_less("3.2", "3.2.a"));
  EXPECT_TRUE(code_less("3.2.a", "3.2.b"));
  EXPECT_TRUE(code_less("1a", "1b"));
  EXPECT_TRUE(code_less("2e", "10a"));
  EXPECT_FALSE(code_less("3.2", "3.2"));
}

TEST(SuggestCrosswalk, PairsEachIndicatorWithItsClosestCounterpart) {
  const Ranker to(systems_designer());
  const std::vector<Indicator> from = {
      {"old-c",
       "4c",
       "Protect privacy and security by ensuring that students and staff observe "
       "effective privacy and data management policies.",
       "",
       "",
       {}},
      {"old-d",
       "4d",
       "Establish partnerships that support the strategic vision, achieve "
       "learning priorities and improve operations.",
       "",
       "",
       {}},
  };
  const auto pairs = suggest_crosswalk(from, to);
  ASSERT_FALSE(pairs.empty());
  EXPECT_EQ(pairs[0].from_code, "4c");
  EXPECT_EQ(pairs[0].to_code, "3.4.c");
  EXPECT_EQ(pairs[0].to_id, "id-c");
  bool found_d = false;
  for (const auto& pair : pairs) {
    if (pair.from_id == "old-d") {
      found_d = true;
      EXPECT_EQ(pair.to_code, "3.4.d");
    }
    EXPECT_GT(pair.score, 0);
  }
  EXPECT_TRUE(found_d);
}

TEST(SuggestCrosswalk, RelativeThresholdAndLimitBoundTheMatchesPerIndicator) {
  const Ranker to(systems_designer());
  const std::vector<Indicator> from = {
      {"broad", "1", "Leaders use technology to support learning.", "", "", {}}};
  EXPECT_LE(suggest_crosswalk(from, to, {0.0, 3}).size(), 3u);
  EXPECT_EQ(suggest_crosswalk(from, to, {0.0, 1}).size(), 1u);
  // With the threshold at 1, only the best (and anything tied with it) is kept.
  const auto best = suggest_crosswalk(from, to, {1.0, 4});
  ASSERT_FALSE(best.empty());
  for (const auto& pair : best) EXPECT_EQ(pair.score, best.front().score);
}

TEST(SuggestCrosswalk, ReciprocalKeepsOnlyPairsThatHoldBothWays) {
  const Ranker to(systems_designer());
  const std::vector<Indicator> from = {
      {"near",
       "4c",
       "Protect privacy and security by ensuring that staff implement effective data "
       "management policies.",
       "",
       "",
       {}},
      {"loose", "9z", "Data privacy.", "", "", {}},
  };
  // Both point at 3.4.c; seen from 3.4.c, only "near" is the best match.
  EXPECT_EQ(suggest_crosswalk(from, to, {0.8, 1, false}).size(), 2u);
  const auto pairs = suggest_crosswalk(from, to, {0.8, 1, true});
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].from_id, "near");
  EXPECT_EQ(pairs[0].to_code, "3.4.c");
}

TEST(SuggestCrosswalk, IndicatorWithNothingInCommonGetsNoPair) {
  const Ranker to(systems_designer());
  const std::vector<Indicator> from = {{"odd", "9", "Xylophone zebra", "", "", {}}};
  EXPECT_TRUE(suggest_crosswalk(from, to).empty());
}

}  // namespace
}  // namespace lodestar::frameworks::suggest
