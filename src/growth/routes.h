// Leader growth's routes: assessment cycles and rubrics for the district, the self-assessment,
// 360° feedback (invitations, and the public answer form behind a personal link), a leader's
// report and growth over time, and the heatmaps. The leader's own records (goals, journal,
// learning log, evidence, portfolio) are in records/.
#pragma once

#include <nlohmann/json.hpp>

#include "frameworks/alignment.h"
#include "growth/service.h"
#include "platform/app.h"
#include "platform/auth/service.h"
#include "platform/http/router.h"

namespace lodestar::growth {

void add_routes(http::Router& router, const AppContext& context, auth::AuthService& auth,
                const frameworks::Alignments& alignments);

// Parts (cycle_pages.cc, self_pages.cc).
void add_cycle_pages(http::Router& router, const AppContext& context);
void add_self_pages(http::Router& router, const AppContext& context, auth::AuthService& auth,
                    const frameworks::Alignments& alignments);

Site site_of(const AppContext& context);
// The signed-in person's roster id. Throws Forbidden ("growth.no_person") for an account that is
// not tied to a roster person.
const std::string& person_of(const http::Request& request);
// A level or mean as pages show it: one decimal.
std::string one_decimal(double value);
// `part` of `whole` as a whole percentage (0 for an empty whole).
std::int64_t percent(std::int64_t part, std::int64_t whole);

// A cycle for a page (name, dates, status, counts).
nlohmann::json cycle_json(const Cycle& cycle);
// The rubric's levels for a page.
nlohmann::json levels_json(const Rubric& rubric);

}  // namespace lodestar::growth
