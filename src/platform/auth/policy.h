// The one authorization policy. Every route declares an Access (router.h); the dispatcher asks
// this policy about each request before the handler runs, and services ask it about records.
// Default deny: an unknown permission is refused, whoever asks.
//
// A role held at an organization reaches that organization's whole subtree: a district leader
// the district, a school leader their school, a coach each school they are assigned to (one
// grant per school). A route about no particular organization needs the role at district level
// (a grant at a district, state or national organization). Administrators may do everything.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/http/request.h"
#include "platform/http/router.h"
#include "platform/store/database.h"

namespace lodestar::auth {

struct PermissionRule {
  std::string_view permission;
  std::vector<Role> roles;  // who holds it, within the scope of their grant
};

// Every permission the program knows, with the roles that hold it.
const std::vector<PermissionRule>& permission_rules();

// True when `principal` holds `permission` at some organization (an administrator always): for
// showing a way in (a navigation link), never for deciding a request.
bool holds_somewhere(const Principal& principal, std::string_view permission);

class Policy {
 public:
  // REQUIRES: `db` outlives the policy.
  explicit Policy(store::Database& db) : db_(db) {}

  // The dispatcher's hook: may this request use a route that declares `access`?
  bool allows(const http::Request& request, const http::Access& access) const;

  // May `principal` exercise `permission` on `org` (or, with no org, at district level)?
  bool can(const Principal& principal, std::string_view permission,
           const std::optional<std::string>& org) const;

  // The organizations in which `principal` may exercise `permission`: the roots of the subtrees
  // (for listing what a person may see). Administrators get every root organization.
  std::vector<std::string> scopes(const Principal& principal, std::string_view permission) const;

 private:
  store::Database& db_;
};

}  // namespace lodestar::auth
