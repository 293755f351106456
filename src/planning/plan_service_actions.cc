// Action steps (with their dependencies, budget and funding), an owner's report, and the
// district's funding sources.
#include <algorithm>
#include <chrono>

#include "frameworks/case/package.h"
#include "planning/plan_rules.h"
#include "planning/plan_service.h"
#include "planning/plan_support.h"
#include "platform/auth/clock.h"
#include "platform/iso8601.h"

namespace lodestar::planning {

std::string now() {
  return auth::to_iso8601(std::chrono::system_clock::now());
}

void require_text(std::vector<FieldProblem>& problems, std::string_view field,
                  const std::string& value, std::size_t max) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    problems.push_back({std::string(field), "planning.plan.error.required", {}});
  } else {
    limit_text(problems, field, value, max);
  }
}

void limit_text(std::vector<FieldProblem>& problems, std::string_view field,
                const std::string& value, std::size_t max) {
  if (value.size() > max) {
    problems.push_back({std::string(field), "planning.plan.error.too_long", std::to_string(max)});
  }
}

void finish(store::Tx& tx, audit::Event& event, std::string_view type, const std::string& id,
            const std::string& org_id, nlohmann::json before, nlohmann::json after) {
  event.subject_type = std::string(type);
  event.subject_id = id;
  event.org_id = org_id;
  event.detail = {{"before", std::move(before)}, {"after", std::move(after)}};
  audit::record(tx, event);
}

const Action* find_action(const Plan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        if (a.id == id) return &a;
      }
    }
  }
  return nullptr;
}

namespace {

nlohmann::json action_json(const Action& a) {
  return {{"title", a.title},
          {"description", a.description},
          {"owner_id", a.owner_id},
          {"starts_on", a.starts_on},
          {"due_on", a.due_on},
          {"status", a.status},
          {"budget_cents", a.budget_cents},
          {"budget_line", a.budget_line},
          {"funding_source_id", a.funding_source_id},
          {"depends_on", a.depends_on},
          {"status_note", a.status_note},
          {"evidence_url", a.evidence_url}};
}

}  // namespace

Action PlanService::checked_action(store::Tx& tx, const Plan& plan, const ActionInput& input,
                                   const Action* current) const {
  std::vector<FieldProblem> problems;
  require_text(problems, "title", input.title, 300);
  limit_text(problems, "description", input.description, 4000);
  limit_text(problems, "budget_line", input.budget_line, 200);
  Action a;
  if (current) a = *current;
  a.title = input.title;
  a.description = input.description;
  a.owner_id = input.owner_id;
  a.starts_on = input.starts_on;
  a.due_on = input.due_on;
  a.status = input.status;
  a.budget_line = input.budget_line;
  a.funding_source_id = input.funding_source_id;
  if (!input.owner_id.empty() && (!current || current->owner_id != input.owner_id)) {
    auto staff = plandb::staff(tx, plan.org_id);
    if (std::none_of(staff.begin(), staff.end(),
                     [&](const plandb::Person& p) { return p.id == input.owner_id; })) {
      problems.push_back({"owner_id", "planning.plan.error.owner", {}});
    }
  }
  bool dates = true;
  for (auto [field, value] :
       {std::pair{"starts_on", &input.starts_on}, {"due_on", &input.due_on}}) {
    if (!iso8601::is_date(*value)) {
      problems.push_back({field, "planning.plan.error.date", {}});
      dates = false;
    }
  }
  if (dates && input.due_on < input.starts_on) {
    problems.push_back({"due_on", "planning.plan.error.due_before", {}});
  }
  if (!is_action_status(input.status)) {
    problems.push_back({"status", "planning.plan.error.status", {}});
  }
  if (input.budget.find_first_not_of(' ') == std::string::npos) {
    a.budget_cents = 0;
  } else if (auto cents = parse_dollars(input.budget)) {
    a.budget_cents = *cents;
  } else {
    problems.push_back({"budget", "planning.plan.error.budget", {}});
  }
  if (!input.funding_source_id.empty() &&
      (!current || current->funding_source_id != input.funding_source_id)) {
    auto source = plandb::funding_source(tx, input.funding_source_id);
    if (!source || source->org_id != plan.org_id || !source->active) {
      problems.push_back({"funding_source_id", "planning.plan.error.funding", {}});
    }
  }
  a.depends_on.clear();
  DependencyGraph graph;
  std::map<std::string, std::string> titles;
  for (const auto& g : plan.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& other : s.actions) {
        graph[other.id] = other.depends_on;
        titles[other.id] = other.title;
      }
    }
  }
  for (const auto& on : input.depends_on) {
    if (std::find(a.depends_on.begin(), a.depends_on.end(), on) != a.depends_on.end()) continue;
    if (!titles.contains(on) || (current && on == current->id)) {
      problems.push_back({"depends_on", "planning.plan.error.dependency", {}});
      break;
    }
    a.depends_on.push_back(on);
  }
  if (current) {
    auto cycle = dependency_cycle(graph, current->id, a.depends_on);
    if (!cycle.empty()) {
      std::string path;
      for (const auto& id : cycle) {
        if (!path.empty()) path += " → ";
        path += id == current->id ? input.title : titles[id];
      }
      problems.push_back({"depends_on", "planning.plan.error.cycle", path});
    }
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  return a;
}

