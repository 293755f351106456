#include "people/directory/routes.h"

#include "people/directory/directory.h"
#include "platform/csv.h"
#include "platform/http/download.h"
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

http::Response csv_download(std::string body, const std::string& filename) {
  return http::download(std::move(body), "text/csv; charset=utf-8", filename);
}

// A suppressed count stays suppressed in a download.
std::string count_cell(const http::Request& request, const std::optional<std::int64_t>& count) {
  if (count) return std::to_string(*count);
  return web::translate(request, "people.suppressed", {{"limit", std::to_string(kSmallGroup)}});
}

// A school's staff, classes and students as CSV, each with the scope of its page; the student
// list is audited as an export.
void add_school_downloads(http::Router& router, const AppContext& context) {
  router.add({.method = "GET",
              .pattern = "/people/schools/{org}/staff.csv",
              .handler =
                  [&context](http::Request& request) {
                    auto found = school(context.db, request.param("org"));
                    std::string out = csv::row({"sourced_id", "name", "email", "roles"});
                    for (const auto& m : found.staff) {
                      std::string roles;
                      for (const auto& r : m.roles) roles += (roles.empty() ? "" : "; ") + r;
                      out += csv::row({m.id, m.name, m.email, roles});
                    }
                    return csv_download(std::move(out), request.param("org") + "-staff.csv");
                  },
              .access = http::Access::to("people.view", http::org_from_param("org"))});
  router.add({.method = "GET",
              .pattern = "/people/schools/{org}/classes.csv",
              .handler =
                  [&context](http::Request& request) {
                    auto found = school(context.db, request.param("org"));
                    std::string out = csv::row({"sourced_id", "class", "teacher", "students"});
                    for (const auto& c : found.classes) {
                      out += csv::row({c.id, c.title, c.teacher, count_cell(request, c.students)});
                    }
                    return csv_download(std::move(out), request.param("org") + "-classes.csv");
                  },
              .access = http::Access::to("people.view", http::org_from_param("org"))});
  router.add({.method = "GET",
              .pattern = "/people/schools/{org}/students.csv",
              .handler =
                  [&context](http::Request& request) {
                    const auto& org = request.param("org");
                    school(context.db, org);  // NotFound for an unknown school
                    auto list =
                        students(context.db, context.policy, request, org, "students.export");
                    std::string out = csv::row({"sourced_id", "name", "grades", "classes"});
                    for (const auto& st : list) {
                      std::string classes;
                      for (const auto& c : st.classes) classes += (classes.empty() ? "" : "; ") + c;
                      out += csv::row({st.id, st.name, st.grades, classes});
                    }
                    return csv_download(std::move(out), org + "-students.csv");
                  },
              .access = http::Access::to("students.view", http::org_from_param("org"))});
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

  router.add({.method = "GET",
              .pattern = "/people.csv",
              .handler =
                  [&context](http::Request& request) {
                    std::string out = csv::row({"sourced_id", "school", "staff", "students"});
                    for (const auto& s :
                         schools_for(context.db, context.policy, *request.principal)) {
                      out += csv::row(
                          {s.id, s.name, std::to_string(s.staff), count_cell(request, s.students)});
                    }
                    return csv_download(std::move(out), "schools.csv");
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
                          {{"name", m.name},
                           {"email", m.email},
                           {"roles", roles},
                           {"roles_href", "/admin/people/" + http::url_encode(m.id) + "/roles"}});
                    }
                    view["classes"] = nlohmann::json::array();
                    for (const auto& c : found.classes) {
                      view["classes"].push_back({{"title", c.title},
                                                 {"teacher", c.teacher},
                                                 {"students", count_json(c.students)}});
                    }
                    view["has_classes"] = !found.classes.empty();
                    view["can_manage_roles"] =
                        context.policy.can(*request.principal, "accounts.manage", std::nullopt);
                    view["staff_csv_href"] =
                        "/people/schools/" + http::url_encode(found.summary.id) + "/staff.csv";
                    view["classes_csv_href"] =
                        "/people/schools/" + http::url_encode(found.summary.id) + "/classes.csv";
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
                        {"csv_href", "/people/schools/" + http::url_encode(org) + "/students.csv"},
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
  add_school_downloads(router, context);
}

}  // namespace lodestar::people
