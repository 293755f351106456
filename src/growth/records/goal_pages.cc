// /growth/goals, /growth/goals/{goal} (with its steps and comments) and /growth/coaching.
#include "growth/records/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/http/dispatcher.h"

namespace lodestar::growth::records {
namespace {

std::string goal_href(const std::string& id) {
  return "/growth/goals/" + http::url_encode(id);
}

GoalInput goal_input(const http::Request& request) {
  auto form = auth::request_form(request);
  GoalInput input;
  input.title = auth::field(form, "title");
  input.specific = auth::field(form, "specific");
  input.measurable = auth::field(form, "measurable");
  input.achievable = auth::field(form, "achievable");
  input.relevant = auth::field(form, "relevant");
  input.due_on = auth::field(form, "due_on");
  input.status = auth::field(form, "status");
  input.coach_id = auth::field(form, "coach");
  input.indicators = form_list(request, "indicator");
  return input;
}

GoalInput input_of(const db::GoalRow& row, const std::vector<AlignedIndicator>& indicators) {
  GoalInput input{row.title,      row.specific, row.measurable,
                  row.achievable, row.relevant, row.due_on,
                  row.status,     row.coach_id, {}};
  for (const auto& i : indicators) input.indicators.push_back(i.id);
  return input;
}

// The form's fields, filled from `input`; `action` is where it posts.
nlohmann::json goal_form(const Pages& pages, const auth::Principal& who, const GoalInput& input,
                         const std::string& action, std::string_view submit_key) {
  nlohmann::json form = {{"action", action},
                         {"submit_key", submit_key},
                         {"title", input.title},
                         {"specific", input.specific},
                         {"measurable", input.measurable},
                         {"achievable", input.achievable},
                         {"relevant", input.relevant},
                         {"due_on", input.due_on}};
  form["statuses"] = nlohmann::json::array();
  for (const auto& s : goal_statuses()) {
    form["statuses"].push_back(
        {{"value", s}, {"key", "records.status." + s}, {"selected", s == input.status}});
  }
  form["coaches"] = people_options(pages.records->coach_choices(who), input.coach_id);
  add_indicator_choices(form, pages.records->indicator_choices(), input.indicators);
  return form;
}

nlohmann::json goal_summary_json(const GoalSummary& goal) {
  return {{"href", goal_href(goal.row.id)},
          {"title", goal.row.title},
          {"owner", goal.row.owner_name},
          {"status_key", "records.status." + goal.row.status},
          {"due_on", goal.row.due_on},
          {"coach", goal.row.coach_name},
          {"has_coach", !goal.row.coach_id.empty()},
          {"steps", goal.row.steps},
          {"steps_done", goal.row.steps_done},
          {"indicators", indicators_json(goal.indicators)}};
}

http::Response goals_page(const Pages& pages, const http::Request& request,
                          const auth::Principal& who, nlohmann::json view,
                          const GoalInput& input = {}, int status = 200) {
  auto goals = nlohmann::json::array();
  for (const auto& goal : pages.records->goals(who)) goals.push_back(goal_summary_json(goal));
  view["has_goals"] = !goals.empty();
  view["goals"] = std::move(goals);
  view["form"] = goal_form(pages, who, input, "/growth/goals", "records.goal.create");
  return page(request, "goals", "records.goals.title", std::move(view), status);
}

// The goal as the page shows it: its SMART parts, indicators, steps and comments.
void add_goal(nlohmann::json& view, const Goal& goal, const std::string& href) {
  const auto& row = goal.row;
  view["goal"] = goal_summary_json({row, goal.indicators});
  for (const auto& [key, value] : {std::pair{"specific", row.specific},
                                   {"measurable", row.measurable},
                                   {"achievable", row.achievable},
                                   {"relevant", row.relevant}}) {
    view["goal"][key] = value;
  }
  view["goal"]["has_achievable"] = !row.achievable.empty();
  view["goal"]["has_relevant"] = !row.relevant.empty();
  view["goal"]["has_indicators"] = !goal.indicators.empty();
  auto steps = nlohmann::json::array();
  for (const auto& s : goal.steps) {
    steps.push_back({{"description", s.description},
                     {"due_on", s.due_on},
                     {"done", !s.done_at.empty()},
                     {"done_on", day_of(s.done_at)},
                     {"action", href + "/steps/" + http::url_encode(s.id)}});
  }
  view["has_steps"] = !steps.empty();
  view["steps"] = std::move(steps);
  auto comments = nlohmann::json::array();
  for (const auto& c : goal.comments) {
    comments.push_back({{"author", c.author_name}, {"body", c.body}, {"on", day_of(c.created_at)}});
  }
  view["has_comments"] = !comments.empty();
  view["comments"] = std::move(comments);
}

// The owner sees the forms to change it; the coach reads and comments. `kept`: the edit form's
// input when it came back with problems.
http::Response goal_page(const Pages& pages, const http::Request& request,
                         const auth::Principal& who, nlohmann::json view,
                         const GoalInput* kept = nullptr, int status = 200) {
  const auto& id = request.param("goal");
  auto goal = pages.records->goal(who, id);
  auto href = goal_href(id);
  add_goal(view, goal, href);
  view["may_edit"] = goal.may_edit;
  view["is_coach"] = !goal.may_edit;
  view["steps_action"] = href + "/steps";
  view["comments_action"] = href + "/comments";
  if (goal.may_edit) {
    auto input = kept ? *kept : input_of(goal.row, goal.indicators);
    view["editing"] = kept != nullptr;  // the edit form came back with its problems: open it
    view["form"] = goal_form(pages, who, input, href, "records.goal.save");
  }
  view["title_detail"] = goal.row.title;
  return page(request, "goal", "records.goal.title", std::move(view), status);
}

http::Response create(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto input = goal_input(request);
  try {
    auto id =
        pages.records->create_goal(who, input, audit::event_for(request, "growth.goal.create"));
    return http::Response::redirect(goal_href(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return goals_page(pages, request, who, std::move(view), input, 422);
  }
}

http::Response update(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto input = goal_input(request);
  try {
    pages.records->update_goal(who, request.param("goal"), input,
                               audit::event_for(request, "growth.goal.update"));
    return http::Response::redirect(goal_href(request.param("goal")));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return goal_page(pages, request, who, std::move(view), &input, 422);
  }
}

http::Response add_step(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto form = auth::request_form(request);
  StepInput input{auth::field(form, "step_description"), auth::field(form, "step_due_on")};
  try {
    pages.records->add_step(who, request.param("goal"), input,
                            audit::event_for(request, "growth.goal.step_add"));
    return http::Response::redirect(goal_href(request.param("goal")) + "#steps");
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"step_description", input.description}, {"step_due_on", input.due_on}};
    add_problems(view, invalid.problems());
    return goal_page(pages, request, who, std::move(view), nullptr, 422);
  }
}

http::Response mark_step(const Pages& pages, http::Request& request, const auth::Principal& who) {
  bool done = auth::field(auth::request_form(request), "done") == "true";
  pages.records->set_step_done(who, request.param("goal"), request.param("step"), done,
                               audit::event_for(request, "growth.goal.step_done"));
  return http::Response::redirect(goal_href(request.param("goal")) + "#steps");
}

http::Response add_comment(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto body = auth::field(auth::request_form(request), "comment");
  try {
    pages.records->comment(who, request.param("goal"), body,
                           audit::event_for(request, "growth.goal.comment"));
    return http::Response::redirect(goal_href(request.param("goal")) + "#comments");
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"comment", body}};
    add_problems(view, invalid.problems());
    return goal_page(pages, request, who, std::move(view), nullptr, 422);
  }
}

