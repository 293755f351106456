// The plan as others read it:
//   /plans/{plan}                           the public, read-only plan page (no sign-in), shown
//                                           only while the plan is published: goals, their
//                                           measures with where each stands, strategies and
//                                           action steps with dates and status. No owners' names
//                                           and no budgets: the page is for families and the
//                                           community.
//   /planning/plans/{plan}/report           the printable progress report (planning.view)
//   /planning/plans/{plan}/export.csv?table=goals|actions|measurements, …/export.xlsx
//                                           goals, action steps and measurements for a
//                                           spreadsheet (planning.view; audited)
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "planning/access.h"
#include "planning/measures/model.h"
#include "planning/plan_pages.h"
#include "planning/plan_service.h"
#include "planning/routes.h"
#include "planning/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/page_support.h"
#include "platform/csv.h"
#include "platform/http/dispatcher.h"
#include "platform/http/download.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"
#include "platform/web/xlsx.h"

namespace lodestar::planning::published {
namespace {

struct PublicPages {
  const AppContext& context;
  std::shared_ptr<PlanService> service;
};

using PublicHandler = http::Response (*)(const PublicPages&, http::Request&);

// Labels every row repeats, translated once per page.
struct Labels {
  std::map<std::string, std::string> status, standing;
};

Labels labels_for(const http::Request& request) {
  Labels out;
  for (const auto& s : action_statuses()) {
    out.status[s] = web::translate(request, "planning.plan.status." + s);
  }
  for (auto standing : {Standing::kNoData, Standing::kMet, Standing::kOnTrack, Standing::kAtRisk,
                        Standing::kOffTrack}) {
    std::string key(standing_key(standing));
    out.standing[key] = web::translate(request, "planning.measures.standing." + key);
  }
  return out;
}

// The plan's goals as the public page and the report show them: measures with their standing,
// strategies with their steps, the steps counted by status. Never owners or budgets.
nlohmann::json goals_json(const Plan& plan, const Labels& labels, const std::string& today) {
  auto goals = nlohmann::json::array();
  for (const auto& g : plan.goals) {
    auto measures = nlohmann::json::array();
    for (const auto& m : g.measures) {
      auto t = track(m, today);
      std::string key(standing_key(t.standing));
      measures.push_back({{"name", m.name},
                          {"unit", m.unit},
                          {"baseline", measures::format_number(m.baseline)},
                          {"baseline_on", m.baseline_on},
                          {"latest", t.latest ? measures::format_number(*t.latest) : "—"},
                          {"target", measures::format_number(m.target)},
                          {"target_on", m.target_on},
                          {"standing", key},
                          {"standing_label", labels.standing.at(key)}});
    }
    std::map<std::string, int> counts;
    auto strategies = nlohmann::json::array();
    for (const auto& s : g.strategies) {
      auto actions = nlohmann::json::array();
      for (const auto& a : s.actions) {
        ++counts[a.status];
        actions.push_back({{"title", a.title},
                           {"starts_on", a.starts_on},
                           {"due_on", a.due_on},
                           {"status", a.status},
                           {"status_label", labels.status.at(a.status)}});
      }
      strategies.push_back({{"title", s.title},
                            {"description", s.description},
                            {"actions", actions},
                            {"has_actions", !actions.empty()}});
    }
    auto status_counts = nlohmann::json::array();
    for (const auto& s : action_statuses()) {
      if (counts[s] > 0) {
        status_counts.push_back(
            {{"status", s}, {"label", labels.status.at(s)}, {"count", counts[s]}});
      }
    }
    goals.push_back({{"id", g.id},
                     {"code", g.code},
                     {"title", g.title},
                     {"description", g.description},
                     {"measures", measures},
                     {"has_measures", !measures.empty()},
                     {"strategies", strategies},
                     {"status_counts", status_counts}});
  }
  return goals;
}

nlohmann::json header_json(const Plan& plan) {
  return {{"title", plan.title},
          {"summary", plan.summary},
          {"has_summary", !plan.summary.empty()},
          {"org_name", plan.org_name},
          {"starts_on", plan.starts_on},
          {"ends_on", plan.ends_on}};
}

http::Response public_page(const PublicPages& pages, http::Request& request) {
  auto plan = pages.context.db.read(
      [&](store::Tx& tx) { return planning::db::plan(tx, request.param("plan")); });
  // An unpublished plan is as absent as an unknown one.
  if (!plan || !plan->published) throw NotFound("error.not_found");
  auto today = planning::today();
  nlohmann::json view = {{"plan", header_json(*plan)},
                         {"goals", goals_json(*plan, labels_for(request), today)},
                         {"today", today},
                         {"title_detail", plan->title}};
  return web::render_page(request, "planning/public/plan", "planning.public.title",
                          std::move(view));
}

http::Response report_page(const PublicPages& pages, http::Request& request) {
  auto view_model = pages.service->plan(auth::signed_in(request), request.param("plan"));
  const auto& plan = view_model.plan;
  auto today = planning::today();
  nlohmann::json view = {{"plan", header_json(plan)},
                         {"goals", goals_json(plan, labels_for(request), today)},
                         {"today", today},
                         {"plan_href", plan_href(plan.id)},
                         {"title_detail", plan.title}};
  return web::render_page(request, "planning/public/report", "planning.public.report.title",
                          std::move(view));
}

// The three tables of an export, as text cells (numbers kept as numbers for XLSX).
struct ExportTables {
  web::XlsxSheet goals, actions, measurements;
};

ExportTables export_tables(const http::Request& request, const Plan& plan) {
  auto t = [&](const char* key) { return web::translate(request, key); };
  ExportTables out;
  out.goals = {t("planning.public.sheet.goals"),
               {t("planning.public.column.code"), t("planning.public.column.title"),
                t("planning.public.column.description"), t("planning.public.column.strategies"),
                t("planning.public.column.actions")},
               {}};
  out.actions = {t("planning.public.sheet.actions"),
                 {t("planning.public.column.goal"), t("planning.public.column.strategy"),
                  t("planning.public.column.title"), t("planning.public.column.owner"),
                  t("planning.public.column.starts_on"), t("planning.public.column.due_on"),
                  t("planning.public.column.status"), t("planning.public.column.budget"),
                  t("planning.public.column.funding")},
                 {}};
  out.measurements = {t("planning.public.sheet.measurements"),
                      {t("planning.public.column.goal"), t("planning.public.column.measure"),
                       t("planning.public.column.unit"), t("planning.public.column.date"),
                       t("planning.public.column.value"), t("planning.public.column.kind")},
                      {}};
  for (const auto& g : plan.goals) {
    std::size_t actions = 0;
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        ++actions;
        out.actions.rows.push_back({g.code, s.title, a.title, a.owner_name, a.starts_on, a.due_on,
                                    a.status, static_cast<double>(a.budget_cents) / 100.0,
                                    a.funding_source_name});
      }
    }
    out.goals.rows.push_back({g.code, g.title, g.description,
                              static_cast<double>(g.strategies.size()),
                              static_cast<double>(actions)});
    for (const auto& m : g.measures) {
      out.measurements.rows.push_back(
          {g.code, m.name, m.unit, m.baseline_on, m.baseline, std::string("baseline")});
      for (const auto& v : m.measurements) {
        out.measurements.rows.push_back(
            {g.code, m.name, m.unit, v.measured_on, v.value, std::string("measurement")});
      }
      out.measurements.rows.push_back(
          {g.code, m.name, m.unit, m.target_on, m.target, std::string("target")});
    }
  }
  return out;
}

