// The plan part's pages: /planning (the capability's home), a person's own action steps, a
// plan's create/edit/delete forms and its outline (goals → strategies → action steps, with
// indicators, measures' standing and budget totals). Goals, strategies and steps are edited in
// plan_edit_pages.cc; the timeline, the board, a step's page and funding sources in
// plan_view_pages.cc.
#include <algorithm>
#include <map>

#include "planning/plan_pages.h"

#include "planning/access.h"
#include "planning/plan_rules.h"
#include "planning/plan_store.h"
#include "planning/routes.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"

namespace lodestar::planning {

namespace {

// ---- Home and my steps -------------------------------------------------------------------------

http::Response home(const PlanPages& pages, http::Request& request, const auth::Principal& who) {
  require_reader(pages, who);
  auto plans = nlohmann::json::array();
  for (const auto& p : pages.service->plans(who)) {
    auto percent = p.actions == 0 ? 0 : (p.actions_done * 100) / p.actions;
    plans.push_back({{"href", plan_href(p.id)},
                     {"title", p.title},
                     {"org_name", p.org_name},
                     {"starts_on", p.starts_on},
                     {"ends_on", p.ends_on},
                     {"status_key", "planning.plan.plan_status." + p.status},
                     {"published", p.published},
                     {"goals", p.goals},
                     {"done", p.actions_done},
                     {"actions", p.actions},
                     {"bar", static_cast<double>(percent) * 0.79}});
  }
  auto managed = pages.service->managed_districts(who);
  nlohmann::json view = {{"plans", plans},
                         {"has_plans", !plans.empty()},
                         {"can_manage", !managed.empty()},
                         {"mine", pages.service->my_actions(who).size()}};
  return plan_page(request, "home", "planning.plan.home.title", std::move(view));
}

http::Response my_actions(const PlanPages& pages, http::Request& request,
                          const auth::Principal& who) {
  auto words = row_words(request);
  const auto& today = words.today;
  auto rows = nlohmann::json::array();
  for (const auto& mine : pages.service->my_actions(who)) {
    auto row = action_json(mine.action, words);
    row["plan_title"] = mine.plan_title;
    row["plan_href"] = plan_href(mine.plan_id);
    row["goal_code"] = mine.goal_code;
    rows.push_back(std::move(row));
  }
  nlohmann::json view = {{"actions", rows}, {"has_actions", !rows.empty()}, {"today", today}};
  return plan_page(request, "my_actions", "planning.plan.mine.title", std::move(view));
}

// ---- Plan form ---------------------------------------------------------------------------------

PlanInput plan_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "title"),
          auth::field(form, "summary"),
          auth::field(form, "org_id"),
          auth::field(form, "starts_on"),
          auth::field(form, "ends_on"),
          auth::field(form, "status"),
          auth::field(form, "published") == "on"};
}

http::Response plan_form(const PlanPages& pages, const http::Request& request,
                         const auth::Principal& who, const PlanInput& input,
                         const std::string& action, nlohmann::json view, int status = 200) {
  view["action"] = action;
  view["title"] = input.title;
  view["summary"] = input.summary;
  view["starts_on"] = input.starts_on;
  view["ends_on"] = input.ends_on;
  view["published"] = input.published;
  view["orgs"] = nlohmann::json::array();
  for (const auto& d : pages.service->managed_districts(who)) {
    view["orgs"].push_back({{"value", d.id}, {"name", d.name}, {"selected", d.id == input.org_id}});
  }
  view["statuses"] = nlohmann::json::array();
  for (const auto& s : plan_statuses()) {
    view["statuses"].push_back(
        {{"value", s}, {"key", "planning.plan.plan_status." + s}, {"selected", s == input.status}});
  }
  std::string_view title_key = view.value("editing", false) ? "planning.plan.form.edit_title"
                                                            : "planning.plan.form.new_title";
  return plan_page(request, "plan_form", title_key, std::move(view), status);
}

