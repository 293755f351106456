#include "growth/records/model.h"

#include <set>

#include <gtest/gtest.h>

#include "platform/files/blob_store.h"

namespace lodestar::growth::records {
namespace {

std::set<std::string> fields(const std::vector<FieldProblem>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

GoalInput good_goal() {
  GoalInput input;
  input.title = "Coach every teacher on the new devices";
  input.specific = "Hold a coaching cycle with each teacher";
  input.measurable = "24 cycles logged";
  input.due_on = "2027-03-01";
  return input;
}

TEST(RecordsModel, AGoalNeedsTitleSpecificMeasurableAndARealDueDate) {
  EXPECT_TRUE(goal_problems(good_goal()).empty());
  GoalInput empty;
  EXPECT_EQ(fields(goal_problems(empty)),
            (std::set<std::string>{"title", "specific", "measurable", "due_on"}));
  auto input = good_goal();
  input.due_on = "2027-02-30";
  input.status = "finished";
  input.achievable = std::string(kMaxText + 1, 'a');
  EXPECT_EQ(fields(goal_problems(input)),
            (std::set<std::string>{"due_on", "status", "achievable"}));
  input = good_goal();
  input.title = "   \n";
  EXPECT_EQ(fields(goal_problems(input)), (std::set<std::string>{"title"}));
}

TEST(RecordsModel, EveryListedStatusIsAccepted) {
  for (const auto& status : goal_statuses()) {
    auto input = good_goal();
    input.status = status;
    EXPECT_TRUE(goal_problems(input).empty()) << status;
  }
}

TEST(RecordsModel, HoursAreOptionalButNeverNegative) {
  LogInput input{"conference", "ISTELive", "2026-06-28", "", ""};
  EXPECT_TRUE(log_problems(input).empty());
  input.hours = "-2";
  auto problems = log_problems(input);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "hours");
  EXPECT_EQ(problems[0].message_key, "records.error.hours");
  input.kind = "party";
  input.hours = "3";
  EXPECT_EQ(fields(log_problems(input)), (std::set<std::string>{"kind"}));
}

struct HoursCase {
  const char* text;
  std::optional<std::int64_t> minutes;
};

class ParseHours : public ::testing::TestWithParam<HoursCase> {};

TEST_P(ParseHours, ReadsHoursAsMinutes) {
  EXPECT_EQ(parse_hours(GetParam().text), GetParam().minutes) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseHours,
    ::testing::Values(HoursCase{"2", 120}, HoursCase{"1.5", 90}, HoursCase{"1,5", 90},
                      HoursCase{" 0.25 ", 15}, HoursCase{"0", 0}, HoursCase{"0.333", 20},
                      HoursCase{"3.", 180}, HoursCase{"-1", std::nullopt},
                      HoursCase{"", std::nullopt}, HoursCase{".", std::nullopt},
                      HoursCase{"1.2.3", std::nullopt}, HoursCase{"1e3", std::nullopt},
                      HoursCase{"two", std::nullopt}, HoursCase{"9000", std::nullopt},
                      HoursCase{"8784", 8784 * 60}));

TEST(RecordsModel, MinutesShowAsHours) {
  EXPECT_EQ(format_hours(0), "0");
  EXPECT_EQ(format_hours(90), "1.5");
  EXPECT_EQ(format_hours(120), "2");
  EXPECT_EQ(format_hours(20), "0.33");
  EXPECT_EQ(format_hours(15), "0.25");
}

TEST(RecordsModel, OnlyHttpAndHttpsLinksAreEvidence) {
  EXPECT_TRUE(is_web_link("https://example.org/slides"));
  EXPECT_TRUE(is_web_link("HTTP://example.org"));
  EXPECT_TRUE(is_web_link("https://user@example.org:8443/a?b#c"));
  EXPECT_FALSE(is_web_link("javascript:alert(1)"));
  EXPECT_FALSE(is_web_link("data:text/html,<script>"));
  EXPECT_FALSE(is_web_link("file:///etc/passwd"));
  EXPECT_FALSE(is_web_link("ftp://example.org"));
  EXPECT_FALSE(is_web_link("https://"));
  EXPECT_FALSE(is_web_link("https:///path"));
  EXPECT_FALSE(is_web_link("https://exa mple.org"));
  EXPECT_FALSE(is_web_link("https://example.org/\"onmouseover"));
  EXPECT_FALSE(is_web_link("//example.org"));
  EXPECT_FALSE(is_web_link("https://example.org/" + std::string(kMaxUrl, 'a')));
}

TEST(RecordsModel, EvidenceIsAFileOrALinkNeverBothOrNeither) {
  EvidenceInput input{"Slides", "", std::nullopt, {}};
  EXPECT_EQ(fields(evidence_problems(input)), (std::set<std::string>{"file"}));
  input.url = "https://example.org";
  EXPECT_TRUE(evidence_problems(input).empty());
  input.file = NewFile{"a.pdf", "%PDF-1.7"};
  EXPECT_EQ(fields(evidence_problems(input)), (std::set<std::string>{"url"}));
  input.url.clear();
  EXPECT_TRUE(evidence_problems(input).empty());
  input.file->bytes.assign(files::kMaxEvidenceBytes + 1, 'x');
  auto problems = evidence_problems(input);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message_key, "records.evidence.error.too_large");
  input = {"Slides", "javascript:alert(1)", std::nullopt, {}};
  EXPECT_EQ(evidence_problems(input)[0].message_key, "records.evidence.error.url");
  // A form sent without choosing a file carries an empty file part.
  input = {"", "", NewFile{"", ""}, {}};
  EXPECT_EQ(fields(evidence_problems(input)), (std::set<std::string>{"title", "file"}));
}

TEST(RecordsModel, DownloadNamesKeepTheStemAndTakeTheSniffedExtension) {
  EXPECT_EQ(download_name("Plan (final).docx", "docx"), "Plan_final.docx");
  EXPECT_EQ(download_name("report.html", "txt"), "report.txt");
  EXPECT_EQ(download_name("C:\\Users\\ana\\photo.png", "png"), "photo.png");
  EXPECT_EQ(download_name("../../etc/passwd", "txt"), "passwd.txt");
  EXPECT_EQ(download_name("", "pdf"), "evidence.pdf");
  EXPECT_EQ(download_name("\"; evil=1\r\n", "pdf"), "evil_1.pdf");
  EXPECT_EQ(download_name("ñandú.jpg", "jpg"), "and.jpg");
  EXPECT_EQ(download_name(".hidden", "txt"), "hidden.txt");
}

TEST(RecordsModel, RepeatedFormFieldsKeepEveryValue) {
  auto values = form_values("indicator=a&title=x&indicator=b%20c&indicator=&other=1", "indicator");
  EXPECT_EQ(values, (std::vector<std::string>{"a", "b c", ""}));
  EXPECT_TRUE(form_values("", "indicator").empty());
  EXPECT_EQ(unique_ids({"a", "b", "a", "c", "b"}), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(RecordsModel, ShareTokensAre32RandomBytesInBase64Url) {
  auto a = new_share_token();
  auto b = new_share_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(is_share_token(a));
  EXPECT_FALSE(is_share_token(a.substr(1)));
  EXPECT_FALSE(is_share_token(std::string(42, 'a') + "/"));
  EXPECT_FALSE(is_share_token(""));
}

}  // namespace
}  // namespace lodestar::growth::records
