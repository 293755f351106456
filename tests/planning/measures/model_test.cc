// The pure rules of measures and reviews: numbers as typed, a measure's form, the CSV upload's
// report, the review schedule's dates, the computed measures' arithmetic with small-group
// suppression, and a trend's words and chart scale.
#include "planning/measures/model.h"

#include <gtest/gtest.h>

namespace lodestar::planning::measures {
namespace {

MeasureInput valid_measure() {
  return {"Leaders proficient on 3.2.b",
          "%",
          "increase",
          "38",
          "2025-07-01",
          "75",
          "2028-06-30",
          "",
          "",
          "",
          ""};
}

bool has(const std::vector<FieldProblem>& problems, const std::string& field,
         const std::string& key) {
  for (const auto& p : problems) {
    if (p.field == field && p.message_key == key) return true;
  }
  return false;
}

std::vector<UploadTarget> targets() {
  return {{"G1", "Leaders proficient", "m1", "2025-07-01"},
          {"G3", "Students without internet", "m5", "2025-07-01"}};
}

TEST(MeasuresParseNumber, AcceptsPlainDecimalsOnly) {
  EXPECT_EQ(parse_number("72"), 72);
  EXPECT_EQ(parse_number(" -1.5 "), -1.5);
  EXPECT_EQ(parse_number("0.25"), 0.25);
  for (const char* bad : {"", "-", "1e3", "12%", "1,000", "7.", ".5", "abc", "1 2"}) {
    EXPECT_FALSE(parse_number(bad)) << bad;
  }
}

TEST(MeasuresFormatNumber, DropsTrailingZeros) {
  EXPECT_EQ(format_number(72), "72");
  EXPECT_EQ(format_number(72.5), "72.5");
  EXPECT_EQ(format_number(17.3599), "17.36");
  EXPECT_EQ(format_number(-0.001), "0");
}

TEST(MeasuresCheckMeasure, AcceptsAValidMeasure) {
  EXPECT_TRUE(check_measure(valid_measure()).empty());
  auto m = measure_of(valid_measure());
  EXPECT_EQ(m.target, 75);
  EXPECT_FALSE(m.computation);
}

TEST(MeasuresCheckMeasure, TargetMustLieInTheDirectionFromTheBaseline) {
  auto in = valid_measure();
  in.target = "30";
  EXPECT_TRUE(has(check_measure(in), "target", "planning.measures.error.target_increase"));
  in.direction = "decrease";
  EXPECT_TRUE(check_measure(in).empty());
  in.target = "38";
  EXPECT_TRUE(has(check_measure(in), "target", "planning.measures.error.target_decrease"));
}

TEST(MeasuresCheckMeasure, TargetDateMustFollowTheBaselineDate) {
  auto in = valid_measure();
  in.target_on = "2025-07-01";
  EXPECT_TRUE(has(check_measure(in), "target_on", "planning.measures.error.target_on"));
  in.target_on = "2025-13-01";
  EXPECT_TRUE(has(check_measure(in), "target_on", "planning.measures.error.date"));
}

TEST(MeasuresCheckMeasure, ReportsEachFieldBesideItself) {
  MeasureInput in;
  auto problems = check_measure(in);
  for (const char* field :
       {"name", "unit", "direction", "baseline", "target", "baseline_on", "target_on"}) {
    bool found = false;
    for (const auto& p : problems) found = found || p.field == field;
    EXPECT_TRUE(found) << field;
  }
}

TEST(MeasuresCheckMeasure, AComputationNeedsItsParameters) {
  auto in = valid_measure();
  in.computation = "growth_share";
  auto problems = check_measure(in);
  EXPECT_TRUE(has(problems, "cycle", "planning.measures.error.required"));
  EXPECT_TRUE(has(problems, "indicator", "planning.measures.error.required"));
  in.cycle = "c1";
  in.indicator = "3.2.b";
  in.level = "2.5";
  EXPECT_TRUE(has(check_measure(in), "level", "planning.measures.error.level"));
  in.level = "3";
  EXPECT_TRUE(check_measure(in).empty());
  auto m = measure_of(in);
  EXPECT_EQ(*m.computation, "growth_share");
  EXPECT_EQ(m.parameters, R"({"cycle":"c1","indicator":"3.2.b","level":3})");
  in.computation = "no_such";
  EXPECT_TRUE(has(check_measure(in), "computation", "planning.measures.error.computation"));
}

TEST(MeasuresCheckMeasurement, RefusesADateBeforeTheBaseline) {
  Measure m;
  m.baseline_on = "2025-07-01";
  EXPECT_TRUE(check_measurement({"2025-08-01", "12", ""}, m).empty());
  EXPECT_TRUE(has(check_measurement({"2025-06-30", "12", ""}, m), "measured_on",
                  "planning.measures.error.before_baseline"));
  EXPECT_TRUE(has(check_measurement({"2025-08-01", "twelve", ""}, m), "value",
                  "planning.measures.error.number"));
}

TEST(MeasuresParseCsv, KeepsQuotedCommasAndLineNumbers) {
  std::size_t bad = 0;
  auto records = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\n", &bad);
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].cells[0], "x, y");
  EXPECT_EQ((*records)[1].cells[1], "say \"hi\"");
  EXPECT_EQ((*records)[1].line, 2u);
  EXPECT_EQ((*records)[2].line, 4u);
  EXPECT_EQ((*records)[2].cells[0], "two\nlines");
  EXPECT_FALSE(parse_csv("a\n\"open,\nb", &bad));
  EXPECT_EQ(bad, 2u);
}

