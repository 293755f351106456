// The plan part's unit of work: reading plans as a person may see them, and every change to a
// plan, its goals, strategies and action steps, the district's funding sources and an owner's
// report on a step. Each change is one transaction with its audit event (before and after).
//
// Who may do what: reading needs planning.view at the plan's district, above it, or at a school
// under it (an educator reads the district's plan); changes need planning.manage at the plan's
// district; a step's owner may also update its status, note and evidence.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "frameworks/alignment.h"
#include "planning/model.h"
#include "planning/plan_store.h"
#include "planning/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/errors.h"

namespace lodestar::planning {

struct PlanInput {
  std::string title, summary, org_id, starts_on, ends_on, status;
  bool published = false;
};
struct GoalInput {
  std::string code, title, description;
  std::vector<std::string> indicators;  // item ids
};
struct StrategyInput {
  std::string title, description;
};
struct ActionInput {
  std::string title, description, owner_id, starts_on, due_on, status, budget, budget_line,
      funding_source_id;
  std::vector<std::string> depends_on;
};
struct ActionReport {
  std::string status, status_note, evidence_url;
};

// The indicators a goal may be aligned to: the leaders' standards, grouped by standard.
struct IndicatorGroup {
  std::string code, title;
  std::vector<plandb::Indicator> indicators;
};
struct IndicatorChoices {
  std::string framework_title;
  std::vector<IndicatorGroup> groups;
};

// A plan as its outline shows it.
struct PlanView {
  Plan plan;
  std::map<std::string, std::vector<plandb::Indicator>> indicators;  // by goal id
  bool may_manage = false;
};

// One action step with where it sits.
struct ActionView {
  Plan plan;  // the header only
  std::string goal_code, goal_title, strategy_title;
  Action action;
  std::vector<std::pair<std::string, std::string>> depends_on;  // id, title
  bool may_report = false, may_manage = false;
};

class PlanService {
 public:
  // REQUIRES: all three outlive the service.
  PlanService(store::Database& db, const auth::Policy& policy,
              const frameworks::Alignments& alignments)
      : db_(db), policy_(policy), alignments_(alignments) {}

  // True when `who` may read plans somewhere (holds planning.view anywhere).
  bool reads_plans(const auth::Principal& who) const;
  // The plans `who` may read, newest first.
  std::vector<db::PlanSummary> plans(const auth::Principal& who) const;
  // The districts where `who` may manage plans.
  std::vector<plandb::Person> managed_districts(const auth::Principal& who) const;

  // NotFound when the plan does not exist, Forbidden when `who` may not read it.
  PlanView plan(const auth::Principal& who, const std::string& id) const;
  // As plan(), but Forbidden unless `who` may manage it.
  PlanView plan_to_manage(const auth::Principal& who, const std::string& id) const;
  std::vector<plandb::Person> staff(const std::string& org_id) const;
  std::vector<db::FundingSource> funding_sources(const std::string& org_id) const;
  IndicatorChoices indicator_choices() const;

  std::string create_plan(const auth::Principal& who, const PlanInput& input, audit::Event event);
  void update_plan(const auth::Principal& who, const std::string& id, const PlanInput& input,
                   audit::Event event);
  void delete_plan(const auth::Principal& who, const std::string& id, audit::Event event);

  std::string add_goal(const auth::Principal& who, const std::string& plan_id,
                       const GoalInput& input, audit::Event event);
  void update_goal(const auth::Principal& who, const std::string& goal_id, const GoalInput& input,
                   audit::Event event);
  // Returns the plan's id.
  std::string delete_goal(const auth::Principal& who, const std::string& goal_id,
                          audit::Event event);

  std::string add_strategy(const auth::Principal& who, const std::string& goal_id,
                           const StrategyInput& input, audit::Event event);
  void update_strategy(const auth::Principal& who, const std::string& strategy_id,
                       const StrategyInput& input, audit::Event event);
  std::string delete_strategy(const auth::Principal& who, const std::string& strategy_id,
                              audit::Event event);

  // Invalid names the field: a dependency cycle is a problem of "depends_on" whose detail is
  // the cycle's titles joined by " → ".
  std::string add_action(const auth::Principal& who, const std::string& strategy_id,
                         const ActionInput& input, audit::Event event);
  void update_action(const auth::Principal& who, const std::string& action_id,
                     const ActionInput& input, audit::Event event);
  std::string delete_action(const auth::Principal& who, const std::string& action_id,
                            audit::Event event);

  // The step with its place in the plan; Forbidden when `who` may not read the plan.
  ActionView action(const auth::Principal& who, const std::string& action_id) const;
  // The owner's (or a manager's) report. Forbidden for anyone else.
  void report(const auth::Principal& who, const std::string& action_id, const ActionReport& input,
              audit::Event event);
  // Moving a card on the board: the status only. Owner or manager.
  void move(const auth::Principal& who, const std::string& action_id, const std::string& status,
            audit::Event event);

  // A person's own steps, soonest due first.
  std::vector<plandb::MyAction> my_actions(const auth::Principal& who) const;

  // The district's funding sources (planning.manage there).
  void add_funding_source(const auth::Principal& who, const std::string& org_id,
                          const std::string& name, audit::Event event);
  // Returns the district's id.
  std::string rename_funding_source(const auth::Principal& who, const std::string& id,
                                    const std::string& name, audit::Event event);
  std::string shift_funding_source(const auth::Principal& who, const std::string& id, int by,
                                   audit::Event event);
  std::string set_funding_source_active(const auth::Principal& who, const std::string& id,
                                        bool active, audit::Event event);

  bool may_manage(const auth::Principal& who, const std::string& org_id) const;

 private:
  bool may_read(store::Tx& tx, const auth::Principal& who, const std::string& org_id) const;
  void require_manage(const auth::Principal& who, const std::string& org_id) const;
  std::vector<std::string> offered_indicators(store::Tx& tx) const;
  std::string leaders_framework(store::Tx& tx) const;
  Action checked_action(store::Tx& tx, const Plan& plan, const ActionInput& input,
                        const Action* current) const;

  store::Database& db_;
  const auth::Policy& policy_;
  const frameworks::Alignments& alignments_;
};

// The action step with `id` in `plan`, or null.
const Action* find_action(const Plan& plan, const std::string& id);

}  // namespace lodestar::planning
