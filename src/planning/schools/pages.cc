// Schools' instructional technology plans under a district plan:
//   /planning/plans/{plan}/schools                    the district view: which district goals
//                                                     each school supports, and the gaps
//   /planning/plans/{plan}/schools/{school}           a school's plan (read)
//   …/{school}/edit, POST …/{school}                  its vision, digital citizenship, change
//                                                     management and status
//   …/{school}/goals/new, …/goals/{goal}/edit, POST   its goals, each linked to district goals
//   …/goals/{goal}/actions/new, …/actions/{action}/edit, POST   their action steps
// Reading is plan_reader(); writing is planning.school at the school in the path.
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "planning/access.h"
#include "planning/plan_pages.h"
#include "planning/routes.h"
#include "planning/schools/service.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"

namespace lodestar::planning::schools {
namespace {

struct SchoolPages {
  const AppContext& context;
  std::shared_ptr<SchoolPlanService> service;
};

using SchoolHandler = http::Response (*)(const SchoolPages&, http::Request&);

std::string schools_href(const std::string& plan_id) {
  return plan_href(plan_id) + "/schools";
}
std::string school_href(const std::string& plan_id, const std::string& school_id) {
  return schools_href(plan_id) + "/" + http::url_encode(school_id);
}

http::Response school_view(const http::Request& request, std::string_view name,
                           std::string_view title_key, nlohmann::json view, int status = 200) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  return web::render_page(request, "planning/schools/" + std::string(name), title_key,
                          std::move(view), status);
}

void add_school_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  for (auto& error : view["errors"]) {
    error["label_key"] = "planning.schools.label." + error.value("field", std::string());
  }
}

nlohmann::json place_json(const Plan& plan, const schools::db::School& school) {
  return {{"plan_title", plan.title},
          {"plan_href", plan_href(plan.id)},
          {"schools_href", schools_href(plan.id)},
          {"school_name", school.name},
          {"school_href", school_href(plan.id, school.id)}};
}

// --- The district view ----------------------------------------------------------------------

http::Response overview_page(const SchoolPages& pages, http::Request& request) {
  auto o = pages.service->overview(auth::signed_in(request), request.param("plan"));
  const auto& c = o.coverage;
  auto goals = nlohmann::json::array();
  auto gaps = nlohmann::json::array();
  for (const auto& g : c.goals) {
    nlohmann::json row = {{"code", g.goal.code},
                          {"title", g.goal.title},
                          {"href", plan_href(o.plan.id) + "#g-" + http::url_encode(g.goal.id)},
                          {"schools", g.schools},
                          {"drafts", g.drafts},
                          {"gap", g.gap}};
    goals.push_back(row);
    if (g.gap) gaps.push_back(row);
  }
  std::set<std::string> editable(o.editable.begin(), o.editable.end());
  auto rows = nlohmann::json::array();
  auto not_started = nlohmann::json::array();
  for (const auto& s : c.schools) {
    auto cells = nlohmann::json::array();
    for (std::size_t i = 0; i < s.supports.size(); ++i) {
      cells.push_back({{"supports", s.supports[i]}, {"code", c.goals[i].goal.code}});
    }
    nlohmann::json row = {
        {"name", s.school_name},
        {"href", school_href(o.plan.id, s.school_id)},
        {"started", !s.status.empty()},
        {"status_key", "planning.schools.status." + (s.status.empty() ? "none" : s.status)},
        {"status", s.status.empty() ? "none" : s.status},
        {"cells", cells},
        {"supported", s.supported},
        {"unlinked", s.unlinked_goals},
        {"has_unlinked", s.unlinked_goals > 0},
        {"may_edit", editable.contains(s.school_id)}};
    rows.push_back(row);
    if (s.status.empty()) not_started.push_back(row);
  }
  nlohmann::json view = {{"plan", {{"title", o.plan.title}, {"href", plan_href(o.plan.id)}}},
                         {"goals", goals},
                         {"goal_count", c.goals.size()},
                         {"has_goals", !c.goals.empty()},
                         {"schools", rows},
                         {"has_schools", !rows.empty()},
                         {"gaps", gaps},
                         {"has_gaps", !gaps.empty()},
                         {"not_started", not_started},
                         {"has_not_started", !not_started.empty()},
                         {"submitted", c.submitted},
                         {"drafts", c.drafts},
                         {"not_started_count", c.not_started},
                         {"title_detail", o.plan.title}};
  return school_view(request, "overview", "planning.schools.overview.title", std::move(view));
}

