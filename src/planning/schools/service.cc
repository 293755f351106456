#include "planning/schools/service.h"

#include <set>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "planning/plan_store.h"
#include "planning/plan_support.h"
#include "planning/store.h"
#include "platform/errors.h"

namespace lodestar::planning::schools {
namespace {

void throw_if(const std::vector<FieldProblem>& problems) {
  if (!problems.empty()) throw Invalid(problems);
}

std::set<std::string> goal_ids(const Plan& plan) {
  std::set<std::string> out;
  for (const auto& g : plan.goals) out.insert(g.id);
  return out;
}

nlohmann::json school_plan_json(const SchoolPlan& p) {
  return {{"status", p.status},
          {"vision", p.vision},
          {"digital_citizenship", p.digital_citizenship},
          {"change_management", p.change_management}};
}

nlohmann::json school_goal_json(const SchoolGoal& g) {
  return {{"title", g.title},
          {"achievement_goal", g.achievement_goal},
          {"description", g.description},
          {"district_goals", g.district_goals}};
}

nlohmann::json school_action_json(const SchoolAction& a) {
  return {{"title", a.title}, {"owner", a.owner_id}, {"due_on", a.due_on}, {"status", a.status}};
}

// The district goals of `input` in the plan's order, each once.
std::vector<std::string> ordered_links(const Plan& plan, const std::vector<std::string>& picked) {
  std::set<std::string> wanted(picked.begin(), picked.end());
  std::vector<std::string> out;
  for (const auto& g : plan.goals) {
    if (wanted.contains(g.id)) out.push_back(g.id);
  }
  return out;
}

void check_owner(store::Tx& tx, const std::string& school_id, const SchoolActionInput& input,
                 std::vector<FieldProblem>& problems) {
  if (input.owner_id.empty()) return;
  for (const auto& s : plandb::staff(tx, school_id)) {
    if (s.id == input.owner_id) return;
  }
  problems.push_back({"owner_id", "planning.schools.error.owner", {}});
}

}  // namespace

const SchoolGoal* find_school_goal(const SchoolPlan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

const SchoolAction* find_school_action(const SchoolPlan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    for (const auto& a : g.actions) {
      if (a.id == id) return &a;
    }
  }
  return nullptr;
}

bool SchoolPlanService::may_read(store::Tx& tx, const auth::Principal& who,
                                 const std::string& org_id) const {
  if (policy_.can(who, "planning.view", org_id)) return true;
  for (const auto& scope : policy_.scopes(who, "planning.view")) {
    if (plandb::within(tx, scope, org_id)) return true;
  }
  return false;
}

SchoolsOverview SchoolPlanService::overview(const auth::Principal& who,
                                            const std::string& plan_id) const {
  return db_.read([&](store::Tx& tx) {
    auto plan = planning::db::plan(tx, plan_id);
    if (!plan) throw NotFound("error.not_found");
    if (!may_read(tx, who, plan->org_id)) throw Forbidden("error.403.title");
    SchoolsOverview out;
    out.plans = db::school_plans(tx, plan_id);
    std::vector<DistrictGoal> goals;
    for (const auto& g : plan->goals) goals.push_back({g.id, g.code, g.title});
    std::vector<SchoolEntry> entries;
    for (const auto& s : db::schools_under(tx, plan->org_id)) {
      SchoolEntry entry{s.id, s.name, nullptr};
      for (const auto& p : out.plans) {
        if (p.school_id == s.id) entry.plan = &p;
      }
      entries.push_back(entry);
      if (policy_.can(who, "planning.school", s.id)) out.editable.push_back(s.id);
    }
    out.coverage = coverage(goals, entries);
    out.plan = std::move(*plan);
    return out;
  });
}

SchoolPlanView SchoolPlanService::school(const auth::Principal& who, const std::string& plan_id,
                                         const std::string& school_id) const {
  return db_.read([&](store::Tx& tx) {
    auto plan = planning::db::plan(tx, plan_id);
    if (!plan) throw NotFound("error.not_found");
    auto school = db::school_under(tx, plan->org_id, school_id);
    if (!school) throw NotFound("error.not_found");
    if (!may_read(tx, who, plan->org_id)) throw Forbidden("error.403.title");
    SchoolPlanView out;
    out.school = std::move(*school);
    out.school_plan = db::school_plan(tx, plan_id, school_id);
    out.may_edit = policy_.can(who, "planning.school", school_id);
    if (out.may_edit) out.staff = plandb::staff(tx, school_id);
    out.plan = std::move(*plan);
    return out;
  });
}

SchoolPlanService::Place SchoolPlanService::editable_place(store::Tx& tx,
                                                           const auth::Principal& who,
                                                           const std::string& plan_id,
                                                           const std::string& school_id) const {
  auto plan = planning::db::plan(tx, plan_id);
  if (!plan) throw NotFound("error.not_found");
  auto school = db::school_under(tx, plan->org_id, school_id);
  if (!school) throw NotFound("error.not_found");
  if (!policy_.can(who, "planning.school", school_id)) throw Forbidden("error.403.title");
  return {std::move(*plan), std::move(*school)};
}

void SchoolPlanService::save(const auth::Principal& who, const std::string& plan_id,
                             const std::string& school_id, const SchoolPlanInput& input,
                             audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto place = editable_place(tx, who, plan_id, school_id);
    throw_if(check_school_plan(input));
    auto before = db::school_plan(tx, plan_id, school_id);
    SchoolPlan p = before.value_or(SchoolPlan{});
    p.vision = input.vision;
    p.digital_citizenship = input.digital_citizenship;
    p.change_management = input.change_management;
    p.status = input.status;
    if (before) {
      db::update_school_plan(tx, p, now());
    } else {
      p.id = frameworks::random_uuid();
      p.plan_id = plan_id;
      p.school_id = school_id;
      db::insert_school_plan(tx, p, now());
    }
    finish(tx, event, "planning_school_plan", p.id, school_id,
           before ? school_plan_json(*before) : nlohmann::json(nullptr), school_plan_json(p));
  });
}

