// Coaching pages:
//   /coaching                                  the person's caseload: schools and latest logs
//   /coaching/coverage                         the district's view: coaches and coaching by school
//   /coaching/schools/{school}                 a school's coaching logs
//   /coaching/schools/{school}/logs/new, POST  writing a log; …/logs/{log}/edit, POST, delete
// Reading needs coaching.view (at the school, or district-wide for coverage); writing needs
// coaching.log at the school, and the service lets only the log's coach (or a district coaching
// lead) change it.
#include <memory>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "learning/coaching/service.h"
#include "learning/routes.h"
#include "planning/model.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/view.h"

namespace lodestar::learning::coaching {
namespace {

struct CoachingPages {
  const AppContext& context;
  std::shared_ptr<CoachingService> service;
};

using CoachingHandler = http::Response (*)(const CoachingPages&, http::Request&);

std::string hours_text(std::int64_t minutes) {
  return fmt::format("{:.1f}", static_cast<double>(minutes) / 60.0);
}

std::string school_logs_href(const std::string& school_id) {
  return "/coaching/schools/" + http::url_encode(school_id);
}

http::Response coaching_view(const http::Request& request, std::string_view name,
                             std::string_view title_key, nlohmann::json view, int status = 200) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  return web::render_page(request, "learning/coaching/" + std::string(name), title_key,
                          std::move(view), status);
}

nlohmann::json log_row(const LogView& v) {
  const auto& l = v.log;
  auto people = nlohmann::json::array();
  for (const auto& p : l.people) people.push_back(p.name);
  std::string names;
  for (const auto& p : l.people) names += (names.empty() ? "" : ", ") + p.name;
  return {
      {"id", l.id},
      {"held_on", l.held_on},
      {"school_name", l.school_name},
      {"school_href", school_logs_href(l.school_id)},
      {"coach", l.coach_name},
      {"activity_key", "learning.coaching.activity." + l.activity},
      {"minutes", l.minutes},
      {"has_focus", !l.focus_item_id.empty()},
      {"focus_code", l.focus_code},
      {"focus_statement", l.focus_statement},
      {"people", names},
      {"people_count", l.people.size()},
      {"has_people", !l.people.empty()},
      {"notes_visible", v.notes_visible},
      {"notes", l.notes},
      {"has_notes", !l.notes.empty()},
      {"next_steps", l.next_steps},
      {"has_next_steps", !l.next_steps.empty()},
      {"may_change", v.may_change},
      {"edit_href", school_logs_href(l.school_id) + "/logs/" + http::url_encode(l.id) + "/edit"}};
}

http::Response caseload_page(const CoachingPages& pages, http::Request& request) {
  auto c = pages.service->caseload(auth::signed_in(request));
  auto schools = nlohmann::json::array();
  for (const auto& s : c.schools) {
    schools.push_back(
        {{"name", s.name},
         {"href", school_logs_href(s.id)},
         {"new_href", school_logs_href(s.id) + "/logs/new"},
         {"may_log", pages.context.policy.can(auth::signed_in(request), "coaching.log", s.id)}});
  }
  auto recent = nlohmann::json::array();
  for (const auto& v : c.recent) recent.push_back(log_row(v));
  nlohmann::json view = {{"schools", schools},
                         {"has_schools", !schools.empty()},
                         {"recent", recent},
                         {"has_recent", !recent.empty()},
                         {"sees_coverage", c.sees_coverage}};
  return coaching_view(request, "caseload", "learning.coaching.caseload.title", std::move(view));
}

http::Response coverage_page(const CoachingPages& pages, http::Request& request) {
  auto c = pages.service->coverage(planning::today());
  auto rows = nlohmann::json::array();
  for (const auto& s : c.schools) {
    std::string coaches;
    for (const auto& name : s.activity.coaches) coaches += (coaches.empty() ? "" : ", ") + name;
    rows.push_back({{"name", s.activity.school_name},
                    {"href", school_logs_href(s.activity.school_id)},
                    {"coaches", coaches},
                    {"no_coach", s.no_coach},
                    {"sessions", s.activity.sessions},
                    {"hours", hours_text(s.activity.minutes)},
                    {"educators_shown", s.educators.has_value()},
                    {"educators", s.educators.value_or(0)},
                    {"last_on", s.activity.last_on},
                    {"never", s.activity.last_on.empty()},
                    {"stale", s.stale}});
  }
  nlohmann::json view = {
      {"schools", rows},        {"without_coach", c.without_coach}, {"stale", c.stale},
      {"sessions", c.sessions}, {"hours", hours_text(c.minutes)},   {"days", kStaleDays}};
  return coaching_view(request, "coverage", "learning.coaching.coverage.title", std::move(view));
}

http::Response school_page(const CoachingPages& pages, http::Request& request) {
  auto s = pages.service->school(auth::signed_in(request), request.param("school"));
  auto logs = nlohmann::json::array();
  for (const auto& v : s.logs) logs.push_back(log_row(v));
  nlohmann::json view = {{"school", s.school.name},
                         {"logs", logs},
                         {"has_logs", !logs.empty()},
                         {"may_log", s.may_log},
                         {"new_href", school_logs_href(s.school.id) + "/logs/new"},
                         {"title_detail", s.school.name}};
  return coaching_view(request, "school", "learning.coaching.school.title", std::move(view));
}

LogInput log_input(const http::Request& request) {
  auto form = auth::request_form(request);
  LogInput in;
  in.held_on = auth::field(form, "held_on");
  in.activity = auth::field(form, "activity");
  in.minutes = auth::field(form, "minutes");
  in.focus_item_id = auth::field(form, "focus_item_id");
  in.notes = auth::field(form, "notes");
  in.next_steps = auth::field(form, "next_steps");
  in.people = auth::field_values(request, "people");
  return in;
}

http::Response log_form(const CoachingPages& pages, const http::Request& request,
                        const LogInput& in, const std::string& log_id, nlohmann::json view,
                        int status = 200) {
  const auto& school_id = request.param("school");
  auto s = pages.service->school(auth::signed_in(request), school_id);
  auto base = school_logs_href(school_id);
  view["school"] = s.school.name;
  view["school_href"] = base;
  view["editing"] = !log_id.empty();
  view["action"] = log_id.empty() ? base + "/logs" : base + "/logs/" + http::url_encode(log_id);
  if (!log_id.empty())
    view["delete_action"] = base + "/logs/" + http::url_encode(log_id) + "/delete";
  view["held_on"] = in.held_on;
  view["minutes"] = in.minutes;
  view["notes"] = in.notes;
  view["next_steps"] = in.next_steps;
  auto activities_json = nlohmann::json::array();
  for (const auto& a : activities()) {
    activities_json.push_back(
        {{"value", a}, {"key", "learning.coaching.activity." + a}, {"selected", a == in.activity}});
  }
  view["activities"] = activities_json;
  std::set<std::string> picked(in.people.begin(), in.people.end());
  auto people = nlohmann::json::array();
  for (const auto& p : pages.service->staff(school_id)) {
    people.push_back({{"id", p.id}, {"name", p.name}, {"checked", picked.contains(p.id)}});
  }
  view["people"] = people;
  view["has_people"] = !people.empty();
  auto groups = nlohmann::json::array();
  for (const auto& g : pages.service->focus_choices()) {
    auto items = nlohmann::json::array();
    for (const auto& i : g.items) {
      items.push_back({{"id", i.id}, {"label", i.name}, {"selected", i.id == in.focus_item_id}});
    }
    groups.push_back({{"framework", g.framework}, {"items", items}});
  }
  view["focus_groups"] = groups;
  view["no_focus"] = in.focus_item_id.empty();
  view["title_detail"] = s.school.name;
  return coaching_view(request, "log_form", "learning.coaching.form.title", std::move(view),
                       status);
}

void add_log_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  for (auto& error : view["errors"]) {
    error["label_key"] = "learning.coaching.label." + error.value("field", std::string());
  }
}

