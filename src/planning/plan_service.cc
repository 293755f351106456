// Reading plans, and the plan, its goals and strategies. Action steps and funding sources are in
// plan_service_actions.cc.
#include <algorithm>

#include "frameworks/case/package.h"
#include "frameworks/store.h"
#include "planning/plan_service.h"
#include "planning/plan_support.h"
#include "platform/iso8601.h"

namespace lodestar::planning {

bool PlanService::may_read(store::Tx& tx, const auth::Principal& who,
                           const std::string& org_id) const {
  if (policy_.can(who, "planning.view", org_id)) return true;
  // Staff at a school read their district's plan.
  for (const auto& scope : policy_.scopes(who, "planning.view")) {
    if (plandb::within(tx, scope, org_id)) return true;
  }
  return false;
}

bool PlanService::may_manage(const auth::Principal& who, const std::string& org_id) const {
  return policy_.can(who, "planning.manage", org_id);
}

void PlanService::require_manage(const auth::Principal& who, const std::string& org_id) const {
  if (!may_manage(who, org_id)) throw Forbidden("error.403.title");
}

bool PlanService::reads_plans(const auth::Principal& who) const {
  return !policy_.scopes(who, "planning.view").empty();
}

std::vector<db::PlanSummary> PlanService::plans(const auth::Principal& who) const {
  return db_.read([&](store::Tx& tx) {
    auto all = db::plans(tx);
    std::map<std::string, bool> readable;
    std::erase_if(all, [&](const db::PlanSummary& p) {
      auto [it, fresh] = readable.try_emplace(p.org_id, false);
      if (fresh) it->second = may_read(tx, who, p.org_id);
      return !it->second;
    });
    return all;
  });
}

std::vector<plandb::Person> PlanService::managed_districts(const auth::Principal& who) const {
  auto all = db_.read([](store::Tx& tx) { return plandb::districts(tx); });
  std::erase_if(all, [&](const plandb::Person& d) { return !may_manage(who, d.id); });
  return all;
}

PlanView PlanService::plan(const auth::Principal& who, const std::string& id) const {
  auto view = db_.read([&](store::Tx& tx) {
    auto found = db::plan(tx, id);
    if (!found) throw NotFound("error.not_found", "no plan " + id);
    if (!may_read(tx, who, found->org_id)) throw Forbidden("error.403.title");
    PlanView out;
    out.plan = std::move(*found);
    out.indicators = plandb::goal_indicators(tx, id);
    return out;
  });
  view.may_manage = may_manage(who, view.plan.org_id);
  return view;
}

PlanView PlanService::plan_to_manage(const auth::Principal& who, const std::string& id) const {
  auto view = plan(who, id);
  if (!view.may_manage) throw Forbidden("error.403.title");
  return view;
}

std::vector<plandb::Person> PlanService::staff(const std::string& org_id) const {
  return db_.read([&](store::Tx& tx) { return plandb::staff(tx, org_id); });
}

std::vector<db::FundingSource> PlanService::funding_sources(const std::string& org_id) const {
  return db_.read([&](store::Tx& tx) { return db::funding_sources(tx, org_id); });
}

std::string PlanService::leaders_framework(store::Tx& tx) const {
  std::string fallback;
  for (const auto& d : frameworks::documents(tx)) {
    // Crosswalks name the leaders' standards too but hold no items of their own.
    if (d.title.find("Education Leaders") == std::string::npos || d.items == 0) continue;
    if (d.title.find("2024") != std::string::npos || d.version.find("2024") != std::string::npos) {
      return d.id;
    }
    if (fallback.empty()) fallback = d.id;
  }
  return fallback;
}

IndicatorChoices PlanService::indicator_choices() const {
  return db_.read([&](store::Tx& tx) {
    IndicatorChoices out;
    auto framework = leaders_framework(tx);
    if (framework.empty()) return out;
    if (auto d = frameworks::document(tx, framework)) out.framework_title = d->title;
    auto items = frameworks::items_of(tx, framework);
    std::map<std::string, std::size_t> group_of;
    for (const auto& item : items) {
      if (!item.parent_id.empty()) continue;
      group_of[item.id] = out.groups.size();
      out.groups.push_back({item.code, item.title.empty() ? item.statement : item.title, {}});
    }
    for (const auto& item : items) {
      auto group = group_of.find(item.parent_id);
      if (group == group_of.end()) continue;
      out.groups[group->second].indicators.push_back({item.id, item.code, item.statement});
    }
    std::erase_if(out.groups, [](const IndicatorGroup& g) { return g.indicators.empty(); });
    return out;
  });
}

std::vector<std::string> PlanService::offered_indicators(store::Tx& tx) const {
  std::vector<std::string> ids;
  auto framework = leaders_framework(tx);
  if (framework.empty()) return ids;
  for (const auto& item : frameworks::items_of(tx, framework)) {
    if (!item.parent_id.empty()) ids.push_back(item.id);
  }
  return ids;
}

// ---- Plans -------------------------------------------------------------------------------------

namespace {

void check_plan(const PlanInput& input, std::vector<FieldProblem>& problems) {
  require_text(problems, "title", input.title, 200);
  limit_text(problems, "summary", input.summary, 4000);
  bool dates = true;
  for (auto [field, value] :
       {std::pair{"starts_on", &input.starts_on}, {"ends_on", &input.ends_on}}) {
    if (!iso8601::is_date(*value)) {
      problems.push_back({field, "planning.plan.error.date", {}});
      dates = false;
    }
  }
  if (dates && input.ends_on < input.starts_on) {
    problems.push_back({"ends_on", "planning.plan.error.ends_before", {}});
  }
  const auto& statuses = plan_statuses();
  if (std::find(statuses.begin(), statuses.end(), input.status) == statuses.end()) {
    problems.push_back({"status", "planning.plan.error.status", {}});
  }
}

nlohmann::json plan_json(const Plan& p) {
  return {{"title", p.title},         {"summary", p.summary}, {"org_id", p.org_id},
          {"starts_on", p.starts_on}, {"ends_on", p.ends_on}, {"status", p.status},
          {"published", p.published}};
}

void copy(Plan& plan, const PlanInput& input) {
  plan.title = input.title;
  plan.summary = input.summary;
  plan.org_id = input.org_id;
  plan.starts_on = input.starts_on;
  plan.ends_on = input.ends_on;
  plan.status = input.status;
  plan.published = input.published;
}

}  // namespace

std::string PlanService::create_plan(const auth::Principal& who, const PlanInput& input,
                                     audit::Event event) {
  std::vector<FieldProblem> problems;
  check_plan(input, problems);
  if (input.org_id.empty() || !may_manage(who, input.org_id)) {
    problems.push_back({"org_id", "planning.plan.error.org", {}});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  return db_.write([&](store::Tx& tx) {
    Plan plan;
    plan.id = frameworks::random_uuid();
    copy(plan, input);
    db::insert_plan(tx, plan, now());
    finish(tx, event, "planning_plan", plan.id, plan.org_id, nullptr, plan_json(plan));
    return plan.id;
  });
}

void PlanService::update_plan(const auth::Principal& who, const std::string& id,
                              const PlanInput& input, audit::Event event) {
  auto current = plan_to_manage(who, id).plan;
  std::vector<FieldProblem> problems;
  check_plan(input, problems);
  if (input.org_id.empty() || !may_manage(who, input.org_id)) {
    problems.push_back({"org_id", "planning.plan.error.org", {}});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  db_.write([&](store::Tx& tx) {
    auto before = plan_json(current);
    auto after = current;
    copy(after, input);
    plandb::update_plan(tx, after, now());
    finish(tx, event, "planning_plan", id, after.org_id, before, plan_json(after));
  });
}

void PlanService::delete_plan(const auth::Principal& who, const std::string& id,
                              audit::Event event) {
  auto current = plan_to_manage(who, id).plan;
  db_.write([&](store::Tx& tx) {
    plandb::delete_plan(tx, id);
    finish(tx, event, "planning_plan", id, current.org_id, plan_json(current), nullptr);
  });
}

// ---- Goals -------------------------------------------------------------------------------------

namespace {

const Goal* find_goal(const Plan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

nlohmann::json goal_json(const Goal& g, const std::vector<std::string>& indicators) {
  return {{"code", g.code},
          {"title", g.title},
          {"description", g.description},
          {"indicators", indicators}};
}

}  // namespace

std::string PlanService::add_goal(const auth::Principal& who, const std::string& plan_id,
                                  const GoalInput& input, audit::Event event) {
  auto view = plan_to_manage(who, plan_id);
  return db_.write([&](store::Tx& tx) {
    std::vector<FieldProblem> problems;
    require_text(problems, "code", input.code, 20);
    require_text(problems, "title", input.title, 300);
    limit_text(problems, "description", input.description, 4000);
    for (const auto& g : view.plan.goals) {
      if (g.code == input.code) problems.push_back({"code", "planning.plan.error.code_taken", {}});
    }
    auto offered = offered_indicators(tx);
    for (const auto& i : input.indicators) {
      if (std::find(offered.begin(), offered.end(), i) == offered.end()) {
        problems.push_back({"indicators", "planning.plan.error.indicator", {}});
        break;
      }
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    Goal goal;
    goal.id = frameworks::random_uuid();
    goal.plan_id = plan_id;
    goal.code = input.code;
    goal.title = input.title;
    goal.description = input.description;
    db::insert_goal(tx, goal, plandb::next_goal_position(tx, plan_id), now());
    for (const auto& i : input.indicators) {
      alignments_.decide(tx, std::string(kGoalType), goal.id, i, "accepted", "person", who);
    }
    finish(tx, event, "planning_goal", goal.id, view.plan.org_id, nullptr,
           goal_json(goal, input.indicators));
    return goal.id;
  });
}

void PlanService::update_goal(const auth::Principal& who, const std::string& goal_id,
                              const GoalInput& input, audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_goal(tx, goal_id); });
  if (!owner) throw NotFound("error.not_found", "no goal " + goal_id);
  auto view = plan_to_manage(who, owner->plan_id);
  const auto* current = find_goal(view.plan, goal_id);
  db_.write([&](store::Tx& tx) {
    std::vector<FieldProblem> problems;
    require_text(problems, "code", input.code, 20);
    require_text(problems, "title", input.title, 300);
    limit_text(problems, "description", input.description, 4000);
    for (const auto& g : view.plan.goals) {
      if (g.code == input.code && g.id != goal_id) {
        problems.push_back({"code", "planning.plan.error.code_taken", {}});
      }
    }
    auto offered = offered_indicators(tx);
    for (const auto& i : input.indicators) {
      if (std::find(offered.begin(), offered.end(), i) == offered.end()) {
        problems.push_back({"indicators", "planning.plan.error.indicator", {}});
        break;
      }
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    auto had = alignments_.items_of(tx, std::string(kGoalType), goal_id);
    auto goal = *current;
    goal.code = input.code;
    goal.title = input.title;
    goal.description = input.description;
    plandb::update_goal(tx, goal, now());
    for (const auto& item : had) {
      if (std::find(input.indicators.begin(), input.indicators.end(), item) ==
          input.indicators.end()) {
        alignments_.decide(tx, std::string(kGoalType), goal_id, item, "rejected", "person", who);
      }
    }
    for (const auto& i : input.indicators) {
      alignments_.decide(tx, std::string(kGoalType), goal_id, i, "accepted", "person", who);
    }
    finish(tx, event, "planning_goal", goal_id, view.plan.org_id, goal_json(*current, had),
           goal_json(goal, input.indicators));
  });
}

std::string PlanService::delete_goal(const auth::Principal& who, const std::string& goal_id,
                                     audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_goal(tx, goal_id); });
  if (!owner) throw NotFound("error.not_found", "no goal " + goal_id);
  auto view = plan_to_manage(who, owner->plan_id);
  const auto* current = find_goal(view.plan, goal_id);
  db_.write([&](store::Tx& tx) {
    auto had = alignments_.items_of(tx, std::string(kGoalType), goal_id);
    plandb::delete_goal(tx, goal_id);
    finish(tx, event, "planning_goal", goal_id, view.plan.org_id, goal_json(*current, had),
           nullptr);
  });
  return owner->plan_id;
}

// ---- Strategies --------------------------------------------------------------------------------

namespace {

const Strategy* find_strategy(const Plan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    for (const auto& s : g.strategies) {
      if (s.id == id) return &s;
    }
  }
  return nullptr;
}

void check_strategy(const StrategyInput& input) {
  std::vector<FieldProblem> problems;
  require_text(problems, "title", input.title, 300);
  limit_text(problems, "description", input.description, 4000);
  if (!problems.empty()) throw Invalid(std::move(problems));
}

nlohmann::json strategy_json(const Strategy& s) {
  return {{"title", s.title}, {"description", s.description}};
}

}  // namespace

std::string PlanService::add_strategy(const auth::Principal& who, const std::string& goal_id,
                                      const StrategyInput& input, audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_goal(tx, goal_id); });
  if (!owner) throw NotFound("error.not_found", "no goal " + goal_id);
  require_manage(who, owner->org_id);
  check_strategy(input);
  return db_.write([&](store::Tx& tx) {
    Strategy s;
    s.id = frameworks::random_uuid();
    s.goal_id = goal_id;
    s.title = input.title;
    s.description = input.description;
    db::insert_strategy(tx, s, plandb::next_strategy_position(tx, goal_id), now());
    finish(tx, event, "planning_strategy", s.id, owner->org_id, nullptr, strategy_json(s));
    return s.id;
  });
}

