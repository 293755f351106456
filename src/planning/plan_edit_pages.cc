// Editing a plan's goals (with their aligned indicators), strategies and action steps (owner,
// dates, status, budget, funding source, dependencies). Each form comes back with its problems
// beside the fields and the input kept; deleting asks first.
#include <algorithm>

#include "planning/plan_pages.h"
#include "planning/plan_rules.h"
#include "planning/plan_store.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/http/dispatcher.h"

namespace lodestar::planning {
namespace {

std::string goal_href(const std::string& id) {
  return "/planning/goals/" + http::url_encode(id);
}
std::string strategy_href(const std::string& id) {
  return "/planning/strategies/" + http::url_encode(id);
}

struct Place {
  const Goal* goal = nullptr;
  const Strategy* strategy = nullptr;
  const Action* action = nullptr;
};

// Where `id` (a goal, strategy or action) sits in `plan`.
Place place_of(const Plan& plan, const std::string& id) {
  for (const auto& g : plan.goals) {
    if (g.id == id) return {&g, nullptr, nullptr};
    for (const auto& s : g.strategies) {
      if (s.id == id) return {&g, &s, nullptr};
      for (const auto& a : s.actions) {
        if (a.id == id) return {&g, &s, &a};
      }
    }
  }
  throw NotFound("error.not_found", "no " + id);
}

PlanView plan_of(const PlanPages& pages, const auth::Principal& who,
                 std::optional<plandb::Owner> (*lookup)(store::Tx&, std::string_view),
                 const std::string& id) {
  auto owner = pages.context.db.read([&](store::Tx& tx) { return lookup(tx, id); });
  if (!owner) throw NotFound("error.not_found", "no " + id);
  return pages.service->plan_to_manage(who, owner->plan_id);
}

nlohmann::json context_json(const Plan& plan) {
  return {{"plan_title", plan.title}, {"plan_href", plan_href(plan.id)}};
}

http::Response confirm(const http::Request& request, std::string_view what_key,
                       const std::string& name, const std::string& action,
                       const std::string& cancel) {
  nlohmann::json view = {{"what_key", what_key},
                         {"name", name},
                         {"action", action},
                         {"cancel", cancel},
                         {"title_detail", name}};
  return plan_page(request, "confirm", "planning.plan.delete.title", std::move(view));
}

// ---- Goals -------------------------------------------------------------------------------------

GoalInput goal_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "code"), auth::field(form, "title"), auth::field(form, "description"),
          form_list(request, "indicator")};
}

http::Response goal_form(const PlanPages& pages, const http::Request& request, const Plan& plan,
                         const GoalInput& input, const std::string& action, nlohmann::json view,
                         int status = 200) {
  view.update(context_json(plan));
  view["action"] = action;
  view["code"] = input.code;
  view["title"] = input.title;
  view["description"] = input.description;
  auto choices = pages.service->indicator_choices();
  auto groups = nlohmann::json::array();
  for (const auto& g : choices.groups) {
    auto items = nlohmann::json::array();
    for (const auto& i : g.indicators) {
      bool checked = std::find(input.indicators.begin(), input.indicators.end(), i.id) !=
                     input.indicators.end();
      items.push_back(
          {{"id", i.id}, {"code", i.code}, {"statement", i.statement}, {"checked", checked}});
    }
    bool open = std::any_of(items.begin(), items.end(),
                            [](const nlohmann::json& i) { return i["checked"].get<bool>(); });
    groups.push_back({{"code", g.code}, {"title", g.title}, {"indicators", items}, {"open", open}});
  }
  view["indicator_groups"] = groups;
  view["has_indicator_choices"] = !groups.empty();
  view["framework_title"] = choices.framework_title;
  return plan_page(request, "goal_form", "planning.plan.goal.form_title", std::move(view), status);
}