http::Response new_plan(const PlanPages& pages, http::Request& request,
                        const auth::Principal& who) {
  PlanInput input;
  input.status = "draft";
  auto districts = pages.service->managed_districts(who);
  if (!districts.empty()) input.org_id = districts.front().id;
  return plan_form(pages, request, who, input, "/planning/plans", nlohmann::json::object());
}

http::Response create_plan(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  auto input = plan_input(request);
  try {
    auto id =
        pages.service->create_plan(who, input, audit::event_for(request, "planning.plan.create"));
    return http::Response::redirect(plan_href(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view = nlohmann::json::object();
    add_problems(view, invalid.problems());
    return plan_form(pages, request, who, input, "/planning/plans", std::move(view), 422);
  }
}

http::Response edit_plan(const PlanPages& pages, http::Request& request,
                         const auth::Principal& who) {
  auto p = pages.service->plan_to_manage(who, request.param("plan")).plan;
  PlanInput input{p.title, p.summary, p.org_id, p.starts_on, p.ends_on, p.status, p.published};
  nlohmann::json view = {{"editing", true}, {"title_detail", p.title}, {"cancel", plan_href(p.id)}};
  return plan_form(pages, request, who, input, plan_href(p.id), std::move(view));
}

http::Response update_plan(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  const auto& id = request.param("plan");
  auto input = plan_input(request);
  try {
    pages.service->update_plan(who, id, input, audit::event_for(request, "planning.plan.update"));
    return http::Response::redirect(plan_href(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"editing", true}, {"cancel", plan_href(id)}};
    add_problems(view, invalid.problems());
    return plan_form(pages, request, who, input, plan_href(id), std::move(view), 422);
  }
}

http::Response confirm_delete_plan(const PlanPages& pages, http::Request& request,
                                   const auth::Principal& who) {
  auto p = pages.service->plan_to_manage(who, request.param("plan")).plan;
  nlohmann::json view = {{"what_key", "planning.plan.delete.plan"},
                         {"name", p.title},
                         {"action", plan_href(p.id) + "/delete"},
                         {"cancel", plan_href(p.id)},
                         {"title_detail", p.title}};
  return plan_page(request, "confirm", "planning.plan.delete.title", std::move(view));
}

http::Response delete_plan(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  pages.service->delete_plan(who, request.param("plan"),
                             audit::event_for(request, "planning.plan.delete"));
  return http::Response::redirect("/planning");
}

// ---- The outline -------------------------------------------------------------------------------

nlohmann::json measure_json(const Measure& m, const RowWords& words, const http::Request& request) {
  auto standing = std::string(standing_key(track(m, words.today).standing));
  return {{"name", m.name},
          {"standing_label", web::translate(request, "planning.plan.standing." + standing)},
          {"href", "/planning/measures/" + http::url_encode(m.id)},
          {"standing", standing},
          {"standing_key", "planning.plan.standing." + standing}};
}

nlohmann::json goal_json(const Goal& g, const std::vector<plandb::Indicator>& indicators,
                         const std::map<std::string, std::string>& titles, const RowWords& words,
                         const http::Request& request) {
  std::int64_t total = 0;
  auto strategies = nlohmann::json::array();
  for (const auto& s : g.strategies) {
    auto actions = nlohmann::json::array();
    for (const auto& a : s.actions) {
      total += a.budget_cents;
      auto row = action_json(a, words);
      auto deps = nlohmann::json::array();
      for (const auto& on : a.depends_on) {
        auto t = titles.find(on);
        deps.push_back({{"anchor", "#a-" + on}, {"title", t == titles.end() ? on : t->second}});
      }
      row["depends_on"] = deps;
      row["has_depends_on"] = !deps.empty();
      actions.push_back(std::move(row));
    }
    auto caption =
        web::translate(request, "planning.plan.outline.actions_of", {{"strategy", s.title}});
    strategies.push_back(
        {{"id", s.id},
         {"caption", caption},
         {"title", s.title},
         {"description", s.description},
         {"has_description", !s.description.empty()},
         {"actions", actions},
         {"has_actions", !actions.empty()},
         {"edit_href", "/planning/strategies/" + http::url_encode(s.id) + "/edit"},
         {"delete_href", "/planning/strategies/" + http::url_encode(s.id) + "/delete"},
         {"add_action_href", "/planning/strategies/" + http::url_encode(s.id) + "/actions/new"}});
  }
  auto inds = nlohmann::json::array();
  for (const auto& i : indicators) {
    inds.push_back({{"code", i.code},
                    {"statement", i.statement},
                    {"href", "/frameworks/items/" + http::url_encode(i.id)}});
  }
  auto measures = nlohmann::json::array();
  for (const auto& m : g.measures) measures.push_back(measure_json(m, words, request));
  auto goal_href = "/planning/goals/" + http::url_encode(g.id);
  return {{"id", g.id},
          {"code", g.code},
          {"title", g.title},
          {"description", g.description},
          {"has_description", !g.description.empty()},
          {"indicators", inds},
          {"has_indicators", !inds.empty()},
          {"measures", measures},
          {"has_measures", !measures.empty()},
          {"strategies", strategies},
          {"has_strategies", !strategies.empty()},
          {"budget", format_dollars(total)},
          {"edit_href", goal_href + "/edit"},
          {"delete_href", goal_href + "/delete"},
          {"add_strategy_href", goal_href + "/strategies/new"}};
}

http::Response show_plan(const PlanPages& pages, http::Request& request,
                         const auth::Principal& who) {
  auto view_model = pages.service->plan(who, request.param("plan"));
  const auto& p = view_model.plan;
  auto words = row_words(request);
  std::map<std::string, std::string> titles;
  std::map<std::string, std::int64_t> by_source;
  std::int64_t total = 0, unfunded = 0;
  for (const auto& g : p.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        titles[a.id] = a.title;
        total += a.budget_cents;
        if (a.funding_source_name.empty()) {
          unfunded += a.budget_cents;
        } else {
          by_source[a.funding_source_name] += a.budget_cents;
        }
      }
    }
  }
  static const std::vector<plandb::Indicator> kNone;
  auto goals = nlohmann::json::array();
  for (const auto& g : p.goals) {
    auto it = view_model.indicators.find(g.id);
    goals.push_back(goal_json(g, it == view_model.indicators.end() ? kNone : it->second, titles,
                              words, request));
  }
  auto sources = nlohmann::json::array();
  for (const auto& [name, cents] : by_source) {
    sources.push_back({{"name", name}, {"budget", format_dollars(cents)}});
  }
  auto href = plan_href(p.id);
  nlohmann::json view = {{"plan",
                          {{"title", p.title},
                           {"summary", p.summary},
                           {"has_summary", !p.summary.empty()},
                           {"org_name", p.org_name},
                           {"starts_on", p.starts_on},
                           {"ends_on", p.ends_on},
                           {"status_key", "planning.plan.plan_status." + p.status},
                           {"published", p.published},
                           {"public_href", "/plans/" + http::url_encode(p.id)}}},
                         {"goals", goals},
                         {"has_goals", !goals.empty()},
                         {"sources", sources},
                         {"has_unfunded", unfunded > 0},
                         {"unfunded", format_dollars(unfunded)},
                         {"total", format_dollars(total)},
                         {"can_manage", view_model.may_manage},
                         {"timeline_href", href + "/timeline"},
                         {"board_href", href + "/board"},
                         {"measures_href", href + "/measures"},
                         {"reviews_href", href + "/reviews"},
                         {"history_href", href + "/history"},
                         {"schools_href", href + "/schools"},
                         {"report_href", href + "/report"},
                         {"export_href", href + "/export"},
                         {"edit_href", href + "/edit"},
                         {"delete_href", href + "/delete"},
                         {"add_goal_href", href + "/goals/new"},
                         {"title_detail", p.title}};
  // Words every goal and strategy repeats, translated once.
  auto& w = view["w"];
  for (const auto* key :
       {"action", "owner", "dates", "status", "budget", "funding", "depends_on"}) {
    w[key] = web::translate(request, std::string("planning.plan.column.") + key);
  }
  for (const auto* key : {"edit_strategy", "add_action", "delete_strategy", "add_strategy", "none",
                          "indicators", "measures", "goal_budget"}) {
    w[key] = web::translate(request, std::string("planning.plan.outline.") + key);
  }
  return plan_page(request, "plan", "planning.plan.outline.title", std::move(view));
}

}  // namespace

