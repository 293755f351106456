// Uploading a plan's measurements as CSV: the form and its template, the check with its full
// report, and the confirmation that saves every row or none.
#include "planning/measures/pages.h"
#include "platform/auth/form.h"
#include "platform/csv.h"
#include "platform/http/dispatcher.h"
#include "platform/http/download.h"
#include "platform/http/multipart.h"

namespace lodestar::planning::measures {
namespace {

std::string upload_href(std::string_view plan) {
  return plan_href(plan) + "/measurements/upload";
}

nlohmann::json upload_plan_json(const Plan& plan) {
  return {{"title", plan.title},
          {"href", plan_href(plan.id)},
          {"measures_href", plan_href(plan.id) + "/measures"},
          {"upload_href", upload_href(plan.id)},
          {"template_href", plan_href(plan.id) + "/measurements/template.csv"}};
}

http::Response form_page(const Pages& pages, const http::Request& request, nlohmann::json view,
                         int status = 200) {
  auto plan = pages.service->plan(request.param("plan"));
  view["plan"] = upload_plan_json(plan);
  view["title_detail"] = plan.title;
  return page(request, "upload", "planning.measures.upload.title", std::move(view), status);
}

http::Response check(const Pages& pages, http::Request& request) {
  auto parts = http::multipart_parts(request);
  const http::FormPart* file = parts ? http::find_part(*parts, "file") : nullptr;
  if (!file || file->data.empty()) {
    nlohmann::json view;
    add_problems(view, {{"file", "planning.measures.upload.no_file", {}}});
    return form_page(pages, request, std::move(view), 422);
  }
  auto plan = pages.service->plan(request.param("plan"));
  auto result = pages.service->check_upload(plan.id, file->data);
  std::map<std::string, std::pair<std::string, std::string>> names;  // measure → goal, name
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) names[m.id] = {g.code, m.name};
  }
  auto problems = nlohmann::json::array();
  for (const auto& p : result.problems) {
    problems.push_back({{"line", p.line},
                        {"column", p.column},
                        {"has_column", !p.column.empty()},
                        {"reason_key", p.reason_key},
                        {"detail", p.detail}});
  }
  auto rows = nlohmann::json::array();
  for (const auto& r : result.rows) {
    rows.push_back({{"line", r.line},
                    {"goal", names[r.measure_id].first},
                    {"measure", names[r.measure_id].second},
                    {"date", r.measurement.measured_on},
                    {"value", format_number(r.measurement.value)},
                    {"note", r.measurement.note}});
  }
  nlohmann::json view = {{"plan", upload_plan_json(plan)},
                         {"title_detail", plan.title},
                         {"file_name", file->filename},
                         {"ok", problems.empty()},
                         {"problem_count", problems.size()},
                         {"problems", problems},
                         {"row_count", rows.size()},
                         {"rows", rows},
                         {"csv", file->data},
                         {"confirm_action", upload_href(plan.id) + "/confirm"}};
  return page(request, "upload_report", "planning.measures.upload.report_title", std::move(view),
              problems.empty() ? 200 : 422);
}

http::Response confirm(const Pages& pages, http::Request& request) {
  auto csv = auth::field(auth::request_form(request), "csv");
  try {
    auto result =
        pages.service->apply_upload(request.param("plan"), csv, person_of(request),
                                    audit::event_for(request, "planning.measurements.upload"));
    auto plan = pages.service->plan(request.param("plan"));
    nlohmann::json view = {{"plan", upload_plan_json(plan)},
                           {"title_detail", plan.title},
                           {"changed", result.changed},
                           {"unchanged", result.unchanged}};
    return page(request, "upload_done", "planning.measures.upload.done_title", std::move(view));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return form_page(pages, request, std::move(view), 422);
  }
}

http::Response template_csv(const Pages& pages, http::Request& request) {
  auto plan = pages.service->plan(request.param("plan"));
  std::string body = csv::row({"goal", "measure", "date", "value", "note"});
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) body += csv::row({g.code, m.name, "", "", ""});
  }
  return http::download(std::move(body), "text/csv; charset=utf-8", "measurements-template.csv");
}

}  // namespace

void add_upload_routes(http::Router& router, const Pages& pages) {
  auto route = [&](std::string method, std::string pattern, std::string permission,
                   Handler handler) {
    add_route(router, pages, std::move(method), std::move(pattern),
              access(pages, std::move(permission), "plan", "plan"), handler);
  };
  route("GET", "/planning/plans/{plan}/measurements/upload", "planning.manage",
        [](const Pages& p, http::Request& r) { return form_page(p, r, nlohmann::json::object()); });
  route("POST", "/planning/plans/{plan}/measurements/upload", "planning.manage", check);
  route("POST", "/planning/plans/{plan}/measurements/upload/confirm", "planning.manage", confirm);
  route("GET", "/planning/plans/{plan}/measurements/template.csv", "planning.manage", template_csv);
}

}  // namespace lodestar::planning::measures