http::Response coaching_page(const Pages& pages, const http::Request& request,
                             const auth::Principal& who) {
  auto goals = nlohmann::json::array();
  for (const auto& goal : pages.records->coached_goals(who)) {
    goals.push_back(goal_summary_json(goal));
  }
  nlohmann::json view = {{"has_goals", !goals.empty()}, {"goals", goals}};
  return page(request, "coaching", "records.coaching.title", std::move(view));
}

}  // namespace

void add_goal_pages(http::Router& router, const Pages& pages) {
  auto route =
      [&](std::string method, std::string pattern,
          http::Response (*handler)(const Pages&, http::Request&, const auth::Principal&)) {
        router.add(
            {.method = std::move(method),
             .pattern = std::move(pattern),
             .handler = for_person([pages, handler](http::Request& r, const auth::Principal& who) {
               return handler(pages, r, who);
             }),
             .access = http::Access::signed_in()});
      };
  route("GET", "/growth/goals", [](const Pages& p, http::Request& r, const auth::Principal& who) {
    return goals_page(p, r, who, nlohmann::json::object());
  });
  route("POST", "/growth/goals", create);
  route("GET", "/growth/goals/{goal}",
        [](const Pages& p, http::Request& r, const auth::Principal& who) {
          return goal_page(p, r, who, nlohmann::json::object());
        });
  route("POST", "/growth/goals/{goal}", update);
  route("POST", "/growth/goals/{goal}/steps", add_step);
  route("POST", "/growth/goals/{goal}/steps/{step}", mark_step);
  route("POST", "/growth/goals/{goal}/comments", add_comment);
  route("GET", "/growth/coaching",
        [](const Pages& p, http::Request& r, const auth::Principal& who) {
          return coaching_page(p, r, who);
        });
}

}  // namespace lodestar::growth::records
