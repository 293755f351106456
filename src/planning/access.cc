#include "planning/access.h"

#include <optional>
#include <string>

namespace lodestar::planning {

http::Access plan_reader(const auth::Policy& policy) {
  http::OrgResolver reader_org = [&policy](const http::Request& r) -> std::optional<std::string> {
    if (!r.principal) return std::nullopt;
    auto scopes = policy.scopes(*r.principal, "planning.view");
    if (scopes.empty()) return std::nullopt;
    return scopes.front();
  };
  return http::Access::to("planning.view", std::move(reader_org));
}

}  // namespace lodestar::planning