http::Response new_goal(const PlanPages& pages, http::Request& request,
                        const auth::Principal& who) {
  auto plan = pages.service->plan_to_manage(who, request.param("plan")).plan;
  GoalInput input;
  input.code = "G" + std::to_string(plan.goals.size() + 1);
  return goal_form(pages, request, plan, input, plan_href(plan.id) + "/goals",
                   {{"cancel", plan_href(plan.id)}});
}

http::Response create_goal(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  const auto& plan_id = request.param("plan");
  auto input = goal_input(request);
  try {
    auto id = pages.service->add_goal(who, plan_id, input,
                                      audit::event_for(request, "planning.goal.create"));
    return http::Response::redirect(plan_href(plan_id) + "#g-" + id);
  } catch (const Invalid& invalid) {
    auto plan = pages.service->plan_to_manage(who, plan_id).plan;
    nlohmann::json view = {{"cancel", plan_href(plan_id)}};
    add_problems(view, invalid.problems());
    return goal_form(pages, request, plan, input, plan_href(plan_id) + "/goals", std::move(view),
                     422);
  }
}

http::Response edit_goal(const PlanPages& pages, http::Request& request,
                         const auth::Principal& who) {
  const auto& id = request.param("goal");
  auto view_model = plan_of(pages, who, plandb::plan_of_goal, id);
  const auto* goal = place_of(view_model.plan, id).goal;
  GoalInput input{goal->code, goal->title, goal->description, {}};
  for (const auto& i : view_model.indicators[id]) input.indicators.push_back(i.id);
  return goal_form(pages, request, view_model.plan, input, goal_href(id),
                   {{"editing", true},
                    {"title_detail", goal->code},
                    {"cancel", plan_href(view_model.plan.id) + "#g-" + id}});
}

http::Response update_goal(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  const auto& id = request.param("goal");
  auto input = goal_input(request);
  try {
    pages.service->update_goal(who, id, input, audit::event_for(request, "planning.goal.update"));
    auto owner = pages.context.db.read([&](store::Tx& tx) { return plandb::plan_of_goal(tx, id); });
    return http::Response::redirect(plan_href(owner->plan_id) + "#g-" + id);
  } catch (const Invalid& invalid) {
    auto plan = plan_of(pages, who, plandb::plan_of_goal, id).plan;
    nlohmann::json view = {{"editing", true}, {"cancel", plan_href(plan.id) + "#g-" + id}};
    add_problems(view, invalid.problems());
    return goal_form(pages, request, plan, input, goal_href(id), std::move(view), 422);
  }
}

http::Response confirm_delete_goal(const PlanPages& pages, http::Request& request,
                                   const auth::Principal& who) {
  const auto& id = request.param("goal");
  auto plan = plan_of(pages, who, plandb::plan_of_goal, id).plan;
  const auto* goal = place_of(plan, id).goal;
  return confirm(request, "planning.plan.delete.goal", goal->code + " " + goal->title,
                 goal_href(id) + "/delete", plan_href(plan.id) + "#g-" + id);
}

http::Response delete_goal(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  auto plan_id = pages.service->delete_goal(who, request.param("goal"),
                                            audit::event_for(request, "planning.goal.delete"));
  return http::Response::redirect(plan_href(plan_id));
}

// ---- Strategies --------------------------------------------------------------------------------

StrategyInput strategy_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "title"), auth::field(form, "description")};
}

http::Response strategy_form(const http::Request& request, const Plan& plan, const Goal& goal,
                             const StrategyInput& input, const std::string& action,
                             nlohmann::json view, int status = 200) {
  view.update(context_json(plan));
  view["goal_label"] = goal.code + " " + goal.title;
  view["action"] = action;
  view["title"] = input.title;
  view["description"] = input.description;
  return plan_page(request, "strategy_form", "planning.plan.strategy.form_title", std::move(view),
                   status);
}

http::Response new_strategy(const PlanPages& pages, http::Request& request,
                            const auth::Principal& who) {
  const auto& goal_id = request.param("goal");
  auto plan = plan_of(pages, who, plandb::plan_of_goal, goal_id).plan;
  return strategy_form(request, plan, *place_of(plan, goal_id).goal, {},
                       goal_href(goal_id) + "/strategies",
                       {{"cancel", plan_href(plan.id) + "#g-" + goal_id}});
}