TEST(MeasuresCheckUpload, AcceptsRowsMatchedByCodeAndNameInAnyCase) {
  auto check = check_upload(
      "Goal,Measure,Date,Value,Note\ng1, leaders PROFICIENT ,2025-10-01,42.5,fall\n"
      "G3,Students without internet,2025-10-01,16,\n",
      targets());
  EXPECT_TRUE(check.problems.empty());
  ASSERT_EQ(check.rows.size(), 2u);
  EXPECT_EQ(check.rows[0].measure_id, "m1");
  EXPECT_EQ(check.rows[0].measurement.value, 42.5);
  EXPECT_EQ(check.rows[0].measurement.source, "upload");
  EXPECT_EQ(check.rows[1].line, 3u);
}

TEST(MeasuresCheckUpload, ReportsEveryProblemWithLineAndColumn) {
  auto check = check_upload(
      "goal,measure,date,value,note\n"
      "G9,Leaders proficient,2025-10-01,42,\n"   // line 2: unknown goal
      "G1,Leaders happy,2025-10-01,42,\n"        // line 3: unknown measure
      "G1,Leaders proficient,10/01/2025,4 2,\n"  // line 4: date and value
      "G1,Leaders proficient,2025-06-01,42,\n"   // line 5: before the baseline
      "G1,Leaders proficient,2025-10-01,42,\n"   // line 6: fine
      "G1,Leaders proficient,2025-10-01,43,\n",  // line 7: same measure and date
      targets());
  EXPECT_TRUE(check.rows.size() <= 1u);
  std::vector<std::tuple<std::size_t, std::string, std::string>> want = {
      {2, "goal", "unknown_goal"}, {3, "measure", "unknown_measure"}, {4, "date", "date"},
      {4, "value", "number"},      {5, "date", "before_baseline"},    {7, "date", "duplicate"}};
  ASSERT_EQ(check.problems.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(check.problems[i].line, std::get<0>(want[i]));
    EXPECT_EQ(check.problems[i].column, std::get<1>(want[i]));
    EXPECT_EQ(check.problems[i].reason_key,
              "planning.measures.upload.problem." + std::get<2>(want[i]));
  }
  EXPECT_EQ(check.problems[5].detail, "6");  // the line it repeats
}

TEST(MeasuresCheckUpload, NamesAMissingColumn) {
  auto check = check_upload("goal,measure,value\nG1,Leaders proficient,4\n", targets());
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_EQ(check.problems[0].column, "date");
  EXPECT_EQ(check.problems[0].reason_key, "planning.measures.upload.problem.missing_column");
  EXPECT_TRUE(check.rows.empty());
}

TEST(MeasuresSchedule, AddsMonthsClampingTheDay) {
  EXPECT_EQ(add_months("2025-10-15", 3), "2026-01-15");
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(add_months("2025-11-30", 14), "2027-01-30");
}

