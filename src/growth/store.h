// Leader growth's SQL. Callers hold the transaction (service.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "growth/model.h"
#include "platform/store/database.h"

namespace lodestar::growth::db {

// Rubrics.
std::optional<Rubric> rubric_of_framework(store::Tx& tx, std::string_view framework_id);
std::optional<Rubric> rubric(store::Tx& tx, std::string_view id);
void put_rubric(store::Tx& tx, const Rubric& rubric, std::string_view now);

// Cycles.
struct CycleRow {
  std::string id, name, framework_id, framework_title, rubric_id, opens_on, closes_on, status,
      roles, org_id, org_name;
  int rater_minimum = 0;
  std::int64_t participants = 0, submitted = 0, drafts = 0;
};
void insert_cycle(store::Tx& tx, const CycleRow& cycle, std::string_view created_by,
                  std::string_view now);
// With their counts of participants, submissions and drafts (for lists and the cycle's page).
std::vector<CycleRow> cycles(store::Tx& tx, std::string_view id = {});
// One cycle without its counts (left 0): what every other use needs, and cheap.
std::optional<CycleRow> cycle(store::Tx& tx, std::string_view id);
void set_cycle_status(store::Tx& tx, std::string_view id, std::string_view status);

// Participants: whom a cycle would take in (each person once, at the first organization of
// their first matching grant).
struct Candidate {
  std::string person_id, org_id, role, email, name;
};
std::vector<Candidate> candidates(store::Tx& tx, const std::vector<std::string>& roles,
                                  std::string_view org_id);
void insert_participant(store::Tx& tx, std::string_view cycle_id, const Candidate& c,
                        std::string_view now);
// Participants with an address and no submitted self-assessment.
std::vector<Candidate> unsubmitted(store::Tx& tx, std::string_view cycle_id);
// People with an address who hold a staff role where `subject_id` takes part in the cycle (their
// school), the subject excepted: whom a leader may pick as raters from the roster. By name;
// each person once.
std::vector<Candidate> colleagues(store::Tx& tx, std::string_view cycle_id,
                                  std::string_view subject_id);
void mark_reminded(store::Tx& tx, std::string_view cycle_id, std::string_view person_id,
                   std::string_view now);
// A page of a cycle's participants, by name, with their self-assessment's status; `query`
// matches names and addresses (empty: everyone). Returns the rows and the total.
struct ParticipantRow {
  Candidate person;
  std::string org_name;
  std::string status;  // none, draft, submitted
};
std::pair<std::vector<ParticipantRow>, std::int64_t> participants(store::Tx& tx,
                                                                  std::string_view cycle_id,
                                                                  std::string_view query,
                                                                  std::size_t offset,
                                                                  std::size_t limit);
std::optional<Candidate> participant(store::Tx& tx, std::string_view cycle_id,
                                     std::string_view person_id);
std::string person_name(store::Tx& tx, std::string_view person_id);

// The cycles a person takes part in, with their assessment's status ("none" when not started).
std::vector<std::pair<CycleRow, std::string>> cycles_of(store::Tx& tx, std::string_view person_id);

// Self-assessments.
struct AssessmentRow {
  std::string id, status, submitted_at;
};
std::optional<AssessmentRow> assessment(store::Tx& tx, std::string_view cycle_id,
                                        std::string_view person_id);
struct RatingRow {
  std::optional<int> level;
  std::string note, evidence;
};
std::map<std::string, RatingRow> ratings(store::Tx& tx, std::string_view assessment_id);
// Creates the assessment when needed; returns its id.
std::string upsert_assessment(store::Tx& tx, std::string_view cycle_id, std::string_view person_id,
                              std::string_view status, std::string_view now);
void replace_ratings(store::Tx& tx, std::string_view assessment_id,
                     const std::map<std::string, RatingRow>& ratings);
void reopen(store::Tx& tx, std::string_view assessment_id, std::string_view now);

// The person's submitted self-assessments, oldest cycle first: cycle → indicator → level.
struct SubmittedAssessment {
  CycleRow cycle;
  std::map<std::string, int> levels;
};
std::vector<SubmittedAssessment> submitted_of(store::Tx& tx, std::string_view person_id);

// Raters.
struct RaterRow {
  std::string id, cycle_id, subject_id, group, email, responded_at;
};
bool rater_exists(store::Tx& tx, std::string_view cycle_id, std::string_view subject_id,
                  std::string_view email);
void insert_rater(store::Tx& tx, const RaterRow& rater, std::string_view token_hash,
                  std::string_view invited_by, std::string_view now);
std::optional<RaterRow> rater_by_token_hash(store::Tx& tx, std::string_view token_hash);
void record_rater_answers(store::Tx& tx, std::string_view rater_id,
                          const std::map<std::string, int>& levels, std::string_view now);
struct RaterCountRow {
  std::string group;
  std::int64_t invited = 0, responded = 0;
};
std::vector<RaterCountRow> rater_counts(store::Tx& tx, std::string_view cycle_id,
                                        std::string_view subject_id);
// Per group and indicator: the levels' sum and count, over responded raters.
struct RaterSum {
  std::string group, item_id;
  std::int64_t sum = 0, count = 0;
};
std::vector<RaterSum> rater_sums(store::Tx& tx, std::string_view cycle_id,
                                 std::string_view subject_id);

// Heatmaps: per organization (a school, by participant), the participants and submissions, and
// per indicator and level how many submitted that level. `orgs` empty: every organization.
struct OrgParticipation {
  std::string org_id, org_name;
  std::int64_t participants = 0, submitted = 0;
};
std::vector<OrgParticipation> participation(store::Tx& tx, std::string_view cycle_id,
                                            std::string_view role);
struct LevelCount {
  std::string org_id, item_id;
  int level = 0;
  std::int64_t count = 0;
};
std::vector<LevelCount> level_counts(store::Tx& tx, std::string_view cycle_id,
                                     std::string_view role, const std::vector<std::string>& orgs);
// Level counts over every organization of the cycle (the district's row), from
// growth_level_totals.
std::vector<LevelCount> total_level_counts(store::Tx& tx, std::string_view cycle_id,
                                           std::string_view role);
// Adds `delta` (1 on submit, -1 on reopen) to the totals of each indicator's level.
void adjust_level_totals(store::Tx& tx, std::string_view cycle_id, std::string_view role,
                         const std::map<std::string, int>& levels, int delta);
// The organizations below (and including) `root`.
std::vector<std::string> subtree(store::Tx& tx, std::string_view root);
std::optional<std::string> org_type(store::Tx& tx, std::string_view org_id);

}  // namespace lodestar::growth::db
