#include "planning/vision/model.h"

#include <gtest/gtest.h>

namespace lodestar::planning::vision {
namespace {

bool has(const std::vector<FieldProblem>& problems, const std::string& field,
         const std::string& key) {
  for (const auto& p : problems) {
    if (p.field == field && p.message_key == key) return true;
  }
  return false;
}

Answer answer(std::string audience, std::string part, std::optional<int> rating,
              std::string comment = "", std::vector<std::string> themes = {}) {
  Answer a;
  a.audience = std::move(audience);
  a.part_key = std::move(part);
  a.rating = rating;
  a.comment = std::move(comment);
  a.theme_ids = std::move(themes);
  return a;
}

TEST(VisionModel, APartWithTextNeedsAHeading) {
  auto problems = version_problems({"", {{"", "Our vision", "x"}, {"", "", "Text"}}});
  EXPECT_TRUE(has(problems, "heading-1", "planning.vision.error.heading_required"));
  EXPECT_TRUE(version_problems({"", {{"", "Our vision", "x"}, {"", "", ""}}}).empty());
}

TEST(VisionModel, AVersionNeedsOnePart) {
  auto problems = version_problems({"note", {{"", " ", ""}}});
  EXPECT_TRUE(has(problems, "heading-0", "planning.vision.error.no_parts"));
  EXPECT_EQ(kept_parts({{"", "A", ""}, {"", "", ""}}).size(), 1u);
}

TEST(VisionModel, ComparisonMarksChangedAddedAndRemovedParts) {
  std::vector<Part> before = {{"", "Vision", "a"}, {"", "Learners", "b"}, {"", "Old", "c"}};
  std::vector<Part> after = {{"", "Vision", "a"}, {"", "Learners", "b2"}, {"", "New", "d"}};
  auto rows = compare(before, after);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_FALSE(rows[0].changed);
  EXPECT_TRUE(rows[1].changed);
  EXPECT_EQ(*rows[1].before, "b");
  EXPECT_TRUE(rows[2].changed);
  EXPECT_FALSE(rows[2].before.has_value());  // added
  EXPECT_EQ(rows[3].heading, "Old");
  EXPECT_FALSE(rows[3].after.has_value());  // removed
}

TEST(VisionModel, RoundNeedsTitleDatesSubjectAndGroups) {
  auto problems = round_problems({"", "2026-09-10", "2026-09-01", "x", {"aliens"}});
  EXPECT_TRUE(has(problems, "title", "planning.vision.error.required"));
  EXPECT_TRUE(has(problems, "closes_on", "planning.vision.error.closes_before_opens"));
  EXPECT_TRUE(has(problems, "subject", "planning.vision.error.subject"));
  EXPECT_TRUE(has(problems, "audiences", "planning.vision.error.audiences"));
  EXPECT_TRUE(
      round_problems({"Spring", "2026-09-01", "2026-09-30", "plan:p1", {"staff", "parents"}})
          .empty());
}

TEST(VisionModel, RatingsAreOneToFiveOrNone) {
  for (const char* bad : {"0", "6", "x", "12", "-1"}) {
    EXPECT_TRUE(has(answer_problems({{bad, ""}}), "rating-0", "planning.vision.error.rating"))
        << bad;
  }
  EXPECT_TRUE(answer_problems({{"5", ""}, {"", "A comment"}}).empty());
  EXPECT_TRUE(
      has(answer_problems({{"", " "}, {"", ""}}), "answers", "planning.vision.error.empty_answer"));
}

TEST(VisionModel, MeanRatingsAreWithheldBelowFive) {
  std::vector<Answer> answers;
  for (int i = 1; i <= 5; ++i) answers.push_back(answer("parents", "p", i));
  for (int i = 0; i < 4; ++i) answers.push_back(answer("staff", "p", 5));
  auto means = mean_ratings(answers);
  auto parents = means[std::pair<std::string, std::string>("p", "parents")];
  auto staff = means[std::pair<std::string, std::string>("p", "staff")];
  EXPECT_DOUBLE_EQ(*parents.mean, 3.0);
  EXPECT_FALSE(parents.withheld);
  EXPECT_TRUE(staff.withheld);
  EXPECT_FALSE(staff.mean.has_value());
  EXPECT_EQ(staff.ratings, 4);
}

TEST(VisionModel, ThemeCountsCountEachThemeOfEachComment) {
  std::vector<Answer> answers = {
      answer("parents", "p", std::nullopt, "a", {"t1", "t2"}),
      answer("parents", "p", std::nullopt, "b", {"t1"}), answer("staff", "p", std::nullopt, "c"),
      answer("staff", "p", 3),  // a rating only: not a comment
  };
  auto counts = theme_counts(answers);
  EXPECT_EQ((counts[{"parents", "t1"}]), 2);
  EXPECT_EQ((counts[{"parents", "t2"}]), 1);
  EXPECT_EQ((counts[{"staff", ""}]), 1);
}

}  // namespace
}  // namespace lodestar::planning::vision