std::string PlanService::add_action(const auth::Principal& who, const std::string& strategy_id,
                                    const ActionInput& input, audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_strategy(tx, strategy_id); });
  if (!owner) throw NotFound("error.not_found", "no strategy " + strategy_id);
  auto view = plan_to_manage(who, owner->plan_id);
  return db_.write([&](store::Tx& tx) {
    // A new step has no dependents yet, so it cannot close a cycle.
    auto a = checked_action(tx, view.plan, input, nullptr);
    a.id = frameworks::random_uuid();
    a.strategy_id = strategy_id;
    db::insert_action(tx, a, plandb::next_action_position(tx, strategy_id), now());
    finish(tx, event, "planning_action", a.id, owner->org_id, nullptr, action_json(a));
    return a.id;
  });
}

void PlanService::update_action(const auth::Principal& who, const std::string& action_id,
                                const ActionInput& input, audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_action(tx, action_id); });
  if (!owner) throw NotFound("error.not_found", "no action " + action_id);
  auto view = plan_to_manage(who, owner->plan_id);
  auto current = *find_action(view.plan, action_id);
  db_.write([&](store::Tx& tx) {
    auto a = checked_action(tx, view.plan, input, &current);
    plandb::update_action(tx, a, now());
    finish(tx, event, "planning_action", action_id, owner->org_id, action_json(current),
           action_json(a));
  });
}

std::string PlanService::delete_action(const auth::Principal& who, const std::string& action_id,
                                       audit::Event event) {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_action(tx, action_id); });
  if (!owner) throw NotFound("error.not_found", "no action " + action_id);
  auto view = plan_to_manage(who, owner->plan_id);
  auto current = *find_action(view.plan, action_id);
  db_.write([&](store::Tx& tx) {
    plandb::delete_action(tx, action_id);
    finish(tx, event, "planning_action", action_id, owner->org_id, action_json(current), nullptr);
  });
  return owner->plan_id;
}

ActionView PlanService::action(const auth::Principal& who, const std::string& action_id) const {
  auto owner = db_.read([&](store::Tx& tx) { return plandb::plan_of_action(tx, action_id); });
  if (!owner) throw NotFound("error.not_found", "no action " + action_id);
  auto view = plan(who, owner->plan_id);
  ActionView out;
  std::map<std::string, std::string> titles;
  for (const auto& g : view.plan.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        titles[a.id] = a.title;
        if (a.id != action_id) continue;
        out.goal_code = g.code;
        out.goal_title = g.title;
        out.strategy_title = s.title;
        out.action = a;
      }
    }
  }
  for (const auto& on : out.action.depends_on) out.depends_on.emplace_back(on, titles[on]);
  out.may_manage = view.may_manage;
  out.may_report =
      view.may_manage || (!who.person_id.empty() && who.person_id == out.action.owner_id);
  view.plan.goals.clear();
  out.plan = std::move(view.plan);
  return out;
}