http::Response create_strategy(const PlanPages& pages, http::Request& request,
                               const auth::Principal& who) {
  const auto& goal_id = request.param("goal");
  auto input = strategy_input(request);
  try {
    auto id = pages.service->add_strategy(who, goal_id, input,
                                          audit::event_for(request, "planning.strategy.create"));
    auto owner =
        pages.context.db.read([&](store::Tx& tx) { return plandb::plan_of_goal(tx, goal_id); });
    return http::Response::redirect(plan_href(owner->plan_id) + "#s-" + id);
  } catch (const Invalid& invalid) {
    auto plan = plan_of(pages, who, plandb::plan_of_goal, goal_id).plan;
    nlohmann::json view = {{"cancel", plan_href(plan.id) + "#g-" + goal_id}};
    add_problems(view, invalid.problems());
    return strategy_form(request, plan, *place_of(plan, goal_id).goal, input,
                         goal_href(goal_id) + "/strategies", std::move(view), 422);
  }
}

http::Response edit_strategy(const PlanPages& pages, http::Request& request,
                             const auth::Principal& who) {
  const auto& id = request.param("strategy");
  auto plan = plan_of(pages, who, plandb::plan_of_strategy, id).plan;
  auto at = place_of(plan, id);
  return strategy_form(request, plan, *at.goal, {at.strategy->title, at.strategy->description},
                       strategy_href(id),
                       {{"editing", true},
                        {"title_detail", at.strategy->title},
                        {"cancel", plan_href(plan.id) + "#s-" + id}});
}

http::Response update_strategy(const PlanPages& pages, http::Request& request,
                               const auth::Principal& who) {
  const auto& id = request.param("strategy");
  auto input = strategy_input(request);
  auto plan = plan_of(pages, who, plandb::plan_of_strategy, id).plan;
  try {
    pages.service->update_strategy(who, id, input,
                                   audit::event_for(request, "planning.strategy.update"));
    return http::Response::redirect(plan_href(plan.id) + "#s-" + id);
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"editing", true}, {"cancel", plan_href(plan.id) + "#s-" + id}};
    add_problems(view, invalid.problems());
    return strategy_form(request, plan, *place_of(plan, id).goal, input, strategy_href(id),
                         std::move(view), 422);
  }
}

http::Response confirm_delete_strategy(const PlanPages& pages, http::Request& request,
                                       const auth::Principal& who) {
  const auto& id = request.param("strategy");
  auto plan = plan_of(pages, who, plandb::plan_of_strategy, id).plan;
  return confirm(request, "planning.plan.delete.strategy", place_of(plan, id).strategy->title,
                 strategy_href(id) + "/delete", plan_href(plan.id) + "#s-" + id);
}

http::Response delete_strategy(const PlanPages& pages, http::Request& request,
                               const auth::Principal& who) {
  auto plan_id = pages.service->delete_strategy(
      who, request.param("strategy"), audit::event_for(request, "planning.strategy.delete"));
  return http::Response::redirect(plan_href(plan_id));
}

// ---- Action steps ------------------------------------------------------------------------------

ActionInput action_input(const http::Request& request) {
  auto form = auth::request_form(request);
  ActionInput input;
  input.title = auth::field(form, "title");
  input.description = auth::field(form, "description");
  input.owner_id = auth::field(form, "owner_id");
  input.starts_on = auth::field(form, "starts_on");
  input.due_on = auth::field(form, "due_on");
  input.status = auth::field(form, "status");
  input.budget = auth::field(form, "budget");
  input.budget_line = auth::field(form, "budget_line");
  input.funding_source_id = auth::field(form, "funding_source_id");
  input.depends_on = form_list(request, "depends_on");
  return input;
}

