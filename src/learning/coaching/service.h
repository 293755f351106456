// Coaching as a unit of work: a coach's caseload, a school's coaching logs, the district's
// coverage view, and writing, changing and deleting a log (one transaction each, audited).
//
// Who may do what (on top of each route's permission, planning the policy's scope):
//   - coaching.log at a school writes a log there, with the signed-in person as its coach;
//   - a log is changed or deleted by its coach, or by someone holding coaching.log district-wide;
//   - a log's notes and next steps are read by its coach and by district coaching.log holders
//     only: a school leader (coaching.view) sees that coaching happened, on what, with whom, but
//     not what the coach wrote about a teacher's practice.
#pragma once

#include <string>
#include <vector>

#include "learning/coaching/model.h"
#include "learning/coaching/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/store/database.h"

namespace lodestar::learning::coaching {

// A log as a reader may see it.
struct LogView {
  CoachingLog log;
  bool may_change = false;
  bool notes_visible = false;
};

struct Caseload {
  std::vector<db::School> schools;  // the schools the person coaches
  std::vector<LogView> recent;      // their latest logs
  bool sees_coverage = false;       // holds coaching.view district-wide
};

struct SchoolLogs {
  db::School school;
  std::vector<LogView> logs;
  bool may_log = false;
};

// A choice of focus indicator: a framework's leaf items, grouped by framework.
struct FocusGroup {
  std::string framework;
  std::vector<Person> items;  // id, "code statement"
};

class CoachingService {
 public:
  // REQUIRES: both outlive the service.
  CoachingService(store::Database& db, const auth::Policy& policy) : db_(db), policy_(policy) {}

  Caseload caseload(const auth::Principal& who) const;
  // NotFound for anything but an active school.
  SchoolLogs school(const auth::Principal& who, const std::string& school_id) const;
  Coverage coverage(std::string_view today) const;

  std::vector<Person> staff(const std::string& school_id) const;
  std::vector<FocusGroup> focus_choices() const;
  // NotFound when the log does not exist at that school; Forbidden unless `who` may change it.
  CoachingLog log_to_change(const auth::Principal& who, const std::string& school_id,
                            const std::string& log_id) const;

  // Invalid names the field. Returns the log's id.
  std::string create(const auth::Principal& who, const std::string& school_id,
                     const LogInput& input, audit::Event event);
  void update(const auth::Principal& who, const std::string& school_id, const std::string& log_id,
              const LogInput& input, audit::Event event);
  void remove(const auth::Principal& who, const std::string& school_id, const std::string& log_id,
              audit::Event event);

 private:
  bool district_coach(const auth::Principal& who) const;
  LogView view_of(const auth::Principal& who, CoachingLog log) const;
  CoachingLog checked(store::Tx& tx, const std::string& school_id, const LogInput& input) const;

  store::Database& db_;
  const auth::Policy& policy_;
};

}  // namespace lodestar::learning::coaching
