#include "platform/auth/policy.h"

#include <algorithm>

namespace lodestar::auth {
namespace {

using enum Role;

bool holds(const PermissionRule& rule, Role role) {
  return std::find(rule.roles.begin(), rule.roles.end(), role) != rule.roles.end();
}

const PermissionRule* rule_for(std::string_view permission) {
  for (const auto& rule : permission_rules()) {
    if (rule.permission == permission) return &rule;
  }
  return nullptr;
}

}  // namespace

const std::vector<PermissionRule>& permission_rules() {
  static const std::vector<PermissionRule> rules = {
      // The roster: schools, staff and classes (not student-level data).
      {"people.view",
       {kDistrictLeader, kTechnologyDirector, kTechnologyStaff, kSchoolLeader, kCoach}},
      // Student-level records; every view is audited. Educators see their own classes only,
      // which the people service enforces on top of this.
      {"students.view", {kDistrictLeader, kTechnologyDirector, kSchoolLeader, kCoach, kEducator}},
      // Importing and exporting the district's roster.
      {"roster.manage", {kTechnologyDirector}},
      // Accounts: resetting passwords, granting roles.
      {"accounts.manage", {kTechnologyDirector}},
      // Importing standards frameworks (CASE), aligning their items and accepting crosswalks.
      {"frameworks.manage", {kDistrictLeader, kTechnologyDirector}},
      // Leader growth: opening and running assessment cycles, editing rubrics, reopening a
      // submitted self-assessment.
      {"growth.manage", {kDistrictLeader, kTechnologyDirector}},
      // Leader growth heatmaps and participation, within the person's scope (suppressed below
      // the small-group limit).
      {"growth.view", {kDistrictLeader, kTechnologyDirector, kSchoolLeader, kCoach}},
      // The strategic plan: reading the district's vision and plan inside Lodestar (the public
      // page needs no permission).
      {"planning.view",
       {kDistrictLeader, kTechnologyDirector, kTechnologyStaff, kSchoolLeader, kCoach, kEducator}},
      // Writing the vision and the plan, running stakeholder input rounds and reviews, the
      // district's funding sources, publishing.
      {"planning.manage", {kDistrictLeader, kTechnologyDirector}},
      // A school's instructional technology plan, at that school (district roles anywhere).
      {"planning.school", {kDistrictLeader, kTechnologyDirector, kSchoolLeader}},
      // Professional learning: reading the catalog, registering oneself, one's own transcript,
      // certificates and evaluations.
      {"learning.view",
       {kDistrictLeader, kTechnologyDirector, kTechnologyStaff, kSchoolLeader, kCoach, kEducator}},
      // Designing and publishing offerings, series and the district's continuum levels;
      // managing any registration; the program's reports.
      {"learning.manage", {kDistrictLeader, kTechnologyDirector}},
      // Running a session: rosters, attendance, sign-in codes, try-outs and critical-friends
      // groups of the offerings one facilitates (the learning service checks which).
      {"learning.facilitate", {kDistrictLeader, kTechnologyDirector, kCoach}},
      // Approving registrations that need a supervisor's approval, for staff of one's school.
      {"learning.approve", {kDistrictLeader, kTechnologyDirector, kSchoolLeader}},
      // Coaching logs: a coach writes their own at the schools they are assigned to.
      {"coaching.log", {kDistrictLeader, kTechnologyDirector, kCoach}},
      // Coaching coverage and caseloads (not a log's private notes) within one's scope.
      {"coaching.view", {kDistrictLeader, kTechnologyDirector, kSchoolLeader, kCoach}},
      // Reading and exporting the audit log.
      {"audit.view", {kDistrictLeader, kTechnologyDirector}},
  };
  return rules;
}

bool holds_somewhere(const Principal& principal, std::string_view permission) {
  if (principal.administrator) return true;
  for (const auto& rule : permission_rules()) {
    if (rule.permission != permission) continue;
    for (const auto& grant : principal.grants) {
      if (holds(rule, grant.role)) return true;
    }
  }
  return false;
}

bool Policy::allows(const http::Request& request, const http::Access& access) const {
  if (access.permission == "public") return true;
  if (access.public_when && access.public_when(request)) return true;
  if (!request.principal) return false;
  if (access.permission == "signed_in") return true;
  std::optional<std::string> org;
  if (access.org) org = access.org(request);
  return can(*request.principal, access.permission, org);
}

bool Policy::can(const Principal& principal, std::string_view permission,
                 const std::optional<std::string>& org) const {
  const auto* rule = rule_for(permission);
  if (!rule) return false;  // default deny: a permission nobody defined
  if (principal.administrator) return true;
  std::vector<std::string> grant_orgs;
  for (const auto& grant : principal.grants) {
    if (holds(*rule, grant.role)) grant_orgs.push_back(grant.org_id);
  }
  if (grant_orgs.empty()) return false;
  return db_.read([&](store::Tx& tx) {
    if (!org) {
      // District level: a grant at a district (or a state or national body above it).
      for (const auto& id : grant_orgs) {
        auto row = tx.query_one(
            "SELECT type FROM orgs WHERE sourced_id = :id AND status = 'active'", {{"id", id}});
        if (row && (row->text("type") == "district" || row->text("type") == "state" ||
                    row->text("type") == "national")) {
          return true;
        }
      }
      return false;
    }
    // The organization and everything above it; a grant at any of them reaches it.
    auto chain = tx.query(R"(
        WITH RECURSIVE up (sourced_id, parent_sourced_id, depth) AS (
          SELECT sourced_id, parent_sourced_id, 0 FROM orgs WHERE sourced_id = :org
          UNION ALL
          SELECT o.sourced_id, o.parent_sourced_id, up.depth + 1
          FROM orgs o JOIN up ON o.sourced_id = up.parent_sourced_id
          WHERE up.depth < 32
        )
        SELECT sourced_id FROM up)",
                          {{"org", *org}});
    for (const auto& row : chain) {
      auto id = row.text("sourced_id");
      if (std::find(grant_orgs.begin(), grant_orgs.end(), id) != grant_orgs.end()) return true;
    }
    return false;
  });
}

std::vector<std::string> Policy::scopes(const Principal& principal,
                                        std::string_view permission) const {
  const auto* rule = rule_for(permission);
  if (!rule) return {};
  if (principal.administrator) {
    return db_.read([](store::Tx& tx) {
      std::vector<std::string> roots;
      for (const auto& row : tx.query(
               "SELECT sourced_id FROM orgs WHERE parent_sourced_id IS NULL ORDER BY sourced_id")) {
        roots.push_back(row.text("sourced_id"));
      }
      return roots;
    });
  }
  std::vector<std::string> out;
  for (const auto& grant : principal.grants) {
    if (holds(*rule, grant.role) && std::find(out.begin(), out.end(), grant.org_id) == out.end()) {
      out.push_back(grant.org_id);
    }
  }
  return out;
}

}  // namespace lodestar::auth