std::string SchoolPlanService::add_goal(const auth::Principal& who, const std::string& plan_id,
                                        const std::string& school_id, const SchoolGoalInput& input,
                                        audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto place = editable_place(tx, who, plan_id, school_id);
    throw_if(check_school_goal(input, goal_ids(place.plan)));
    auto current = db::school_plan(tx, plan_id, school_id);
    std::string school_plan_id;
    if (current) {
      school_plan_id = current->id;
      db::touch_school_plan(tx, school_plan_id, now());
    } else {
      SchoolPlan p;
      p.id = school_plan_id = frameworks::random_uuid();
      p.plan_id = plan_id;
      p.school_id = school_id;
      p.status = "draft";
      db::insert_school_plan(tx, p, now());
    }
    SchoolGoal g{frameworks::random_uuid(),
                 input.title,
                 input.achievement_goal,
                 input.description,
                 ordered_links(place.plan, input.district_goals),
                 {}};
    db::insert_school_goal(tx, school_plan_id, g, now());
    finish(tx, event, "planning_school_goal", g.id, school_id, nullptr, school_goal_json(g));
    return g.id;
  });
}

void SchoolPlanService::update_goal(const auth::Principal& who, const std::string& plan_id,
                                    const std::string& school_id, const std::string& goal_id,
                                    const SchoolGoalInput& input, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto place = editable_place(tx, who, plan_id, school_id);
    auto current = db::school_plan(tx, plan_id, school_id);
    const SchoolGoal* before = current ? find_school_goal(*current, goal_id) : nullptr;
    if (!before) throw NotFound("error.not_found");
    throw_if(check_school_goal(input, goal_ids(place.plan)));
    SchoolGoal g{goal_id,
                 input.title,
                 input.achievement_goal,
                 input.description,
                 ordered_links(place.plan, input.district_goals),
                 {}};
    db::update_school_goal(tx, g, now());
    db::touch_school_plan(tx, current->id, now());
    finish(tx, event, "planning_school_goal", g.id, school_id, school_goal_json(*before),
           school_goal_json(g));
  });
}

void SchoolPlanService::delete_goal(const auth::Principal& who, const std::string& plan_id,
                                    const std::string& school_id, const std::string& goal_id,
                                    audit::Event event) {
  db_.write([&](store::Tx& tx) {
    editable_place(tx, who, plan_id, school_id);
    auto current = db::school_plan(tx, plan_id, school_id);
    const SchoolGoal* before = current ? find_school_goal(*current, goal_id) : nullptr;
    if (!before) throw NotFound("error.not_found");
    auto was = school_goal_json(*before);
    was["actions"] = before->actions.size();
    db::delete_school_goal(tx, goal_id);
    db::touch_school_plan(tx, current->id, now());
    finish(tx, event, "planning_school_goal", goal_id, school_id, was, nullptr);
  });
}

std::string SchoolPlanService::add_action(const auth::Principal& who, const std::string& plan_id,
                                          const std::string& school_id, const std::string& goal_id,
                                          const SchoolActionInput& input, audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    editable_place(tx, who, plan_id, school_id);
    auto current = db::school_plan(tx, plan_id, school_id);
    if (!current || !find_school_goal(*current, goal_id)) throw NotFound("error.not_found");
    auto problems = check_school_action(input);
    check_owner(tx, school_id, input, problems);
    throw_if(problems);
    SchoolAction a{frameworks::random_uuid(),
                   goal_id,
                   input.title,
                   input.owner_id,
                   {},
                   input.due_on,
                   input.status};
    db::insert_school_action(tx, a, now());
    db::touch_school_plan(tx, current->id, now());
    finish(tx, event, "planning_school_action", a.id, school_id, nullptr, school_action_json(a));
    return a.id;
  });
}

void SchoolPlanService::update_action(const auth::Principal& who, const std::string& plan_id,
                                      const std::string& school_id, const std::string& action_id,
                                      const SchoolActionInput& input, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    editable_place(tx, who, plan_id, school_id);
    auto current = db::school_plan(tx, plan_id, school_id);
    const SchoolAction* before = current ? find_school_action(*current, action_id) : nullptr;
    if (!before) throw NotFound("error.not_found");
    auto problems = check_school_action(input);
    check_owner(tx, school_id, input, problems);
    throw_if(problems);
    SchoolAction a = *before;
    a.title = input.title;
    a.owner_id = input.owner_id;
    a.due_on = input.due_on;
    a.status = input.status;
    db::update_school_action(tx, a, now());
    db::touch_school_plan(tx, current->id, now());
    finish(tx, event, "planning_school_action", a.id, school_id, school_action_json(*before),
           school_action_json(a));
  });
}

void SchoolPlanService::delete_action(const auth::Principal& who, const std::string& plan_id,
                                      const std::string& school_id, const std::string& action_id,
                                      audit::Event event) {
  db_.write([&](store::Tx& tx) {
    editable_place(tx, who, plan_id, school_id);
    auto current = db::school_plan(tx, plan_id, school_id);
    const SchoolAction* before = current ? find_school_action(*current, action_id) : nullptr;
    if (!before) throw NotFound("error.not_found");
    auto was = school_action_json(*before);
    db::delete_school_action(tx, action_id);
    db::touch_school_plan(tx, current->id, now());
    finish(tx, event, "planning_school_action", action_id, school_id, was, nullptr);
  });
}

}  // namespace lodestar::planning::schools
