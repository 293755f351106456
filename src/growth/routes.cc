#include "growth/routes.h"

#include <fmt/format.h>

#include "platform/errors.h"

namespace lodestar::growth {

Site site_of(const AppContext& context) {
  return Site{context.public_url};
}

const std::string& person_of(const http::Request& request) {
  if (!request.principal || request.principal->person_id.empty()) {
    throw Forbidden("growth.no_person");
  }
  return request.principal->person_id;
}

std::string one_decimal(double value) {
  return fmt::format("{:.1f}", value);
}

std::int64_t percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? (100 * part + whole / 2) / whole : 0;
}

nlohmann::json cycle_json(const Cycle& cycle) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& role : cycle.roles) roles.push_back({{"key", "role." + role}});
  return {{"id", cycle.id},
          {"name", cycle.name},
          {"href", "/growth/cycles/" + cycle.id},
          {"framework_id", cycle.framework_id},
          {"framework_title", cycle.framework_title},
          {"framework_href", "/frameworks/" + cycle.framework_id},
          {"opens_on", cycle.opens_on},
          {"closes_on", cycle.closes_on},
          {"open", cycle.status == "open"},
          {"status_key", "growth.cycle.status." + cycle.status},
          {"roles", roles},
          {"org_name", cycle.org_name},
          {"has_org", !cycle.org_id.empty()},
          {"rater_minimum", cycle.rater_minimum},
          {"participants", cycle.participants},
          {"submitted", cycle.submitted},
          {"drafts", cycle.drafts},
          {"percent", percent(cycle.submitted, cycle.participants)}};
}

nlohmann::json levels_json(const Rubric& rubric) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& level : rubric.levels) {
    out.push_back({{"score", level.score},
                   {"name", level.name},
                   {"description", level.description},
                   {"has_description", !level.description.empty()}});
  }
  return out;
}

void add_routes(http::Router& router, const AppContext& context, auth::AuthService& auth,
                const frameworks::Alignments& alignments) {
  add_cycle_pages(router, context);
  add_self_pages(router, context, auth, alignments);
}

}  // namespace lodestar::growth
