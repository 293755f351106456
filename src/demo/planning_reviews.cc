// The demo plan's review cycle: quarterly reviews from October 2025, two of them held. The
// second moved a blocked action step and lowered a target, and says why; its snapshot keeps the
// target as it was on the day.
#include <string>

#include "demo/planning.h"
#include "planning/measures/service.h"
#include "planning/measures/store.h"
#include "planning/store.h"

namespace lodestar::demo {
namespace {

namespace mdb = planning::measures::db;

std::string person(store::Tx& tx, const char* email) {
  auto row =
      tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", std::string(email)}});
  return row ? row->text("sourced_id") : std::string();
}

mdb::Review review(store::Tx& tx, const char* id, const char* held_on, const char* attendees,
                   const char* decisions) {
  mdb::Review r;
  r.id = id;
  r.plan_id = kDemoPlan;
  r.held_on = held_on;
  r.attendees = attendees;
  r.decisions = decisions;
  r.snapshot = planning::measures::review_snapshot(*planning::db::plan(tx, kDemoPlan), held_on);
  return r;
}

}  // namespace

void load_planning_reviews(store::Tx& tx) {
  mdb::put_schedule(tx, kDemoPlan, {3, "2025-10-15"}, "2025-07-01T16:00:00Z");
  auto by = person(tx, "superintendent@lusd.example.org");
  constexpr const char* kAttendees =
      "Superintendent, technology director, instructional technology coach, two principals, a "
      "teacher leader";

  auto first = review(tx, "demo-review-2025-10", "2025-10-15", kAttendees,
                      "The leader self-assessment cycle opened on time. Keep the quarterly "
                      "rhythm; owners update their steps in the week before each review.");
  mdb::insert_review(tx, first, by, "2025-10-15T18:00:00Z");
  mdb::insert_correction(
      tx, first.id, 0,
      {"demo-correction-2025-10-1", "other", "goal", "demo-plan-g3",
       "G3 · Every student has a working device and a connection, at school "
       "and at home",
       "The hotspot loan program starts in November instead of October.",
       "The E-Rate funding letter arrived late; no change to the target.", "{}"});

  auto second = review(tx, "demo-review-2026-01", "2026-01-15", kAttendees,
                       "Classroom try-outs lag behind plan: lower the 2027 target to what the "
                       "cohorts can reach, and give the exemplar library the spring term.");
  mdb::insert_review(tx, second, by, "2026-01-15T18:00:00Z");
  constexpr const char* kAction = "demo-plan-g2-s2-a2";
  constexpr const char* kMeasure = "demo-plan-m4";
  constexpr const char* kNow = "2026-01-15T18:00:00Z";
  mdb::insert_correction(
      tx, second.id, 0,
      {"demo-correction-2026-01-1", "action_rescheduled", "action", kAction,
       "G2 · Publish a library of classroom exemplars",
       "Due date moved from 2026-12-18 to 2027-03-19.",
       "The exemplar platform's purchase is blocked until the spring budget; teacher leaders "
       "need a full term after it to collect and review exemplars.",
       R"({"field":"due_on","from":"2026-12-18","to":"2027-03-19"})"});
  mdb::set_action_due(tx, kAction, "2027-03-19", kNow);
  mdb::insert_correction(
      tx, second.id, 1,
      {"demo-correction-2026-01-2", "target_changed", "measure", kMeasure,
       "G2 · Educators who completed a classroom try-out", "Target lowered from 60% to 50%.",
       "Substitute shortages cut each 2+1 cohort to 40 educators; three cohorts by June 2027 "
       "reach about half of the district's educators.",
       R"({"field":"target","from":{"target":60,"target_on":"2027-06-30"},)"
       R"("to":{"target":50,"target_on":"2027-06-30"}})"});
  mdb::set_target(tx, kMeasure, 50, "2027-06-30", kNow);
}

}  // namespace lodestar::demo