std::string csv_cell(const web::XlsxCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<double>(&cell)) return measures::format_number(*number);
  return {};
}

void audit_export(const PublicPages& pages, const http::Request& request, const Plan& plan,
                  const std::string& format) {
  auto event = audit::event_for(request, "planning.plan.export");
  event.subject_type = "planning_plan";
  event.subject_id = plan.id;
  event.org_id = plan.org_id;
  event.detail = {{"format", format}};
  pages.context.db.write([&](store::Tx& tx) { audit::record(tx, event); });
}

http::Response export_csv(const PublicPages& pages, http::Request& request) {
  auto table = request.query_value("table").value_or("");
  if (table != "goals" && table != "actions" && table != "measurements") {
    throw Invalid(std::vector<FieldProblem>{{"table", "planning.public.error.table", {}}});
  }
  auto view_model = pages.service->plan(auth::signed_in(request), request.param("plan"));
  auto tables = export_tables(request, view_model.plan);
  const auto& sheet = table == "goals"     ? tables.goals
                      : table == "actions" ? tables.actions
                                           : tables.measurements;
  std::string body = csv::row(sheet.headers);
  for (const auto& r : sheet.rows) {
    std::vector<std::string> cells;
    for (const auto& c : r) cells.push_back(csv_cell(c));
    body += csv::row(cells);
  }
  audit_export(pages, request, view_model.plan, "csv:" + table);
  return http::download(std::move(body), "text/csv; charset=utf-8", "plan-" + table + ".csv");
}

http::Response export_xlsx(const PublicPages& pages, http::Request& request) {
  auto view_model = pages.service->plan(auth::signed_in(request), request.param("plan"));
  auto tables = export_tables(request, view_model.plan);
  audit_export(pages, request, view_model.plan, "xlsx");
  return web::xlsx_download(
      "plan.xlsx", web::xlsx_workbook({tables.goals, tables.actions, tables.measurements}));
}

void add_public_route(http::Router& router, const PublicPages& pages, std::string method,
                      std::string pattern, http::Access access, PublicHandler handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
              .access = std::move(access)});
}

}  // namespace

void add_published_routes(http::Router& router, const AppContext& context,
                          const frameworks::Alignments& alignments) {
  PublicPages pages{context, std::make_shared<PlanService>(context.db, context.policy, alignments)};
  auto read = plan_reader(context.policy);
  add_public_route(router, pages, "GET", "/plans/{plan}", http::Access::anyone(), public_page);
  add_public_route(router, pages, "GET", "/planning/plans/{plan}/report", read, report_page);
  add_public_route(router, pages, "GET", "/planning/plans/{plan}/export.csv", read, export_csv);
  add_public_route(router, pages, "GET", "/planning/plans/{plan}/export.xlsx", read, export_xlsx);
}

}  // namespace lodestar::planning::published

namespace lodestar::planning {

void add_public_pages(http::Router& router, const AppContext& context,
                      const frameworks::Alignments& alignments) {
  published::add_published_routes(router, context, alignments);
}

}  // namespace lodestar::planning
