// Measures and the review cycle as units of work: each method opens one transaction, checks its
// input (throwing Invalid with the problems by field), changes the store and records the audit
// event in the same transaction. Reads throw NotFound for a missing record.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/measures/model.h"
#include "planning/measures/store.h"
#include "platform/audit/audit.h"
#include "platform/store/database.h"

namespace lodestar::planning::measures {

// What the review form sends for one course correction. `subject`: "measure:<id>",
// "action:<id>", "goal:<id>" or "" (the plan). A new target, target date or due date applies the
// change to the plan in the review's transaction.
struct CorrectionInput {
  std::string kind, subject, what, why, new_target, new_target_on, new_due_on;
  bool blank() const {
    return kind.empty() && subject.empty() && what.empty() && why.empty() && new_target.empty() &&
           new_target_on.empty() && new_due_on.empty();
  }
};
struct ReviewInput {
  std::string held_on, attendees, decisions;
  std::vector<CorrectionInput> corrections;  // blank ones are skipped
};
inline constexpr std::size_t kCorrectionRows = 3;
const std::vector<std::string>& correction_kinds();

// The snapshot a review stores (JSON text): every measure's standing as of `day` (its latest
// value, target and target date) and the plan's action steps counted by status.
std::string review_snapshot(const Plan& plan, std::string_view day);

struct UploadResult {
  std::size_t changed = 0, unchanged = 0;
};

class MeasureService {
 public:
  explicit MeasureService(store::Database& db) : db_(db) {}

  db::GoalPlace goal(std::string_view id) const;
  db::MeasureRecord measure(std::string_view id) const;
  db::MeasurementRecord measurement(std::string_view id) const;
  Plan plan(std::string_view id) const;  // the whole plan
  std::vector<db::Choice> cycles() const;

  std::string create_measure(std::string_view goal_id, const MeasureInput& input,
                             audit::Event event) const;
  void update_measure(std::string_view id, const MeasureInput& input, audit::Event event) const;
  // Returns the plan the measure was in.
  std::string delete_measure(std::string_view id, audit::Event event) const;

  void add_measurement(std::string_view measure_id, const MeasurementInput& input,
                       std::string_view by, audit::Event event) const;
  // Both return the measure's id.
  std::string update_measurement(std::string_view id, const MeasurementInput& input,
                                 std::string_view by, audit::Event event) const;
  std::string delete_measurement(std::string_view id, audit::Event event) const;

  // Computes a computed measure as of today and stores it (source "computed") unless withheld.
  Computed compute(std::string_view measure_id, std::string_view by, audit::Event event) const;

  UploadCheck check_upload(std::string_view plan_id, std::string_view csv) const;
  // All or nothing: throws Invalid when the file has any problem. A row equal to what is stored
  // is left alone.
  UploadResult apply_upload(std::string_view plan_id, std::string_view csv, std::string_view by,
                            audit::Event event) const;

  struct Reviews {
    Plan plan;  // header only
    std::optional<db::Schedule> schedule;
    std::optional<std::string> last_held, next_due;
    std::vector<db::Review> reviews;
  };
  Reviews reviews(std::string_view plan_id) const;
  void set_schedule(std::string_view plan_id, std::string_view every, std::string_view starts_on,
                    audit::Event event) const;
  std::vector<db::StaleAction> stale_actions(std::string_view plan_id) const;
  db::Review review(std::string_view id) const;
  // Snapshots the plan's standings as of the review date, records the review and its course
  // corrections and applies their changes, all in one transaction. Returns the review's id.
  std::string record_review(std::string_view plan_id, const ReviewInput& input, std::string_view by,
                            audit::Event event) const;

 private:
  store::Database& db_;
};

}  // namespace lodestar::planning::measures