// --- A school's plan ------------------------------------------------------------------------

http::Response school_page(const SchoolPages& pages, http::Request& request) {
  auto v = pages.service->school(auth::signed_in(request), request.param("plan"),
                                 request.param("school"));
  auto base = school_href(v.plan.id, v.school.id);
  std::map<std::string, const Goal*> district;
  for (const auto& g : v.plan.goals) district[g.id] = &g;
  nlohmann::json view = {{"place", place_json(v.plan, v.school)},
                         {"may_edit", v.may_edit},
                         {"edit_href", base + "/edit"},
                         {"new_goal_href", base + "/goals/new"},
                         {"title_detail", v.school.name}};
  auto today = planning::today();
  if (v.school_plan) {
    const auto& p = *v.school_plan;
    auto goals = nlohmann::json::array();
    for (const auto& g : p.goals) {
      auto links = nlohmann::json::array();
      for (const auto& id : g.district_goals) {
        if (auto it = district.find(id); it != district.end()) {
          links.push_back({{"code", it->second->code},
                           {"title", it->second->title},
                           {"href", plan_href(v.plan.id) + "#g-" + http::url_encode(id)}});
        }
      }
      auto actions = nlohmann::json::array();
      for (const auto& a : g.actions) {
        bool overdue = a.due_on < today && a.status != "done" && a.status != "dropped";
        actions.push_back({{"title", a.title},
                           {"owner", a.owner_name},
                           {"has_owner", !a.owner_name.empty()},
                           {"due_on", a.due_on},
                           {"overdue", overdue},
                           {"status", a.status},
                           {"status_key", "planning.plan.status." + a.status},
                           {"edit_href", base + "/actions/" + http::url_encode(a.id) + "/edit"}});
      }
      goals.push_back(
          {{"id", g.id},
           {"title", g.title},
           {"achievement_goal", g.achievement_goal},
           {"description", g.description},
           {"has_description", !g.description.empty()},
           {"links", links},
           {"has_links", !links.empty()},
           {"actions", actions},
           {"has_actions", !actions.empty()},
           {"edit_href", base + "/goals/" + http::url_encode(g.id) + "/edit"},
           {"new_action_href", base + "/goals/" + http::url_encode(g.id) + "/actions/new"}});
    }
    view["school_plan"] = {{"vision", p.vision},
                           {"digital_citizenship", p.digital_citizenship},
                           {"change_management", p.change_management},
                           {"status", p.status},
                           {"status_key", "planning.schools.status." + p.status},
                           {"updated_at", p.updated_at.substr(0, 10)},
                           {"goals", goals},
                           {"has_goals", !goals.empty()}};
  }
  return school_view(request, "school", "planning.schools.school.title", std::move(view));
}

// --- The plan's own fields ------------------------------------------------------------------

schools::SchoolPlanInput plan_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "vision"), auth::field(form, "digital_citizenship"),
          auth::field(form, "change_management"), auth::field(form, "status")};
}

http::Response plan_form(const http::Request& request, const schools::SchoolPlanView& v,
                         const schools::SchoolPlanInput& in, nlohmann::json view,
                         int status = 200) {
  view["place"] = place_json(v.plan, v.school);
  view["action"] = school_href(v.plan.id, v.school.id);
  view["vision"] = in.vision;
  view["digital_citizenship"] = in.digital_citizenship;
  view["change_management"] = in.change_management;
  auto statuses = nlohmann::json::array();
  for (const auto& s : schools::school_plan_statuses()) {
    statuses.push_back({{"value", s},
                        {"key", "planning.schools.status." + s},
                        {"hint_key", "planning.schools.status_hint." + s},
                        {"checked", s == in.status}});
  }
  view["statuses"] = statuses;
  view["title_detail"] = v.school.name;
  return school_view(request, "plan_form", "planning.schools.form.title", std::move(view), status);
}

