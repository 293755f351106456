// What the plan part's page files share: routes with the signed-in principal, rendering with the
// CSRF token, field problems, repeated form fields, and a step's row as every page shows it.
#include "planning/plan_pages.h"
#include "planning/plan_rules.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"

namespace lodestar::planning {

void add_route(http::Router& router, const PlanPages& pages, std::string method,
               std::string pattern, http::Access access, PlanHandler handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = [pages, handler](
                             http::Request& r) { return handler(pages, r, auth::signed_in(r)); },
              .access = std::move(access)});
}

http::Response plan_page(const http::Request& request, std::string_view name,
                         std::string_view title_key, nlohmann::json view, int status) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  return web::render_page(request, "planning/" + std::string(name), title_key, std::move(view),
                          status);
}

void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  for (auto& error : view["errors"]) {
    auto field = error.value("field", std::string());
    error["label_key"] = "planning.plan.label." + (field.starts_with("name-") ? "name" : field);
  }
  for (const auto& p : problems) {
    if (!p.detail.empty()) view[p.field + "_detail"] = p.detail;
  }
}

std::vector<std::string> form_list(const http::Request& request, std::string_view name) {
  return auth::field_values(request, name);
}

std::string plan_href(const std::string& id) {
  return "/planning/plans/" + http::url_encode(id);
}

std::string action_href(const std::string& id) {
  return "/planning/actions/" + http::url_encode(id);
}

RowWords row_words(const http::Request& request) {
  RowWords words;
  for (const auto& s : action_statuses()) {
    words.status[s] = web::translate(request, "planning.plan.status." + s);
  }
  words.overdue = web::translate(request, "planning.plan.overdue");
  words.dates = web::translate(request, "planning.plan.dates");
  words.today = planning::today();
  return words;
}

nlohmann::json action_json(const Action& a, const RowWords& words) {
  bool overdue = a.due_on < words.today && a.status != "done" && a.status != "dropped";
  auto status = words.status.find(a.status);
  return {{"id", a.id},
          {"href", action_href(a.id)},
          {"title", a.title},
          {"owner", a.owner_name},
          {"has_owner", !a.owner_name.empty()},
          {"starts_on", a.starts_on},
          {"due_on", a.due_on},
          {"status", a.status},
          {"status_key", "planning.plan.status." + a.status},
          {"status_label", status == words.status.end() ? a.status : status->second},
          {"dates", web::fill_placeholders(words.dates, {{"from", a.starts_on}, {"to", a.due_on}})},
          {"overdue_label", words.overdue},
          {"budget", format_dollars(a.budget_cents)},
          {"has_budget", a.budget_cents > 0},
          {"budget_line", a.budget_line},
          {"funding", a.funding_source_name},
          {"has_funding", !a.funding_source_name.empty()},
          {"overdue", overdue}};
}

nlohmann::json status_options(std::string_view selected) {
  auto out = nlohmann::json::array();
  for (const auto& s : action_statuses()) {
    out.push_back(
        {{"value", s}, {"key", "planning.plan.status." + s}, {"selected", s == selected}});
  }
  return out;
}

void require_reader(const PlanPages& pages, const auth::Principal& who) {
  if (!pages.service->reads_plans(who)) throw Forbidden("error.403.title");
}

}  // namespace lodestar::planning
