#include "learning/coaching/model.h"

#include <gtest/gtest.h>

namespace lodestar::learning::coaching {
namespace {

bool has(const std::vector<FieldProblem>& problems, const std::string& field) {
  for (const auto& p : problems) {
    if (p.field == field) return true;
  }
  return false;
}

LogInput valid() {
  return {"2026-11-30", "classroom_visit", "45", "", "Notes", "Next", {}};
}

TEST(CoachingLogRules, AValidLogPasses) {
  EXPECT_TRUE(check_log(valid(), "2026-12-01").empty());
  EXPECT_EQ(minutes_of(valid()), 45);
}

TEST(CoachingLogRules, TheDateIsRealAndNotInTheFuture) {
  auto in = valid();
  in.held_on = "2026-02-30";
  EXPECT_TRUE(has(check_log(in, "2026-12-01"), "held_on"));
  in.held_on = "2026-12-02";
  EXPECT_TRUE(has(check_log(in, "2026-12-01"), "held_on"));
  in.held_on = "2026-12-01";
  EXPECT_FALSE(has(check_log(in, "2026-12-01"), "held_on")) << "today is allowed";
}

TEST(CoachingLogRules, MinutesAreWholeAndWithinADay) {
  for (const char* bad : {"", "0", "-5", "1441", "45.5", "45 min"}) {
    auto in = valid();
    in.minutes = bad;
    EXPECT_TRUE(has(check_log(in, "2026-12-01"), "minutes")) << bad;
  }
  auto in = valid();
  in.minutes = "1440";
  EXPECT_TRUE(check_log(in, "2026-12-01").empty());
}

TEST(CoachingLogRules, TheActivityComesFromTheListAndTextHasALimit) {
  auto in = valid();
  in.activity = "lunch";
  EXPECT_TRUE(has(check_log(in, "2026-12-01"), "activity"));
  in = valid();
  in.notes = std::string(kMaxLogText + 1, 'x');
  EXPECT_TRUE(has(check_log(in, "2026-12-01"), "notes"));
}

TEST(CoachingCoverage, FlagsSchoolsWithoutACoachOrARecentSessionAndWithholdsSmallCounts) {
  std::vector<SchoolActivity> schools = {
      {"a", "A", {"Coach One"}, 3, 150, 7, "2026-11-28"},
      {"b", "B", {"Coach One"}, 1, 30, 2, "2026-11-20"},
      {"c", "C", {}, 0, 0, 0, ""},
      {"d", "D", {"Coach Two"}, 0, 0, 0, "2026-09-01"},
  };
  auto c = coverage(schools, "2026-12-01");
  ASSERT_EQ(c.schools.size(), 4u);
  EXPECT_FALSE(c.schools[0].stale);
  EXPECT_EQ(c.schools[0].educators, 7);
  EXPECT_FALSE(c.schools[1].educators.has_value()) << "two educators are a small group";
  EXPECT_TRUE(c.schools[2].no_coach);
  EXPECT_TRUE(c.schools[2].stale) << "never coached";
  EXPECT_EQ(c.schools[2].educators, 0) << "nobody is not a small group";
  EXPECT_TRUE(c.schools[3].stale) << "last coached more than 30 days ago";
  EXPECT_EQ(c.without_coach, 1);
  EXPECT_EQ(c.stale, 2);
  EXPECT_EQ(c.sessions, 4);
  EXPECT_EQ(c.minutes, 180);
}

}  // namespace
}  // namespace lodestar::learning::coaching
