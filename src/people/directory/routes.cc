#include "people/directory/routes.h"

#include "people/directory/directory.h"
#include "platform/csv.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"

namespace lodestar::people {
namespace {

nlohmann::json count_json(const std::optional<std::int64_t>& count) {
  if (!count) return {{"suppressed", true}, {"limit", kSmallGroup}};
  return {{"value", *count}};
}

nlohmann::json summary_json(const SchoolSummary& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"href", "/people/schools/" + http::url_encode(s.id)},
          {"staff", s.staff},
          {"students", count_json(s.students)}};
}

}  // namespace

void add_directory_routes(http::Router& router, const AppContext& context) {
  router.add({.method = "GET",
              .pattern = "/people",
              .handler =
                  [&context](http::Request& request) {
                    auto schools = schools_for(context.db, context.policy, *request.principal);
                    nlohmann::json view = {{"schools", nlohmann::json::array()},
                                           {"has_schools", !schools.empty()},
                                           {"small_group", kSmallGroup}};
                    for (const auto& s : schools) view["schools"].push_back(summary_json(s));
                    return web::render_page(request, "people/directory/schools", "people.title",
                                            view);
                  },
              .access = http::Access::signed_in()});

  router.add(
      {.method = "GET",
       .pattern = "/people.csv",
       .handler =
           [&context](http::Request& request) {
             const auto& catalog = web::Catalog::builtin();
             auto lang = web::choose_language(request);
             std::string out = csv::row({"sourced_id", "school", "staff", "students"});
             for (const auto& s : schools_for(context.db, context.policy, *request.principal)) {
               // A suppressed count stays suppressed in the file.
               auto students = s.students
                                   ? std::to_string(*s.students)
                                   : catalog.translate(lang, "people.suppressed",
                                                       {{"limit", std::to_string(kSmallGroup)}});
               out += csv::row({s.id, s.name, std::to_string(s.staff), students});
             }
             auto response = http::Response::text(std::move(out), "text/csv; charset=utf-8");
             response.set_header("Content-Disposition", "attachment; filename=\"schools.csv\"");
             return response;
           },
       .access = http::Access::signed_in()});

  router.add({.method = "GET",
              .pattern = "/people/schools/{org}",
              .handler =
                  [&context](http::Request& request) {
                    auto found = school(context.db, request.param("org"));
                    nlohmann::json view = summary_json(found.summary);
                    view["staff_list"] = nlohmann::json::array();
                    for (const auto& m : found.staff) {
                      nlohmann::json roles = nlohmann::json::array();
                      for (const auto& r : m.roles) roles.push_back({{"key", "role." + r}});
                      view["staff_list"].push_back(
                          {{"name", m.name}, {"email", m.email}, {"roles", roles}});
                    }
                    view["classes"] = nlohmann::json::array();
                    for (const auto& c : found.classes) {
                      view["classes"].push_back({{"title", c.title},
                                                 {"teacher", c.teacher},
                                                 {"students", count_json(c.students)}});
                    }
                    view["has_classes"] = !found.classes.empty();
                    view["students_href"] =
                        "/people/schools/" + http::url_encode(found.summary.id) + "/students";
                    view["can_see_students"] =
                        context.policy.can(*request.principal, "students.view", found.summary.id);
                    return web::render_page(request, "people/directory/school",
                                            "people.school_title", view);
                  },
              .access = http::Access::to("people.view", http::org_from_param("org"))});

  router.add({.method = "GET",
              .pattern = "/people/schools/{org}/students",
              .handler =
                  [&context](http::Request& request) {
                    const auto& org = request.param("org");
                    auto found = school(context.db, org);
                    auto list = students(context.db, context.policy, request, org);
                    nlohmann::json view = {
                        {"name", found.summary.name},
                        {"school_href", "/people/schools/" + http::url_encode(org)},
                        {"students", nlohmann::json::array()},
                        {"has_students", !list.empty()}};
                    for (const auto& s : list) {
                      std::string classes;
                      for (const auto& c : s.classes) classes += (classes.empty() ? "" : "; ") + c;
                      view["students"].push_back(
                          {{"name", s.name}, {"grades", s.grades}, {"classes", classes}});
                    }
                    return web::render_page(request, "people/directory/students",
                                            "people.students_title", view);
                  },
              .access = http::Access::to("students.view", http::org_from_param("org"))});
}

}  // namespace lodestar::people
