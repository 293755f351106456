#include "people/oneroster/import.h"

namespace lodestar::people {

std::vector<DerivedGrant> derive_role_grants(
    std::string_view oneroster_role, const std::vector<std::string_view>& orgs,
    const std::function<std::string(std::string_view org)>& org_type) {
  std::vector<DerivedGrant> grants;
  for (const auto org : orgs) {
    std::string role;
    if (oneroster_role == "teacher" || oneroster_role == "aide") {
      role = "educator";
    } else if (oneroster_role == "student") {
      role = "student";
    } else if (oneroster_role == "guardian" || oneroster_role == "parent" ||
               oneroster_role == "relative") {
      role = "guardian";
    } else if (oneroster_role == "administrator") {
      const std::string type = org_type(org);
      if (type == "school") role = "school_leader";
      if (type == "district") role = "district_leader";
    }
    if (!role.empty()) grants.push_back({role, std::string(org)});
  }
  return grants;
}

}  // namespace lodestar::people
