// What the plan part's page files (plan_pages.cc, plan_edit_pages.cc, plan_view_pages.cc)
// share; not for other callers.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/plan_service.h"
#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::planning {

struct PlanPages {
  const AppContext& context;
  std::shared_ptr<PlanService> service;
};

using PlanHandler = http::Response (*)(const PlanPages&, http::Request&, const auth::Principal&);

// Adds a route whose handler gets the signed-in principal.
void add_route(http::Router& router, const PlanPages& pages, std::string method,
               std::string pattern, http::Access access, PlanHandler handler);

// Renders "planning/<name>" with the CSRF token set.
http::Response plan_page(const http::Request& request, std::string_view name,
                         std::string_view title_key, nlohmann::json view, int status = 200);
// Adds the error summary (each error labelled with its field) and the field errors; a cycle's
// path goes into view["<field>_detail"].
void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems);

// Every value of a repeated urlencoded field ("depends_on", "indicator").
std::vector<std::string> form_list(const http::Request& request, std::string_view name);

std::string plan_href(const std::string& id);
std::string action_href(const std::string& id);

// The words every step's row repeats, translated once per page (a plan holds hundreds of steps).
struct RowWords {
  std::map<std::string, std::string> status;  // status → its label
  std::string overdue, dates;                 // dates: "{from} to {to}" in the request's language
  std::string today;
};
RowWords row_words(const http::Request& request);

// An action as the outline, timeline, board and lists show it.
nlohmann::json action_json(const Action& action, const RowWords& words);
// Options for a <select>: value, name, selected.
nlohmann::json status_options(std::string_view selected);

// Read access to plans at all: Forbidden for people without planning.view anywhere.
void require_reader(const PlanPages& pages, const auth::Principal& who);

void add_edit_pages(http::Router& router, const PlanPages& pages);
void add_view_pages(http::Router& router, const PlanPages& pages);

}  // namespace lodestar::planning
