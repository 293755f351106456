#include "learning/coaching/model.h"

#include <algorithm>
#include <charconv>

#include "planning/model.h"
#include "platform/iso8601.h"
#include "platform/privacy.h"

namespace lodestar::learning::coaching {

const std::vector<std::string>& activities() {
  static const std::vector<std::string> all = {"classroom_visit", "co_planning", "co_teaching",
                                               "modeling",        "feedback",    "team_meeting",
                                               "workshop",        "other"};
  return all;
}

bool is_activity(std::string_view activity) {
  const auto& all = activities();
  return std::find(all.begin(), all.end(), activity) != all.end();
}

namespace {

std::optional<std::int64_t> whole_minutes(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<FieldProblem> check_log(const LogInput& input, std::string_view today) {
  std::vector<FieldProblem> problems;
  if (!iso8601::is_date(input.held_on)) {
    problems.push_back({"held_on", "learning.coaching.error.date", {}});
  } else if (input.held_on > today) {
    problems.push_back({"held_on", "learning.coaching.error.future", {}});
  }
  if (!is_activity(input.activity)) {
    problems.push_back({"activity", "learning.coaching.error.activity", {}});
  }
  auto minutes = whole_minutes(input.minutes);
  if (!minutes || *minutes < 1 || *minutes > 1440) {
    problems.push_back({"minutes", "learning.coaching.error.minutes", {}});
  }
  if (input.notes.size() > kMaxLogText) {
    problems.push_back({"notes", "learning.coaching.error.too_long", std::to_string(kMaxLogText)});
  }
  if (input.next_steps.size() > kMaxLogText) {
    problems.push_back(
        {"next_steps", "learning.coaching.error.too_long", std::to_string(kMaxLogText)});
  }
  return problems;
}

std::int64_t minutes_of(const LogInput& input) {
  return whole_minutes(input.minutes).value_or(0);
}

Coverage coverage(const std::vector<SchoolActivity>& schools, std::string_view today) {
  Coverage out;
  const auto stale_before = planning::date_of_day(planning::day_number(today) - kStaleDays);
  for (const auto& s : schools) {
    SchoolCoverage row{s, s.coaches.empty(), s.last_on.empty() || s.last_on < stale_before, {}};
    if (!privacy::suppressed(s.educators)) row.educators = s.educators;
    out.without_coach += row.no_coach ? 1 : 0;
    out.stale += row.stale ? 1 : 0;
    out.sessions += s.sessions;
    out.minutes += s.minutes;
    out.schools.push_back(std::move(row));
  }
  return out;
}

}  // namespace lodestar::learning::coaching
