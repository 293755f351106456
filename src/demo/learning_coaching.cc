// The demo's coaching: the three coaches each coach four schools (their coach role grants); the
// demo coach has logged sessions at Arroyo Seco and Dolores Huerta over the last weeks, another
// coach at Bella Vista; the other schools show as not coached recently in the coverage view.
// Dates are counted back from the day the demo is loaded, so the view looks current.
#include <string>
#include <vector>

#include "demo/learning.h"
#include "learning/coaching/store.h"
#include "planning/model.h"

namespace lodestar::demo {
namespace {

namespace cdb = learning::coaching::db;

struct LogSpec {
  const char* school;
  int days_ago;
  const char* activity;
  int minutes;
  const char* focus;  // a 2024 leaders indicator code, or nullptr
  int people;         // how many of the school's staff took part (from the first)
  const char* notes;
  const char* next_steps;
};

std::string focus_item(store::Tx& tx, const char* code) {
  if (!code) return {};
  auto row = tx.query_one(
      "SELECT i.id FROM case_items i JOIN case_documents d ON d.id = i.document_id WHERE "
      "i.human_coding_scheme = :code AND d.title LIKE '%Leaders%' AND d.title LIKE '%2024%'",
      {{"code", std::string(code)}});
  return row ? row->text("id") : std::string();
}

// The coach role holder at `school` (the demo grants exactly one).
std::string coach_of(store::Tx& tx, const char* school) {
  auto row = tx.query_one(
      "SELECT person_sourced_id FROM role_grants WHERE role = 'coach' AND org_sourced_id = :s",
      {{"s", std::string(school)}});
  return row ? row->text("person_sourced_id") : std::string();
}

}  // namespace

void load_learning_coaching(store::Tx& tx) {
  if (tx.query_one("SELECT id FROM learning_coaching_logs")) return;
  const std::vector<LogSpec> specs = {
      {"arroyo", 3, "classroom_visit", 45, "3.3.c", 1,
       "Grade 4 students recorded explanations of their fraction strategies; most used the "
       "sentence frames.",
       "Try peer feedback on the recordings before the teacher's."},
      {"arroyo", 10, "co_planning", 60, "3.3.b", 3,
       "Planned the grade 3 recorded-explanation routine with the team.",
       "Visit two classrooms in the first week of the routine."},
      {"arroyo", 24, "workshop", 90, "3.3.a", 4, "After-school workshop on the learning platform.",
       "Share the slide deck and sign-up for follow-up visits."},
      {"dolores", 6, "feedback", 30, "3.3.c", 1,
       "Debriefed the try-out lesson: students stayed on task; the exit ticket was too long.",
       "Shorten the exit ticket; try it again next week."},
      {"dolores", 40, "team_meeting", 45, nullptr, 4, "Introduced the coaching cycle to staff.",
       ""},
      {"bellavista", 12, "modeling", 50, "3.3.c", 2,
       "Modeled a station rotation with a digital station in grade 2.",
       "The teachers run the rotation themselves next week."},
  };
  const auto today = planning::today();
  int number = 0;
  for (const auto& spec : specs) {
    learning::coaching::CoachingLog log;
    log.id = "demo-coaching-" + std::to_string(++number);
    log.coach_id = coach_of(tx, spec.school);
    log.school_id = spec.school;
    log.held_on = planning::date_of_day(planning::day_number(today) - spec.days_ago);
    log.activity = spec.activity;
    log.minutes = spec.minutes;
    log.focus_item_id = focus_item(tx, spec.focus);
    log.notes = spec.notes;
    log.next_steps = spec.next_steps;
    auto staff = cdb::school_staff(tx, spec.school);
    for (int i = 0; i < spec.people && i < static_cast<int>(staff.size()); ++i) {
      log.people.push_back({staff[static_cast<std::size_t>(i)].id, {}});
    }
    cdb::insert_log(tx, log, "", log.held_on + "T16:00:00Z");
  }
}

}  // namespace lodestar::demo