void PlanService::report(const auth::Principal& who, const std::string& action_id,
                         const ActionReport& input, audit::Event event) {
  auto view = action(who, action_id);
  if (!view.may_report) throw Forbidden("planning.plan.error.not_owner");
  std::vector<FieldProblem> problems;
  if (!is_action_status(input.status)) {
    problems.push_back({"status", "planning.plan.error.status", {}});
  }
  limit_text(problems, "status_note", input.status_note, 4000);
  if (!input.evidence_url.empty() && !is_web_url(input.evidence_url)) {
    problems.push_back({"evidence_url", "planning.plan.error.url", {}});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  db_.write([&](store::Tx& tx) {
    plandb::set_action_report(tx, action_id, input.status, input.status_note, input.evidence_url,
                              now());
    auto after = view.action;
    after.status = input.status;
    after.status_note = input.status_note;
    after.evidence_url = input.evidence_url;
    finish(tx, event, "planning_action", action_id, view.plan.org_id, action_json(view.action),
           action_json(after));
  });
}

void PlanService::move(const auth::Principal& who, const std::string& action_id,
                       const std::string& status, audit::Event event) {
  auto view = action(who, action_id);
  report(who, action_id, {status, view.action.status_note, view.action.evidence_url},
         std::move(event));
}

std::vector<plandb::MyAction> PlanService::my_actions(const auth::Principal& who) const {
  if (who.person_id.empty()) return {};
  return db_.read([&](store::Tx& tx) { return plandb::actions_of(tx, who.person_id); });
}

// ---- Funding sources ---------------------------------------------------------------------------

void PlanService::add_funding_source(const auth::Principal& who, const std::string& org_id,
                                     const std::string& name, audit::Event event) {
  require_manage(who, org_id);
  db_.write([&](store::Tx& tx) {
    std::vector<FieldProblem> problems;
    require_text(problems, "name", name, 120);
    if (problems.empty() && plandb::funding_name_taken(tx, org_id, name, "")) {
      problems.push_back({"name", "planning.plan.error.funding_taken", {}});
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    auto sources = db::funding_sources(tx, org_id);
    db::FundingSource source{frameworks::random_uuid(), org_id, name,
                             sources.empty() ? 0 : sources.back().position + 1, true};
    db::insert_funding_source(tx, source);
    finish(tx, event, "planning_funding_source", source.id, org_id, nullptr, {{"name", name}});
  });
}

namespace {

db::FundingSource existing_source(store::Tx& tx, const std::string& id) {
  auto source = plandb::funding_source(tx, id);
  if (!source) throw NotFound("error.not_found", "no funding source " + id);
  return *source;
}

}  // namespace

std::string PlanService::rename_funding_source(const auth::Principal& who, const std::string& id,
                                               const std::string& name, audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto source = existing_source(tx, id);
    require_manage(who, source.org_id);
    std::vector<FieldProblem> problems;
    require_text(problems, "name-" + id, name, 120);
    if (problems.empty() && plandb::funding_name_taken(tx, source.org_id, name, id)) {
      problems.push_back({"name-" + id, "planning.plan.error.funding_taken", {}});
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    plandb::rename_funding_source(tx, id, name);
    finish(tx, event, "planning_funding_source", id, source.org_id, {{"name", source.name}},
           {{"name", name}});
    return source.org_id;
  });
}

std::string PlanService::shift_funding_source(const auth::Principal& who, const std::string& id,
                                              int by, audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto source = existing_source(tx, id);
    require_manage(who, source.org_id);
    auto sources = db::funding_sources(tx, source.org_id);
    auto at = std::find_if(sources.begin(), sources.end(),
                           [&](const db::FundingSource& s) { return s.id == id; }) -
              sources.begin();
    auto to = std::clamp<std::ptrdiff_t>(at + by, 0, std::ssize(sources) - 1);
    auto moved = sources[at];
    sources.erase(sources.begin() + at);
    sources.insert(sources.begin() + to, moved);
    for (std::size_t i = 0; i < sources.size(); ++i) {
      plandb::set_funding_source_position(tx, sources[i].id, static_cast<std::int64_t>(i));
    }
    finish(tx, event, "planning_funding_source", id, source.org_id, {{"position", at}},
           {{"position", to}});
    return source.org_id;
  });
}

std::string PlanService::set_funding_source_active(const auth::Principal& who,
                                                   const std::string& id, bool active,
                                                   audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto source = existing_source(tx, id);
    require_manage(who, source.org_id);
    plandb::set_funding_source_active(tx, id, active);
    finish(tx, event, "planning_funding_source", id, source.org_id, {{"active", source.active}},
           {{"active", active}});
    return source.org_id;
  });
}

}  // namespace lodestar::planning
