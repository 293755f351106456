#include "frameworks/suggest/text.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::frameworks::suggest {
namespace {

std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(text)) out.push_back(token.term);
  return out;
}

TEST(SuggestText, LowercasesAndSplitsOnPunctuation) {
  EXPECT_EQ(terms("Privacy/SECURITY, data-governance!"),
            (std::vector<std::string>{"privac", "secur", "data", "govern"}));
}

TEST(SuggestText, DropsStopWordsNumbersAndSingleLetters) {
  EXPECT_EQ(terms("The plan for all of our 12 schools, a K-8 e-portfolio"),
            (std::vector<std::string>{"plan", "school", "portfolio"}));
  EXPECT_TRUE(tokenize("the and of which should").empty());
  EXPECT_TRUE(tokenize("").empty());
}

TEST(SuggestText, KeepsTheWordAsWrittenBesideItsTerm) {
  const auto tokens = tokenize("Teachers' Collaboration");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].term, "teach");
  EXPECT_EQ(tokens[0].word, "teachers");
  EXPECT_EQ(tokens[1].term, "collabor");
  EXPECT_EQ(tokens[1].word, "collaboration");
}

TEST(SuggestText, FoldsLatin1AccentsToAscii) {
  EXPECT_EQ(fold("Résumé, CAFÉ, naïve, Straße, Æsop"), "resume, cafe, naive, strasse, aesop");
  EXPECT_EQ(terms("résumé"), terms("resume"));
}

TEST(SuggestText, OtherNonAsciiSeparatesWords) {
  // U+2022 BULLET, as in "NETS•S", and an em dash.
  EXPECT_EQ(terms("NETS\xE2\x80\xA2S policy\xE2\x80\x94procedures"),
            (std::vector<std::string>{"net", "polic", "procedur"}));
}

TEST(SuggestText, InflectedAndDerivedFormsMeet) {
  const std::vector<std::vector<std::string>> families = {
      {"evaluate", "evaluating", "evaluated", "evaluation", "evaluations"},
      {"collaborate", "collaborative", "collaboratively", "collaboration"},
      {"technology", "technologies", "technological"},
      {"assess", "assessed", "assessment", "assessments"},
      {"partner", "partners", "partnered", "partnership"},
      {"lead", "leading", "leader", "leadership"},
      {"policy", "policies"},
      {"equity", "equitable"},
      {"manage", "managing", "management", "manager"},
      {"plan", "planned", "planning", "plans"},
      {"secure", "security"},
      {"personal", "personalized"},
  };
  for (const auto& family : families) {
    for (const auto& word : family) {
      EXPECT_EQ(stem(word), stem(family.front())) << word << " vs " << family.front();
    }
  }
}

TEST(SuggestText, StemmerKeepsApartWhatDiffers) {
  EXPECT_NE(stem("community"), stem("communication"));
  EXPECT_NE(stem("student"), stem("study"));
  EXPECT_NE(stem("formative"), stem("form"));
  EXPECT_EQ(stem("goals"), "goal");
  EXPECT_NE(stem("partner"), stem("part"));
  EXPECT_EQ(stem("need"), "need");
  EXPECT_EQ(stem("class"), "class");
  EXPECT_EQ(stem("analysis"), "analysis");
  EXPECT_EQ(stem("campus"), "campus");
}

TEST(SuggestText, ShortAndNumericWordsAreLeftAlone) {
  EXPECT_EQ(stem("ai"), "ai");
  EXPECT_EQ(stem("k12"), "k12");
  EXPECT_EQ(stem("1to1"), "1to1");
}

TEST(SuggestText, StopWordsAreLowercaseFunctionWords) {
  EXPECT_TRUE(is_stop_word("the"));
  EXPECT_TRUE(is_stop_word("themselves"));
  EXPECT_FALSE(is_stop_word("students"));
  EXPECT_FALSE(is_stop_word("privacy"));
}

}  // namespace
}  // namespace lodestar::frameworks::suggest