ActionInput input_of(const Action& a) {
  return {a.title,
          a.description,
          a.owner_id,
          a.starts_on,
          a.due_on,
          a.status,
          a.budget_cents > 0 ? dollars_field(a.budget_cents) : std::string(),
          a.budget_line,
          a.funding_source_id,
          a.depends_on};
}

http::Response action_form(const PlanPages& pages, const http::Request& request, const Plan& plan,
                           const Place& at, const ActionInput& input, const std::string& action,
                           nlohmann::json view, int status = 200) {
  view.update(context_json(plan));
  view["strategy_label"] = at.goal->code + " · " + at.strategy->title;
  view["action"] = action;
  for (auto [key, value] : {std::pair{"title", &input.title},
                            {"description", &input.description},
                            {"starts_on", &input.starts_on},
                            {"due_on", &input.due_on},
                            {"budget", &input.budget},
                            {"budget_line", &input.budget_line}}) {
    view[key] = *value;
  }
  view["statuses"] = status_options(input.status);
  auto owners = nlohmann::json::array();
  for (const auto& p : pages.service->staff(plan.org_id)) {
    owners.push_back({{"value", p.id}, {"name", p.name}, {"selected", p.id == input.owner_id}});
  }
  // Keep an owner who is no longer on staff selectable on the step they own.
  if (at.action && !at.action->owner_id.empty() &&
      std::none_of(owners.begin(), owners.end(),
                   [&](const nlohmann::json& o) { return o["value"] == at.action->owner_id; })) {
    owners.push_back({{"value", at.action->owner_id},
                      {"name", at.action->owner_name},
                      {"selected", at.action->owner_id == input.owner_id}});
  }
  view["owners"] = owners;
  auto sources = nlohmann::json::array();
  for (const auto& f : pages.service->funding_sources(plan.org_id)) {
    bool current = at.action && at.action->funding_source_id == f.id;
    if (!f.active && !current) continue;  // inactive sources stay on old steps only
    sources.push_back(
        {{"value", f.id}, {"name", f.name}, {"selected", f.id == input.funding_source_id}});
  }
  view["sources"] = sources;
  auto deps = nlohmann::json::array();
  for (const auto& g : plan.goals) {
    auto items = nlohmann::json::array();
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        if (at.action && a.id == at.action->id) continue;
        bool checked = std::find(input.depends_on.begin(), input.depends_on.end(), a.id) !=
                       input.depends_on.end();
        items.push_back({{"id", a.id}, {"title", a.title}, {"checked", checked}});
      }
    }
    bool open = std::any_of(items.begin(), items.end(),
                            [](const nlohmann::json& i) { return i["checked"].get<bool>(); });
    if (!items.empty()) {
      deps.push_back({{"code", g.code}, {"title", g.title}, {"actions", items}, {"open", open}});
    }
  }
  view["dependency_groups"] = deps;
  view["has_dependency_choices"] = !deps.empty();
  return plan_page(request, "action_form", "planning.plan.action.form_title", std::move(view),
                   status);
}

http::Response new_action(const PlanPages& pages, http::Request& request,
                          const auth::Principal& who) {
  const auto& strategy_id = request.param("strategy");
  auto plan = plan_of(pages, who, plandb::plan_of_strategy, strategy_id).plan;
  ActionInput input;
  input.status = "not_started";
  auto today = planning::today();
  input.starts_on = std::clamp(today, plan.starts_on, plan.ends_on);
  input.due_on = plan.ends_on;
  return action_form(pages, request, plan, place_of(plan, strategy_id), input,
                     strategy_href(strategy_id) + "/actions",
                     {{"cancel", plan_href(plan.id) + "#s-" + strategy_id}});
}

