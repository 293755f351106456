// What the pages of a person's growth records share (goal_pages.cc, journal_pages.cc,
// log_pages.cc, evidence_pages.cc, portfolio_pages.cc); not for other callers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "growth/records/service.h"
#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::growth::records {

struct Pages {
  const AppContext& context;
  std::shared_ptr<Records> records;
};

using PersonHandler = std::function<http::Response(http::Request&, const auth::Principal&)>;

// A handler for a signed-in person's own records: an account without a roster person gets a
// page (403) saying so instead.
http::Handler for_person(PersonHandler handler);

// Renders `name` ("goals" → growth/records/templates/goals.mustache) inside the layout, with the
// session's CSRF token in view["csrf_token"].
http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status = 200);

// Adds the form's errors (auth::add_errors) for the page shown again with the input kept.
void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems);

// The indicators offered, as checkboxes grouped by standard, `chosen` ticked
// (view["indicator_groups"], view["has_indicator_choices"], view["framework_title"]).
void add_indicator_choices(nlohmann::json& view, const IndicatorChoices& choices,
                           const std::vector<std::string>& chosen);
// Aligned indicators for a list: [{code, statement, framework}].
nlohmann::json indicators_json(const std::vector<AlignedIndicator>& indicators);
// People as <option>s: [{value, name, roles: [{key}], selected}].
nlohmann::json people_options(const std::vector<db::PersonChoice>& people,
                              std::string_view selected);

// "2026-09-01" from an ISO-8601 time.
std::string day_of(std::string_view time);

// Every value of `name` in the request's urlencoded body (a group of checkboxes).
std::vector<std::string> form_list(const http::Request& request, std::string_view name);

// The file download of an evidence file: its type, as an attachment.
http::Response download(EvidenceFile file);

void add_goal_pages(http::Router& router, const Pages& pages);
void add_journal_pages(http::Router& router, const Pages& pages);
void add_log_pages(http::Router& router, const Pages& pages);
void add_evidence_pages(http::Router& router, const Pages& pages);
void add_portfolio_pages(http::Router& router, const Pages& pages);

}  // namespace lodestar::growth::records