void register_record_types(frameworks::Alignments& alignments) {
  alignments.add_subject_type(
      {.name = std::string(kGoalType),
       .describe = [](store::Tx& tx, const std::string& id,
                      const auth::Principal* who) -> std::optional<frameworks::AlignedRecord> {
         // Staff who may read the plan (planning.view's roles at its district, above it or at a
         // school under it); the public plan page shows its goals its own way.
         if (!who) return std::nullopt;
         auto row = tx.query_one(
             "SELECT g.code, g.title, g.plan_id, p.org_id FROM planning_goals g JOIN "
             "planning_plans p ON p.id = g.plan_id WHERE g.id = :id",
             {{"id", id}});
         if (!row) return std::nullopt;
         auto org = row->text("org_id");
         bool reads = who->administrator;
         for (const auto& grant : who->grants) {
           if (reads) break;
           bool staff = grant.role != auth::Role::kGuardian && grant.role != auth::Role::kStudent;
           reads = staff &&
                   (plandb::within(tx, org, grant.org_id) || plandb::within(tx, grant.org_id, org));
         }
         if (!reads) return std::nullopt;
         return frameworks::AlignedRecord{std::string(kGoalType), id,
                                          row->text("code") + " " + row->text("title"),
                                          plan_href(row->text("plan_id")) + "#g-" + id};
       },
       // The same people who may manage the plan: planning.manage's roles at its district or
       // above (the policy cannot be reached from here; this mirrors it).
       .may_align =
           [](store::Tx& tx, const std::string& id, const auth::Principal& who) {
             auto owner = plandb::plan_of_goal(tx, id);
             if (!owner) return false;
             if (who.administrator) return true;
             for (const auto& grant : who.grants) {
               bool manages = grant.role == auth::Role::kDistrictLeader ||
                              grant.role == auth::Role::kTechnologyDirector;
               if (manages && plandb::within(tx, owner->org_id, grant.org_id)) return true;
             }
             return false;
           }});
}