http::Response edit_plan_page(const SchoolPages& pages, http::Request& request) {
  auto v = pages.service->school(auth::signed_in(request), request.param("plan"),
                                 request.param("school"));
  if (!v.may_edit) throw Forbidden("error.403.title");
  schools::SchoolPlanInput in{{}, {}, {}, "draft"};
  if (v.school_plan) {
    in = {v.school_plan->vision, v.school_plan->digital_citizenship,
          v.school_plan->change_management, v.school_plan->status};
  }
  return plan_form(request, v, in, nlohmann::json::object());
}

http::Response save_plan(const SchoolPages& pages, http::Request& request) {
  const auto& who = auth::signed_in(request);
  auto in = plan_input(request);
  try {
    pages.service->save(who, request.param("plan"), request.param("school"), in,
                        audit::event_for(request, "planning.school_plan.save"));
    return http::Response::redirect(school_href(request.param("plan"), request.param("school")));
  } catch (const Invalid& invalid) {
    auto v = pages.service->school(who, request.param("plan"), request.param("school"));
    nlohmann::json view = nlohmann::json::object();
    add_school_problems(view, invalid.problems());
    return plan_form(request, v, in, std::move(view), 422);
  }
}

// --- Goals ----------------------------------------------------------------------------------

schools::SchoolGoalInput goal_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "title"), auth::field(form, "achievement_goal"),
          auth::field(form, "description"), form_list(request, "district_goal")};
}

http::Response goal_form(const http::Request& request, const schools::SchoolPlanView& v,
                         const schools::SchoolGoalInput& in, const std::string& goal_id,
                         nlohmann::json view, int status = 200) {
  auto base = school_href(v.plan.id, v.school.id);
  view["place"] = place_json(v.plan, v.school);
  view["editing"] = !goal_id.empty();
  view["action"] = goal_id.empty() ? base + "/goals" : base + "/goals/" + http::url_encode(goal_id);
  if (!goal_id.empty()) {
    view["delete_action"] = base + "/goals/" + http::url_encode(goal_id) + "/delete";
  }
  view["title"] = in.title;
  view["achievement_goal"] = in.achievement_goal;
  view["description"] = in.description;
  std::set<std::string> picked(in.district_goals.begin(), in.district_goals.end());
  auto choices = nlohmann::json::array();
  for (const auto& g : v.plan.goals) {
    choices.push_back(
        {{"id", g.id}, {"code", g.code}, {"title", g.title}, {"checked", picked.contains(g.id)}});
  }
  view["district_goals"] = choices;
  view["has_district_goals"] = !choices.empty();
  view["title_detail"] = v.school.name;
  return school_view(request, "goal_form", "planning.schools.goal.form_title", std::move(view),
                     status);
}

schools::SchoolPlanView editable_view(const SchoolPages& pages, const http::Request& request) {
  auto v = pages.service->school(auth::signed_in(request), request.param("plan"),
                                 request.param("school"));
  if (!v.may_edit) throw Forbidden("error.403.title");
  return v;
}

http::Response new_goal_page(const SchoolPages& pages, http::Request& request) {
  return goal_form(request, editable_view(pages, request), {}, {}, nlohmann::json::object());
}

http::Response edit_goal_page(const SchoolPages& pages, http::Request& request) {
  auto v = editable_view(pages, request);
  const auto* g =
      v.school_plan ? schools::find_school_goal(*v.school_plan, request.param("goal")) : nullptr;
  if (!g) throw NotFound("error.not_found");
  return goal_form(request, v, {g->title, g->achievement_goal, g->description, g->district_goals},
                   g->id, nlohmann::json::object());
}

