// The review cycle: a plan's schedule and reviews, "Before the review", recording a review with
// its course corrections, a review's page, and the plan's history.
#include "planning/measures/pages.h"
#include "platform/auth/form.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"

namespace lodestar::planning::measures {
namespace {

nlohmann::json plan_json(const Plan& plan) {
  return {{"title", plan.title},
          {"href", plan_href(plan.id)},
          {"measures_href", plan_href(plan.id) + "/measures"},
          {"reviews_href", reviews_href(plan.id)},
          {"prepare_href", reviews_href(plan.id) + "/prepare"},
          {"new_href", reviews_href(plan.id) + "/new"},
          {"history_href", plan_href(plan.id) + "/history"}};
}

bool may_manage(const Pages& pages, const http::Request& request, const std::string& org) {
  return request.principal && pages.context.policy.can(*request.principal, "planning.manage", org);
}

void add_schedule(nlohmann::json& view, const MeasureService::Reviews& r) {
  view["has_schedule"] = r.schedule.has_value();
  if (r.schedule) {
    view["every_months"] = r.schedule->every_months;
    view["schedule_starts_on"] = r.schedule->starts_on;
  }
  view["next_due"] = r.next_due.value_or("");
  view["overdue"] = r.next_due && *r.next_due < planning::today();
  view["last_held"] = r.last_held.value_or("");
  view["has_last_held"] = r.last_held.has_value();
}

// A stored snapshot as the pages show it.
nlohmann::json snapshot_json(const std::string& text) {
  auto s = nlohmann::json::parse(text, nullptr, false);
  nlohmann::json out = {{"measures", nlohmann::json::array()},
                        {"actions", nlohmann::json::array()}};
  if (!s.is_object()) return out;
  for (const auto& m : s.value("measures", nlohmann::json::array())) {
    auto latest = m.value("latest", nlohmann::json());
    out["measures"].push_back(
        {{"goal", m.value("goal", "")},
         {"name", m.value("name", "")},
         {"unit", m.value("unit", "")},
         {"latest", latest.is_number() ? format_number(latest.get<double>()) : std::string()},
         {"target", format_number(m.value("target", 0.0))},
         {"target_on", m.value("target_on", "")},
         {"standing", m.value("standing", "no_data")},
         {"standing_key", "planning.measures.standing." + m.value("standing", "no_data")}});
  }
  for (const auto& status : action_statuses()) {
    auto n = s.value("actions", nlohmann::json::object()).value(status, std::int64_t{0});
    out["actions"].push_back({{"key", "planning.reviews.status." + status}, {"count", n}});
  }
  return out;
}

nlohmann::json review_json(const db::Review& r) {
  auto corrections = nlohmann::json::array();
  for (const auto& c : r.corrections) {
    auto applied = nlohmann::json::parse(c.applied, nullptr, false);
    nlohmann::json row = {{"kind_key", "planning.reviews.kind." + c.kind},
                          {"subject", c.subject_label},
                          {"has_subject", !c.subject_label.empty()},
                          {"what", c.what},
                          {"why", c.why}};
    if (applied.is_object() && applied.value("field", "") == "target") {
      row["applied_target"] = {{"from", format_number(applied["from"].value("target", 0.0))},
                               {"from_on", applied["from"].value("target_on", "")},
                               {"to", format_number(applied["to"].value("target", 0.0))},
                               {"to_on", applied["to"].value("target_on", "")}};
    } else if (applied.is_object() && applied.value("field", "") == "due_on") {
      row["applied_due"] = {{"from", applied.value("from", "")}, {"to", applied.value("to", "")}};
    } else if (applied.is_object() && applied.value("field", "") == "status") {
      row["applied_dropped"] = true;
    }
    corrections.push_back(std::move(row));
  }
  return {{"id", r.id},
          {"href", "/planning/reviews/" + http::url_encode(r.id)},
          {"held_on", r.held_on},
          {"attendees", r.attendees},
          {"decisions", r.decisions},
          {"recorded_by", r.recorded_by_name},
          {"has_corrections", !corrections.empty()},
          {"correction_count", corrections.size()},
          {"corrections", corrections},
          {"snapshot", snapshot_json(r.snapshot)}};
}

http::Response reviews_page(const Pages& pages, const http::Request& request, nlohmann::json view,
                            int status = 200) {
  auto r = pages.service->reviews(request.param("plan"));
  view["plan"] = plan_json(r.plan);
  view["title_detail"] = r.plan.title;
  add_schedule(view, r);
  if (!view.contains("every_months")) view["every_months"] = 3;
  if (!view.contains("schedule_starts_on")) view["schedule_starts_on"] = r.plan.starts_on;
  auto list = nlohmann::json::array();
  for (const auto& review : r.reviews) list.push_back(review_json(review));
  view["has_reviews"] = !list.empty();
  view["reviews"] = std::move(list);
  view["may_manage"] = may_manage(pages, request, r.plan.org_id);
  return page(request, "reviews", "planning.reviews.title", std::move(view), status);
}

http::Response set_schedule(const Pages& pages, http::Request& request) {
  auto form = auth::request_form(request);
  auto every = auth::field(form, "every_months");
  auto starts = auth::field(form, "starts_on");
  try {
    pages.service->set_schedule(request.param("plan"), every, starts,
                                audit::event_for(request, "planning.reviews.schedule"));
    return http::Response::redirect(reviews_href(request.param("plan")));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"every_months", every}, {"schedule_starts_on", starts}};
    add_problems(view, invalid.problems());
    return reviews_page(pages, request, std::move(view), 422);
  }
}