void add_plan_pages(http::Router& router, const AppContext& context,
                    const frameworks::Alignments& alignments) {
  PlanPages pages{context, std::make_shared<PlanService>(context.db, context.policy, alignments)};
  // Reading: any signed-in person; the service checks planning.view at the plan's district (or
  // a school under it). Changing: planning.manage at district level, and the service checks it
  // at the plan's district.
  auto view = plan_reader(pages.context.policy);
  auto manage = http::Access::to("planning.manage");
  add_route(router, pages, "GET", "/planning", view, home);
  add_route(router, pages, "GET", "/planning/my-actions", view, my_actions);
  add_route(router, pages, "GET", "/planning/plans/new", manage, new_plan);
  add_route(router, pages, "POST", "/planning/plans", manage, create_plan);
  add_route(router, pages, "GET", "/planning/plans/{plan}", view, show_plan);
  add_route(router, pages, "GET", "/planning/plans/{plan}/edit", manage, edit_plan);
  add_route(router, pages, "POST", "/planning/plans/{plan}", manage, update_plan);
  add_route(router, pages, "GET", "/planning/plans/{plan}/delete", manage, confirm_delete_plan);
  add_route(router, pages, "POST", "/planning/plans/{plan}/delete", manage, delete_plan);
  add_edit_pages(router, pages);
  add_view_pages(router, pages);
}

}  // namespace lodestar::planning
