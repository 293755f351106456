// Who is making a request: the signed-in account (by session cookie or API token) and the roles
// its person holds, each scoped to an organization. Plain data; the authenticator fills it in,
// the policy reads it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lodestar::auth {

// Lodestar's roles (DESIGN.md "Who uses it").
enum class Role {
  kDistrictLeader,
  kTechnologyDirector,
  kSchoolLeader,
  kCoach,
  kEducator,
  kTechnologyStaff,
  kGuardian,
  kStudent,
};

// "district_leader", … as stored in role_grants.role.
std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);
const std::vector<Role>& all_roles();

// One role at one organization; it reaches that organization's whole subtree.
struct RoleGrant {
  Role role;
  std::string org_id;
};

struct Principal {
  std::string account_id;
  std::string person_id;  // empty for an account not tied to a roster person
  std::string display_name;
  std::string email;
  bool administrator = false;  // a Lodestar administrator: every permission everywhere
  std::vector<RoleGrant> grants;
  std::string session_id;  // the session's id (never the cookie's secret); empty for API tokens
  std::string csrf_token;  // the session's CSRF token; empty for API tokens
  bool via_api_token = false;
};

}  // namespace lodestar::auth