http::Response save_goal(const SchoolPages& pages, http::Request& request, bool creating) {
  const auto& who = auth::signed_in(request);
  const auto& plan = request.param("plan");
  const auto& school = request.param("school");
  auto in = goal_input(request);
  std::string goal_id = creating ? std::string() : request.param("goal");
  try {
    if (creating) {
      goal_id = pages.service->add_goal(who, plan, school, in,
                                        audit::event_for(request, "planning.school_goal.create"));
    } else {
      pages.service->update_goal(who, plan, school, goal_id, in,
                                 audit::event_for(request, "planning.school_goal.update"));
    }
    return http::Response::redirect(school_href(plan, school) + "#sg-" + goal_id);
  } catch (const Invalid& invalid) {
    nlohmann::json view = nlohmann::json::object();
    add_school_problems(view, invalid.problems());
    return goal_form(request, editable_view(pages, request), in, goal_id, std::move(view), 422);
  }
}

http::Response delete_goal(const SchoolPages& pages, http::Request& request) {
  pages.service->delete_goal(auth::signed_in(request), request.param("plan"),
                             request.param("school"), request.param("goal"),
                             audit::event_for(request, "planning.school_goal.delete"));
  return http::Response::redirect(school_href(request.param("plan"), request.param("school")));
}

// --- Action steps ---------------------------------------------------------------------------

schools::SchoolActionInput action_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "title"), auth::field(form, "owner_id"), auth::field(form, "due_on"),
          auth::field(form, "status")};
}

http::Response action_form(const http::Request& request, const schools::SchoolPlanView& v,
                           const schools::SchoolGoal& goal, const schools::SchoolActionInput& in,
                           const std::string& action_id, nlohmann::json view, int status = 200) {
  auto base = school_href(v.plan.id, v.school.id);
  view["place"] = place_json(v.plan, v.school);
  view["goal_title"] = goal.title;
  view["editing"] = !action_id.empty();
  view["action"] = action_id.empty() ? base + "/goals/" + http::url_encode(goal.id) + "/actions"
                                     : base + "/actions/" + http::url_encode(action_id);
  if (!action_id.empty()) {
    view["delete_action"] = base + "/actions/" + http::url_encode(action_id) + "/delete";
  }
  view["title"] = in.title;
  view["due_on"] = in.due_on;
  auto owners = nlohmann::json::array();
  for (const auto& s : v.staff) {
    owners.push_back({{"id", s.id}, {"name", s.name}, {"selected", s.id == in.owner_id}});
  }
  view["owners"] = owners;
  view["no_owner"] = in.owner_id.empty();
  view["statuses"] = status_options(in.status);
  view["title_detail"] = v.school.name;
  return school_view(request, "action_form", "planning.schools.action.form_title", std::move(view),
                     status);
}

const schools::SchoolGoal& goal_in(const schools::SchoolPlanView& v, const std::string& id) {
  const auto* g = v.school_plan ? schools::find_school_goal(*v.school_plan, id) : nullptr;
  if (!g) throw NotFound("error.not_found");
  return *g;
}

// The goal the step `action_id` belongs to.
const schools::SchoolGoal& goal_of_action(const schools::SchoolPlanView& v,
                                          const std::string& action_id) {
  const auto* a = v.school_plan ? schools::find_school_action(*v.school_plan, action_id) : nullptr;
  if (!a) throw NotFound("error.not_found");
  return goal_in(v, a->goal_id);
}

http::Response new_action_page(const SchoolPages& pages, http::Request& request) {
  auto v = editable_view(pages, request);
  return action_form(request, v, goal_in(v, request.param("goal")),
                     {{}, {}, planning::today(), "not_started"}, {}, nlohmann::json::object());
}