TEST(MeasuresSchedule, NextReviewIsTheFirstScheduledDateAfterTheLast) {
  EXPECT_EQ(next_review_on("2025-10-15", 3, std::nullopt), "2025-10-15");
  EXPECT_EQ(next_review_on("2025-10-15", 3, "2025-10-15"), "2026-01-15");
  EXPECT_EQ(next_review_on("2025-10-15", 3, "2026-01-20"), "2026-04-15");
  // Counted from the start, so a clamped month end does not drift.
  EXPECT_EQ(next_review_on("2026-01-31", 1, "2026-03-01"), "2026-03-31");
}

TEST(MeasuresComputations, ShareIsAPercentWithOneDecimal) {
  auto s = share_percent(2, 3, false);
  ASSERT_TRUE(s.value);
  EXPECT_DOUBLE_EQ(*s.value, 66.7);
  EXPECT_DOUBLE_EQ(*share_percent(7, 7, true).value, 100.0);
}

TEST(MeasuresComputations, FewerThanFivePeopleAreWithheld) {
  auto four = share_percent(3, 4, true);
  EXPECT_FALSE(four.value);
  EXPECT_EQ(four.people, 4);
  EXPECT_EQ(four.withheld_key, "planning.measures.compute.small_group");
  EXPECT_TRUE(share_percent(3, 5, true).value);
  EXPECT_TRUE(share_percent(1, 2, false).value) << "action steps are not people";
  EXPECT_EQ(share_percent(0, 0, true).withheld_key, "planning.measures.compute.nothing");
  EXPECT_FALSE(mean_hours(600, 4).value);
}

TEST(MeasuresComputations, MeanHoursPerPerson) {
  auto h = mean_hours(25 * 60 + 30, 5);
  ASSERT_TRUE(h.value);
  EXPECT_DOUBLE_EQ(*h.value, 5.1);
  EXPECT_EQ(find_computation("learning_hours")->parameters.size(), 0u);
  EXPECT_EQ(find_computation("growth_share")->parameters.size(), 3u);
}

Measure rising() {
  Measure m;
  m.name = "Leaders";
  m.unit = "%";
  m.direction = "increase";
  m.baseline = 40;
  m.baseline_on = "2025-01-01";
  m.target = 80;
  m.target_on = "2027-01-01";
  return m;
}

TEST(MeasuresExplain, SaysWhereTheTrendLeads) {
  auto m = rising();
  EXPECT_EQ(explain(m, track(m, "2025-06-01"), "2025-06-01").key,
            "planning.measures.explain.no_data");
  // A year in, 55 where the straight path says 60: the line through (baseline, 40) and 55 reaches
  // 70 of 80 by the target date, three quarters of the way: at risk.
  m.measurements = {{"a", "2026-01-01", 55, "", "manual"}};
  auto t = track(m, "2026-01-02");
  auto sentence = explain(m, t, "2026-01-02");
  EXPECT_EQ(sentence.key, "planning.measures.explain.at_risk");
  std::map<std::string, std::string> args(sentence.args.begin(), sentence.args.end());
  EXPECT_EQ(args["target"], "80");
  EXPECT_EQ(args["target_on"], "2027-01-01");
  EXPECT_EQ(args["projected"], "70");
  m.measurements.push_back({"b", "2026-12-01", 81, "", "manual"});
  EXPECT_EQ(explain(m, track(m, "2026-12-02"), "2026-12-02").key, "planning.measures.explain.met");
  m.measurements.pop_back();
  EXPECT_EQ(explain(m, track(m, "2027-02-01"), "2027-02-01").key,
            "planning.measures.explain.passed");
}

TEST(MeasuresTrend, RunsFromBaselineToTargetWithThePathBetween) {
  auto m = rising();
  m.measurements = {{"a", "2026-01-01", 55, "", "manual"}};
  auto points = trend(m);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].date, "2025-01-01");
  EXPECT_EQ(points[0].measured, 40);
  EXPECT_NEAR(points[1].path, 60, 0.1);  // half way in time
  EXPECT_FALSE(points[2].measured);
  EXPECT_EQ(points[2].path, 80);
  auto scale = value_scale(points, m.target);
  EXPECT_LE(scale.low, 40);
  EXPECT_GE(scale.high, 80);
  EXPECT_DOUBLE_EQ(scale.position(scale.low), 1);
  EXPECT_DOUBLE_EQ(scale.position(scale.high), 5);
  EXPECT_EQ(scale.labels().size(), 5u);
}

}  // namespace
}  // namespace lodestar::planning::measures
