// A measure's standing comes from its measurements, never from what someone types.
#include "planning/model.h"

#include <gtest/gtest.h>

namespace lodestar::planning {
namespace {

Measure rising(std::vector<std::pair<std::string, double>> values) {
  Measure m;
  m.direction = "increase";
  m.baseline = 20;
  m.baseline_on = "2025-01-01";
  m.target = 80;
  m.target_on = "2027-01-01";
  for (auto& [on, value] : values) m.measurements.push_back({"", on, value, "", "manual"});
  return m;
}

TEST(PlanningTrack, NothingMeasuredSinceTheBaselineIsNoData) {
  EXPECT_EQ(track(rising({}), "2026-01-01").standing, Standing::kNoData);
  // A measurement dated after today does not count yet.
  EXPECT_EQ(track(rising({{"2026-06-01", 50}}), "2026-01-01").standing, Standing::kNoData);
}

TEST(PlanningTrack, ASteadyClimbThatReachesTheTargetIsOnTrack) {
  // Halfway in time, halfway in value: the line reaches 80 on the target date.
  auto t = track(rising({{"2025-07-02", 35}, {"2026-01-01", 50}}), "2026-01-15");
  EXPECT_EQ(t.standing, Standing::kOnTrack);
  EXPECT_NEAR(t.progress, 0.5, 1e-9);
  EXPECT_GE(t.projected, 0.99);
}

TEST(PlanningTrack, ASlowerClimbIsAtRiskThenOffTrack) {
  // 40 after a year: the line projects 60, two thirds of the way: off track.
  EXPECT_EQ(track(rising({{"2026-01-01", 40}}), "2026-01-02").standing, Standing::kOffTrack);
  // 45 after a year projects 70: 5/6 of the way, at risk.
  EXPECT_EQ(track(rising({{"2026-01-01", 45}}), "2026-01-02").standing, Standing::kAtRisk);
}

TEST(PlanningTrack, ReachingTheTargetIsMetAndAPassedDateUnmetIsOffTrack) {
  EXPECT_EQ(track(rising({{"2026-01-01", 81}}), "2026-02-01").standing, Standing::kMet);
  EXPECT_EQ(track(rising({{"2026-12-01", 79}}), "2027-02-01").standing, Standing::kOffTrack);
}

TEST(PlanningTrack, ADecreasingMeasureCountsTheOtherWay) {
  Measure m;
  m.direction = "decrease";
  m.baseline = 30;  // for example, the share of devices out of warranty
  m.baseline_on = "2025-01-01";
  m.target = 10;
  m.target_on = "2026-01-01";
  m.measurements.push_back({"", "2025-07-02", 19, "", "manual"});
  auto t = track(m, "2025-08-01");
  EXPECT_EQ(t.standing, Standing::kOnTrack);
  EXPECT_NEAR(t.progress, 0.55, 1e-9);
  m.measurements.back().value = 34;  // worse than the baseline
  EXPECT_EQ(track(m, "2025-08-01").standing, Standing::kOffTrack);
}

TEST(PlanningDates, DayNumbersRoundTrip) {
  EXPECT_EQ(day_number("1970-01-01"), 0);
  EXPECT_EQ(day_number("2024-03-01") - day_number("2024-02-28"), 2);  // a leap year
  EXPECT_EQ(date_of_day(day_number("2026-11-23")), "2026-11-23");
  EXPECT_EQ(standing_key(Standing::kAtRisk), "at_risk");
}

}  // namespace
}  // namespace lodestar::planning