http::Response prepare_page(const Pages& pages, http::Request& request) {
  auto r = pages.service->reviews(request.param("plan"));
  auto rows = nlohmann::json::array();
  for (const auto& a : pages.service->stale_actions(r.plan.id)) {
    rows.push_back({{"title", a.title},
                    {"href", "/planning/actions/" + http::url_encode(a.id)},
                    {"goal", a.goal_code},
                    {"owner", a.owner_name},
                    {"has_owner", !a.owner_name.empty()},
                    {"status_key", "planning.reviews.status." + a.status},
                    {"due_on", a.due_on},
                    {"updated_on", a.updated_at.substr(0, 10)}});
  }
  nlohmann::json view = {{"plan", plan_json(r.plan)},
                         {"title_detail", r.plan.title},
                         {"has_actions", !rows.empty()},
                         {"actions", rows},
                         {"action_count", rows.size()}};
  add_schedule(view, r);
  return page(request, "prepare", "planning.reviews.prepare.title", std::move(view));
}

CorrectionInput correction_input(const auth::Form& form, std::size_t i) {
  auto f = [&](const char* name) {
    return auth::field(form, "c" + std::to_string(i) + "_" + name);
  };
  return {f("kind"),       f("subject"),       f("what"),      f("why"),
          f("new_target"), f("new_target_on"), f("new_due_on")};
}

ReviewInput review_input(const http::Request& request) {
  auto form = auth::request_form(request);
  ReviewInput in{auth::field(form, "held_on"),
                 auth::field(form, "attendees"),
                 auth::field(form, "decisions"),
                 {}};
  for (std::size_t i = 1; i <= kCorrectionRows; ++i)
    in.corrections.push_back(correction_input(form, i));
  return in;
}

// The form's course-correction rows with their subjects (goals, measures, action steps) and
// their errors from `view`.
nlohmann::json correction_rows(const Plan& plan, const ReviewInput& in,
                               const nlohmann::json& view) {
  auto rows = nlohmann::json::array();
  for (std::size_t i = 1; i <= kCorrectionRows; ++i) {
    const auto& c = in.corrections.size() >= i ? in.corrections[i - 1] : CorrectionInput{};
    auto prefix = "c" + std::to_string(i) + "_";
    nlohmann::json row = {{"n", i},
                          {"what", c.what},
                          {"why", c.why},
                          {"new_target", c.new_target},
                          {"new_target_on", c.new_target_on},
                          {"new_due_on", c.new_due_on},
                          {"plan_selected", c.subject.empty()}};
    for (const char* f :
         {"kind", "subject", "what", "why", "new_target", "new_target_on", "new_due_on"}) {
      auto key = prefix + f + "_error";
      if (view.contains(key)) row[std::string(f) + "_error"] = view[key];
    }
    row["kinds"] = nlohmann::json::array();
    for (const auto& k : correction_kinds()) {
      row["kinds"].push_back(
          {{"value", k}, {"key", "planning.reviews.kind." + k}, {"selected", k == c.kind}});
    }
    auto goals = nlohmann::json::array(), measures = nlohmann::json::array(),
         actions = nlohmann::json::array();
    for (const auto& g : plan.goals) {
      auto option = [&](const std::string& value, const std::string& label) {
        return nlohmann::json{{"value", value}, {"label", label}, {"selected", value == c.subject}};
      };
      goals.push_back(option("goal:" + g.id, g.code + " · " + g.title));
      for (const auto& m : g.measures) {
        measures.push_back(option("measure:" + m.id, g.code + " · " + m.name));
      }
      for (const auto& s : g.strategies) {
        for (const auto& a : s.actions) {
          actions.push_back(
              option("action:" + a.id, g.code + " · " + a.title + " (" + a.due_on + ")"));
        }
      }
    }
    row["goals"] = goals;
    row["measures"] = measures;
    row["actions"] = actions;
    rows.push_back(std::move(row));
  }
  return rows;
}