http::Response create_action(const PlanPages& pages, http::Request& request,
                             const auth::Principal& who) {
  const auto& strategy_id = request.param("strategy");
  auto input = action_input(request);
  auto plan = plan_of(pages, who, plandb::plan_of_strategy, strategy_id).plan;
  try {
    auto id = pages.service->add_action(who, strategy_id, input,
                                        audit::event_for(request, "planning.action.create"));
    return http::Response::redirect(plan_href(plan.id) + "#a-" + id);
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"cancel", plan_href(plan.id) + "#s-" + strategy_id}};
    add_problems(view, invalid.problems());
    return action_form(pages, request, plan, place_of(plan, strategy_id), input,
                       strategy_href(strategy_id) + "/actions", std::move(view), 422);
  }
}

http::Response edit_action(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  const auto& id = request.param("action");
  auto plan = plan_of(pages, who, plandb::plan_of_action, id).plan;
  auto at = place_of(plan, id);
  return action_form(pages, request, plan, at, input_of(*at.action), action_href(id) + "/edit",
                     {{"editing", true},
                      {"title_detail", at.action->title},
                      {"cancel", plan_href(plan.id) + "#a-" + id}});
}

http::Response update_action(const PlanPages& pages, http::Request& request,
                             const auth::Principal& who) {
  const auto& id = request.param("action");
  auto input = action_input(request);
  auto plan = plan_of(pages, who, plandb::plan_of_action, id).plan;
  try {
    pages.service->update_action(who, id, input,
                                 audit::event_for(request, "planning.action.update"));
    return http::Response::redirect(plan_href(plan.id) + "#a-" + id);
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"editing", true}, {"cancel", plan_href(plan.id) + "#a-" + id}};
    add_problems(view, invalid.problems());
    return action_form(pages, request, plan, place_of(plan, id), input, action_href(id) + "/edit",
                       std::move(view), 422);
  }
}

http::Response confirm_delete_action(const PlanPages& pages, http::Request& request,
                                     const auth::Principal& who) {
  const auto& id = request.param("action");
  auto plan = plan_of(pages, who, plandb::plan_of_action, id).plan;
  return confirm(request, "planning.plan.delete.action", place_of(plan, id).action->title,
                 action_href(id) + "/delete", plan_href(plan.id) + "#a-" + id);
}

http::Response delete_action(const PlanPages& pages, http::Request& request,
                             const auth::Principal& who) {
  auto plan_id = pages.service->delete_action(who, request.param("action"),
                                              audit::event_for(request, "planning.action.delete"));
  return http::Response::redirect(plan_href(plan_id));
}

}  // namespace

void add_edit_pages(http::Router& router, const PlanPages& pages) {
  auto manage = http::Access::to("planning.manage");
  auto route = [&](std::string method, std::string pattern, PlanHandler handler) {
    add_route(router, pages, std::move(method), std::move(pattern), manage, handler);
  };
  route("GET", "/planning/plans/{plan}/goals/new", new_goal);
  route("POST", "/planning/plans/{plan}/goals", create_goal);
  route("GET", "/planning/goals/{goal}/edit", edit_goal);
  route("POST", "/planning/goals/{goal}", update_goal);
  route("GET", "/planning/goals/{goal}/delete", confirm_delete_goal);
  route("POST", "/planning/goals/{goal}/delete", delete_goal);
  route("GET", "/planning/goals/{goal}/strategies/new", new_strategy);
  route("POST", "/planning/goals/{goal}/strategies", create_strategy);
  route("GET", "/planning/strategies/{strategy}/edit", edit_strategy);
  route("POST", "/planning/strategies/{strategy}", update_strategy);
  route("GET", "/planning/strategies/{strategy}/delete", confirm_delete_strategy);
  route("POST", "/planning/strategies/{strategy}/delete", delete_strategy);
  route("GET", "/planning/strategies/{strategy}/actions/new", new_action);
  route("POST", "/planning/strategies/{strategy}/actions", create_action);
  route("GET", "/planning/actions/{action}/edit", edit_action);
  route("POST", "/planning/actions/{action}/edit", update_action);
  route("GET", "/planning/actions/{action}/delete", confirm_delete_action);
  route("POST", "/planning/actions/{action}/delete", delete_action);
}

}  // namespace lodestar::planning
