#include "platform/auth/principal.h"

#include <array>

namespace lodestar::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kNames = {{
    {Role::kDistrictLeader, "district_leader"},
    {Role::kTechnologyDirector, "technology_director"},
    {Role::kSchoolLeader, "school_leader"},
    {Role::kCoach, "coach"},
    {Role::kEducator, "educator"},
    {Role::kTechnologyStaff, "technology_staff"},
    {Role::kGuardian, "guardian"},
    {Role::kStudent, "student"},
}};

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kNames) {
    if (r == role) return name;
  }
  return "unknown";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (const auto& [r, n] : kNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& [r, _] : kNames) out.push_back(r);
    return out;
  }();
  return roles;
}

}  // namespace lodestar::auth
