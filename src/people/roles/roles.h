// Granting roles by hand: a person's roles, each scoped to an organization. Grants that come
// from the roster (source "oneroster") follow the roster and are not changed here; grants made
// here (source "manual") are never touched by an import.
#pragma once

#include <string>
#include <vector>

#include "platform/audit/audit.h"
#include "platform/store/database.h"

namespace lodestar::people {

struct RoleGrant {
  std::string role;  // "coach", …
  std::string org_id;
  std::string org_name;
  bool from_roster = false;
};

struct PersonRoles {
  std::string id;
  std::string name;
  std::string email;
  std::vector<RoleGrant> grants;
};

struct OrgChoice {
  std::string id;
  std::string name;
  std::string type;
};

// The roles a person may be given here: staff roles (students and guardians come from the
// roster).
const std::vector<std::string>& grantable_roles();

// Throws NotFound for an unknown person.
PersonRoles person_roles(store::Database& db, const std::string& person_id);
// The district and its schools, district first.
std::vector<OrgChoice> org_choices(store::Database& db);

// Adds a manual grant, recording `event` ("roles.grant") in the same transaction. Throws Invalid
// naming "role" or "org" for a role that cannot be granted or an unknown organization, Conflict
// when the person holds it already.
void grant_role(store::Database& db, const std::string& person_id, const std::string& role,
                const std::string& org_id, audit::Event event);
// Removes a manual grant ("roles.revoke"). Throws NotFound when there is no such manual grant
// (a roster grant is changed in the roster, not here).
void revoke_role(store::Database& db, const std::string& person_id, const std::string& role,
                 const std::string& org_id, audit::Event event);

}  // namespace lodestar::people
