// What the measures and reviews pages share (measure_pages.cc, upload_pages.cc,
// review_pages.cc); not for other callers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/measures/service.h"
#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::planning::measures {

struct Pages {
  const AppContext& context;
  std::shared_ptr<MeasureService> service;
};

// Renders "planning/measures/<name>" inside the layout with the session's CSRF token.
http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status = 200);
// auth::add_errors, each summary line naming its field ("planning.measures.label.<field>").
void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems);
// The signed-in person's roster id ("" for an account without one).
std::string person_of(const http::Request& request);

std::string measure_href(std::string_view id);
std::string plan_href(std::string_view id);  // the plan part's page
std::string reviews_href(std::string_view plan_id);

// A route about one plan record: the permission, scoped to the district of the record named by
// path parameter `param` of `kind` (plan, goal, measure, measurement, review). Reading
// (planning.view) is plan_reader(): staff read wherever their role is held (planning/access.h).
http::Access access(const Pages& pages, std::string permission, std::string kind,
                    std::string param);

using Handler = http::Response (*)(const Pages&, http::Request&);
// Adds a route whose handler gets the pages' services.
void add_route(http::Router& router, const Pages& pages, std::string method, std::string pattern,
               http::Access access, Handler handler);

void add_measure_routes(http::Router& router, const Pages& pages);
void add_upload_routes(http::Router& router, const Pages& pages);
void add_review_routes(http::Router& router, const Pages& pages);

}  // namespace lodestar::planning::measures
