// Schools' plans as a unit of work: the district view, one school's plan, and every change to a
// school's plan, its goals and action steps. Each change is one transaction with its audit event.
//
// Who may do what: reading needs planning.view, as for the district plan (staff read wherever
// their role is held, planning/access.h); changes need planning.school at the school (its school
// leader; district leaders and technology directors anywhere in the district).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planning/model.h"
#include "planning/plan_store.h"
#include "planning/schools/model.h"
#include "planning/schools/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/store/database.h"

namespace lodestar::planning::schools {

struct SchoolsOverview {
  Plan plan;  // with its goals (no strategies needed, but loaded whole)
  std::vector<SchoolPlan> plans;
  Coverage coverage;
  std::vector<std::string> editable;  // ids of the schools `who` may write the plan of
};

struct SchoolPlanView {
  Plan plan;  // the district plan, with its goals
  db::School school;
  std::optional<SchoolPlan> school_plan;  // nothing until the school starts one
  bool may_edit = false;
  std::vector<plandb::Person> staff;  // who may own a step: staff at the school
};

class SchoolPlanService {
 public:
  // REQUIRES: both outlive the service.
  SchoolPlanService(store::Database& db, const auth::Policy& policy) : db_(db), policy_(policy) {}

  // NotFound for an unknown plan, Forbidden when `who` may not read it.
  SchoolsOverview overview(const auth::Principal& who, const std::string& plan_id) const;
  // NotFound as well when `school_id` is not a school of the plan's district.
  SchoolPlanView school(const auth::Principal& who, const std::string& plan_id,
                        const std::string& school_id) const;

  // Creates the school's plan on first save. Invalid names the field.
  void save(const auth::Principal& who, const std::string& plan_id, const std::string& school_id,
            const SchoolPlanInput& input, audit::Event event);
  // Starts a draft plan when the school has none. Returns the goal's id.
  std::string add_goal(const auth::Principal& who, const std::string& plan_id,
                       const std::string& school_id, const SchoolGoalInput& input,
                       audit::Event event);
  void update_goal(const auth::Principal& who, const std::string& plan_id,
                   const std::string& school_id, const std::string& goal_id,
                   const SchoolGoalInput& input, audit::Event event);
  void delete_goal(const auth::Principal& who, const std::string& plan_id,
                   const std::string& school_id, const std::string& goal_id, audit::Event event);

  // The owner must be staff at the school (or none). Returns the step's id.
  std::string add_action(const auth::Principal& who, const std::string& plan_id,
                         const std::string& school_id, const std::string& goal_id,
                         const SchoolActionInput& input, audit::Event event);
  void update_action(const auth::Principal& who, const std::string& plan_id,
                     const std::string& school_id, const std::string& action_id,
                     const SchoolActionInput& input, audit::Event event);
  void delete_action(const auth::Principal& who, const std::string& plan_id,
                     const std::string& school_id, const std::string& action_id,
                     audit::Event event);

 private:
  bool may_read(store::Tx& tx, const auth::Principal& who, const std::string& org_id) const;
  // The district plan and the school, checked: NotFound, then Forbidden unless `who` may edit.
  struct Place {
    Plan plan;
    db::School school;
  };
  Place editable_place(store::Tx& tx, const auth::Principal& who, const std::string& plan_id,
                       const std::string& school_id) const;

  store::Database& db_;
  const auth::Policy& policy_;
};

// The goal or step with `id` in `plan`, or null.
const SchoolGoal* find_school_goal(const SchoolPlan& plan, const std::string& id);
const SchoolAction* find_school_action(const SchoolPlan& plan, const std::string& id);

}  // namespace lodestar::planning::schools