http::Response new_log_page(const CoachingPages& pages, http::Request& request) {
  LogInput in;
  in.held_on = planning::today();
  in.activity = "classroom_visit";
  in.minutes = "45";
  return log_form(pages, request, in, {}, nlohmann::json::object());
}

http::Response edit_log_page(const CoachingPages& pages, http::Request& request) {
  auto log = pages.service->log_to_change(auth::signed_in(request), request.param("school"),
                                          request.param("log"));
  LogInput in{log.held_on,
              log.activity,
              std::to_string(log.minutes),
              log.focus_item_id,
              log.notes,
              log.next_steps,
              {}};
  for (const auto& p : log.people) in.people.push_back(p.id);
  return log_form(pages, request, in, log.id, nlohmann::json::object());
}

http::Response save_log(const CoachingPages& pages, http::Request& request, bool creating) {
  const auto& who = auth::signed_in(request);
  const auto& school = request.param("school");
  auto in = log_input(request);
  try {
    if (creating) {
      pages.service->create(who, school, in,
                            audit::event_for(request, "learning.coaching_log.create"));
    } else {
      pages.service->update(who, school, request.param("log"), in,
                            audit::event_for(request, "learning.coaching_log.update"));
    }
    return http::Response::redirect(school_logs_href(school));
  } catch (const Invalid& invalid) {
    nlohmann::json view = nlohmann::json::object();
    add_log_problems(view, invalid.problems());
    return log_form(pages, request, in, creating ? std::string() : request.param("log"),
                    std::move(view), 422);
  }
}