http::Response new_review_page(const Pages& pages, const http::Request& request,
                               const ReviewInput& in, nlohmann::json view, int status = 200) {
  auto plan = pages.service->plan(request.param("plan"));
  auto r = pages.service->reviews(plan.id);
  add_schedule(view, r);
  view["plan"] = plan_json(plan);
  view["title_detail"] = plan.title;
  view["action"] = reviews_href(plan.id);
  view["held_on"] = in.held_on.empty() ? planning::today() : in.held_on;
  view["attendees"] = in.attendees;
  view["decisions"] = in.decisions;
  view["corrections"] = correction_rows(plan, in, view);
  auto today = planning::today();
  auto standings = nlohmann::json::array();
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) {
      auto t = track(m, today);
      standings.push_back({{"goal", g.code},
                           {"name", m.name},
                           {"latest", t.latest ? format_number(*t.latest) : std::string()},
                           {"unit", m.unit},
                           {"target", format_number(m.target)},
                           {"target_on", m.target_on},
                           {"standing", standing_key(t.standing)},
                           {"standing_key", "planning.measures.standing." +
                                                std::string(standing_key(t.standing))}});
    }
  }
  view["standings"] = std::move(standings);
  return page(request, "review_form", "planning.reviews.new.title", std::move(view), status);
}

http::Response record(const Pages& pages, http::Request& request) {
  auto in = review_input(request);
  try {
    auto id = pages.service->record_review(request.param("plan"), in, person_of(request),
                                           audit::event_for(request, "planning.review.create"));
    return http::Response::redirect("/planning/reviews/" + http::url_encode(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return new_review_page(pages, request, in, std::move(view), 422);
  }
}

http::Response review_page(const Pages& pages, http::Request& request) {
  auto review = pages.service->review(request.param("review"));
  auto plan = pages.service->reviews(review.plan_id).plan;
  nlohmann::json view = {
      {"plan", plan_json(plan)}, {"review", review_json(review)}, {"title_detail", review.held_on}};
  return page(request, "review", "planning.reviews.review.title", std::move(view));
}

http::Response history_page(const Pages& pages, http::Request& request) {
  auto r = pages.service->reviews(request.param("plan"));
  auto list = nlohmann::json::array();
  for (const auto& review : r.reviews) list.push_back(review_json(review));
  nlohmann::json view = {{"plan", plan_json(r.plan)},
                         {"title_detail", r.plan.title},
                         {"has_reviews", !list.empty()},
                         {"reviews", list}};
  return page(request, "history", "planning.reviews.history.title", std::move(view));
}

}  // namespace

void add_review_routes(http::Router& router, const Pages& pages) {
  auto route = [&](std::string method, std::string pattern, http::Access access, Handler handler) {
    add_route(router, pages, std::move(method), std::move(pattern), std::move(access), handler);
  };
  auto view_plan = access(pages, "planning.view", "plan", "plan");
  auto manage_plan = access(pages, "planning.manage", "plan", "plan");
  route("GET", "/planning/plans/{plan}/reviews", view_plan, [](const Pages& p, http::Request& r) {
    return reviews_page(p, r, nlohmann::json::object());
  });
  route("POST", "/planning/plans/{plan}/reviews/schedule", manage_plan, set_schedule);
  route("GET", "/planning/plans/{plan}/reviews/prepare", view_plan, prepare_page);
  route("GET", "/planning/plans/{plan}/reviews/new", manage_plan,
        [](const Pages& p, http::Request& r) {
          return new_review_page(p, r, ReviewInput{}, nlohmann::json::object());
        });
  route("POST", "/planning/plans/{plan}/reviews", manage_plan, record);
  route("GET", "/planning/reviews/{review}", access(pages, "planning.view", "review", "review"),
        review_page);
  route("GET", "/planning/plans/{plan}/history", view_plan, history_page);
}

}  // namespace lodestar::planning::measures