http::Response edit_action_page(const SchoolPages& pages, http::Request& request) {
  auto v = editable_view(pages, request);
  const auto& goal = goal_of_action(v, request.param("action"));
  const auto* a = schools::find_school_action(*v.school_plan, request.param("action"));
  return action_form(request, v, goal, {a->title, a->owner_id, a->due_on, a->status}, a->id,
                     nlohmann::json::object());
}

http::Response save_action(const SchoolPages& pages, http::Request& request, bool creating) {
  const auto& who = auth::signed_in(request);
  const auto& plan = request.param("plan");
  const auto& school = request.param("school");
  auto in = action_input(request);
  try {
    std::string goal_id;
    if (creating) {
      goal_id = request.param("goal");
      pages.service->add_action(who, plan, school, goal_id, in,
                                audit::event_for(request, "planning.school_action.create"));
    } else {
      pages.service->update_action(who, plan, school, request.param("action"), in,
                                   audit::event_for(request, "planning.school_action.update"));
      goal_id =
          goal_of_action(pages.service->school(who, plan, school), request.param("action")).id;
    }
    return http::Response::redirect(school_href(plan, school) + "#sg-" + goal_id);
  } catch (const Invalid& invalid) {
    auto v = editable_view(pages, request);
    nlohmann::json view = nlohmann::json::object();
    add_school_problems(view, invalid.problems());
    const auto& goal =
        creating ? goal_in(v, request.param("goal")) : goal_of_action(v, request.param("action"));
    return action_form(request, v, goal, in, creating ? std::string() : request.param("action"),
                       std::move(view), 422);
  }
}

http::Response delete_action(const SchoolPages& pages, http::Request& request) {
  pages.service->delete_action(auth::signed_in(request), request.param("plan"),
                               request.param("school"), request.param("action"),
                               audit::event_for(request, "planning.school_action.delete"));
  return http::Response::redirect(school_href(request.param("plan"), request.param("school")));
}

void add_school_route(http::Router& router, const SchoolPages& pages, std::string method,
                      std::string pattern, http::Access access, SchoolHandler handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
              .access = std::move(access)});
}

}  // namespace

void add_school_routes(http::Router& router, const AppContext& context) {
  SchoolPages pages{context, std::make_shared<SchoolPlanService>(context.db, context.policy)};
  auto read = plan_reader(context.policy);
  auto write = http::Access::to("planning.school", http::org_from_param("school"));
  const std::string base = "/planning/plans/{plan}/schools/{school}";
  auto route = [&](std::string method, std::string pattern, http::Access access,
                   SchoolHandler handler) {
    add_school_route(router, pages, std::move(method), std::move(pattern), std::move(access),
                     handler);
  };
  route("GET", "/planning/plans/{plan}/schools", read, overview_page);
  route("GET", base, read, school_page);
  route("GET", base + "/edit", write, edit_plan_page);
  route("POST", base, write, save_plan);
  route("GET", base + "/goals/new", write, new_goal_page);
  route("POST", base + "/goals", write,
        [](const SchoolPages& p, http::Request& r) { return save_goal(p, r, true); });
  route("GET", base + "/goals/{goal}/edit", write, edit_goal_page);
  route("POST", base + "/goals/{goal}", write,
        [](const SchoolPages& p, http::Request& r) { return save_goal(p, r, false); });
  route("POST", base + "/goals/{goal}/delete", write, delete_goal);
  route("GET", base + "/goals/{goal}/actions/new", write, new_action_page);
  route("POST", base + "/goals/{goal}/actions", write,
        [](const SchoolPages& p, http::Request& r) { return save_action(p, r, true); });
  route("GET", base + "/actions/{action}/edit", write, edit_action_page);
  route("POST", base + "/actions/{action}", write,
        [](const SchoolPages& p, http::Request& r) { return save_action(p, r, false); });
  route("POST", base + "/actions/{action}/delete", write, delete_action);
}

}  // namespace lodestar::planning::schools

namespace lodestar::planning {

void add_school_pages(http::Router& router, const AppContext& context) {
  schools::add_school_routes(router, context);
}

}  // namespace lodestar::planning