http::Response delete_log_route(const CoachingPages& pages, http::Request& request) {
  pages.service->remove(auth::signed_in(request), request.param("school"), request.param("log"),
                        audit::event_for(request, "learning.coaching_log.delete"));
  return http::Response::redirect(school_logs_href(request.param("school")));
}

void add_coaching_route(http::Router& router, const CoachingPages& pages, std::string method,
                        std::string pattern, http::Access access, CoachingHandler handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
              .access = std::move(access)});
}

}  // namespace

void add_coaching_routes(http::Router& router, const AppContext& context) {
  CoachingPages pages{context, std::make_shared<CoachingService>(context.db, context.policy)};
  const auth::Policy* policy = &context.policy;
  // Anyone who reads coaching somewhere has a caseload page (a coach's schools, a principal's).
  http::OrgResolver somewhere = [policy](const http::Request& r) -> std::optional<std::string> {
    if (!r.principal) return std::nullopt;
    auto scopes = policy->scopes(*r.principal, "coaching.view");
    if (scopes.empty()) return std::nullopt;
    return scopes.front();
  };
  auto at_school = http::org_from_param("school");
  auto write = http::Access::to("coaching.log", at_school);
  const std::string base = "/coaching/schools/{school}";
  auto route = [&](std::string method, std::string pattern, http::Access access,
                   CoachingHandler handler) {
    add_coaching_route(router, pages, std::move(method), std::move(pattern), std::move(access),
                       handler);
  };
  route("GET", "/coaching", http::Access::to("coaching.view", somewhere), caseload_page);
  route("GET", "/coaching/coverage", http::Access::to("coaching.view"), coverage_page);
  route("GET", base, http::Access::to("coaching.view", at_school), school_page);
  route("GET", base + "/logs/new", write, new_log_page);
  route("POST", base + "/logs", write,
        [](const CoachingPages& p, http::Request& r) { return save_log(p, r, true); });
  route("GET", base + "/logs/{log}/edit", write, edit_log_page);
  route("POST", base + "/logs/{log}", write,
        [](const CoachingPages& p, http::Request& r) { return save_log(p, r, false); });
  route("POST", base + "/logs/{log}/delete", write, delete_log_route);
}

}  // namespace lodestar::learning::coaching

namespace lodestar::learning {

void add_coaching_pages(http::Router& router, const AppContext& context) {
  coaching::add_coaching_routes(router, context);
}

}  // namespace lodestar::learning
