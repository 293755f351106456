// Coaching as values: a coaching log (a visit or session at a school), the rules its input must
// follow, and the district's view of coverage (which schools have a coach, when each was last
// coached, how many educators were reached, with small groups suppressed). Nothing here touches
// the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.h"

namespace lodestar::learning::coaching {

// The kinds of coaching activity, in the order forms list them.
const std::vector<std::string>& activities();
bool is_activity(std::string_view activity);

inline constexpr std::size_t kMaxLogText = 4000;
// A school not coached for this many days is flagged in the coverage view.
inline constexpr std::int64_t kStaleDays = 30;

struct Person {
  std::string id, name;
};

struct CoachingLog {
  std::string id, coach_id, coach_name, school_id, school_name, held_on, activity;
  std::int64_t minutes = 0;
  std::string focus_item_id, focus_code, focus_statement, notes, next_steps;
  std::vector<Person> people;
};

struct LogInput {
  std::string held_on, activity, minutes, focus_item_id, notes, next_steps;
  std::vector<std::string> people;  // person ids
};

// Each problem names its field. `today` (YYYY-MM-DD): a log records what happened, so its date
// may not be in the future. People, the focus indicator and the coach are checked by the service.
std::vector<FieldProblem> check_log(const LogInput& input, std::string_view today);
// The minutes of a valid input. REQUIRES: check_log(input) found nothing wrong with "minutes".
std::int64_t minutes_of(const LogInput& input);

// The coverage view.
struct SchoolActivity {
  std::string school_id, school_name;
  std::vector<std::string> coaches;  // names of the coaches assigned
  std::int64_t sessions = 0;         // logs in the window
  std::int64_t minutes = 0;
  std::int64_t educators = 0;  // distinct people coached in the window
  std::string last_on;         // latest log ever, "" for none
};
struct SchoolCoverage {
  SchoolActivity activity;
  bool no_coach = false;
  bool stale = false;                     // no log within kStaleDays of today
  std::optional<std::int64_t> educators;  // withheld (nothing) below the small-group limit
};
struct Coverage {
  std::vector<SchoolCoverage> schools;
  std::int64_t without_coach = 0, stale = 0, sessions = 0, minutes = 0;
};
Coverage coverage(const std::vector<SchoolActivity>& schools, std::string_view today);

}  // namespace lodestar::learning::coaching