void PlanService::update_strategy(const auth::Principal& who, const std::string& strategy_id,
                                  const StrategyInput& input, audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_strategy(tx, strategy_id); });
  if (!owner) throw NotFound("error.not_found", "no strategy " + strategy_id);
  auto view = plan_to_manage(who, owner->plan_id);
  check_strategy(input);
  auto current = *find_strategy(view.plan, strategy_id);
  db_.write([&](store::Tx& tx) {
    auto after = current;
    after.title = input.title;
    after.description = input.description;
    plandb::update_strategy(tx, after, now());
    finish(tx, event, "planning_strategy", strategy_id, owner->org_id, strategy_json(current),
           strategy_json(after));
  });
}

std::string PlanService::delete_strategy(const auth::Principal& who, const std::string& strategy_id,
                                         audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_strategy(tx, strategy_id); });
  if (!owner) throw NotFound("error.not_found", "no strategy " + strategy_id);
  auto view = plan_to_manage(who, owner->plan_id);
  auto current = *find_strategy(view.plan, strategy_id);
  db_.write([&](store::Tx& tx) {
    plandb::delete_strategy(tx, strategy_id);
    finish(tx, event, "planning_strategy", strategy_id, owner->org_id, strategy_json(current),
           nullptr);
  });
  return owner->plan_id;
}

}  // namespace lodestar::planning
