// Granting roles by hand, on both databases: a grant is added and audited, bad input names its
// field, a grant held already is a conflict, and roster grants cannot be removed here.
#include <gtest/gtest.h>

#include "people/roles/roles.h"
#include "platform/audit/audit.h"
#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/errors.h"
#include "support/demo_suite.h"

namespace lodestar::people {
namespace {

class RolesTest : public testing::DemoSuite {
 protected:
  static std::string person_id(const std::string& email) {
    return app_->app().db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", email}})
          ->text("sourced_id");
    });
  }

  static audit::Event event(std::string action) {
    audit::Event e;
    e.action = std::move(action);
    e.actor_label = "director@lusd.example.org";
    return e;
  }

  static std::size_t audited(const std::string& action, const std::string& subject) {
    return app_->app().db().read([&](store::Tx& tx) {
      audit::Filter filter;
      filter.action = action;
      filter.subject_id = subject;
      return audit::search(tx, filter).size();
    });
  }
};

TEST_F(RolesTest, AGrantedRoleWidensWhatThePersonMaySeeAndIsAudited) {
  auto& db = app_->app().db();
  auto teacher = person_id("teacher@lusd.example.org");
  auto before = person_roles(db, teacher).grants.size();
  std::string other_school;
  for (const auto& o : org_choices(db)) {
    if (o.type == "school" && o.id != "arroyo") other_school = o.id;
  }
  ASSERT_FALSE(other_school.empty());

  auth::Principal principal;
  principal.person_id = teacher;
  for (const auto& g : person_roles(db, teacher).grants) {
    principal.grants.push_back({*auth::role_from_name(g.role), g.org_id});
  }
  EXPECT_FALSE(app_->app().policy().can(principal, "people.view", other_school));

  grant_role(db, teacher, "coach", other_school, event("roles.grant"));
  auto after = person_roles(db, teacher);
  ASSERT_EQ(after.grants.size(), before + 1);
  principal.grants.push_back({auth::Role::kCoach, other_school});
  EXPECT_TRUE(app_->app().policy().can(principal, "people.view", other_school));
  EXPECT_EQ(audited("roles.grant", teacher), 1u);

  // The same grant again is a conflict, and nothing changes.
  EXPECT_THROW(grant_role(db, teacher, "coach", other_school, event("roles.grant")), Conflict);
  EXPECT_EQ(person_roles(db, teacher).grants.size(), before + 1);

  revoke_role(db, teacher, "coach", other_school, event("roles.revoke"));
  EXPECT_EQ(person_roles(db, teacher).grants.size(), before);
  EXPECT_EQ(audited("roles.revoke", teacher), 1u);
}

TEST_F(RolesTest, BadInputNamesItsFieldAndChangesNothing) {
  auto& db = app_->app().db();
  auto teacher = person_id("teacher@lusd.example.org");
  auto before = person_roles(db, teacher).grants.size();
  try {
    grant_role(db, teacher, "student", "no-such-org", event("roles.grant"));
    FAIL() << "a student role at an unknown organization was granted";
  } catch (const Invalid& invalid) {
    ASSERT_EQ(invalid.problems().size(), 2u);
    EXPECT_EQ(invalid.problems()[0].field, "role");
    EXPECT_EQ(invalid.problems()[1].field, "org");
  }
  EXPECT_EQ(person_roles(db, teacher).grants.size(), before);
  EXPECT_THROW(grant_role(db, "no-such-person", "coach", "arroyo", event("roles.grant")), NotFound);
}

TEST_F(RolesTest, ARosterGrantIsNotRemovedHere) {
  auto& db = app_->app().db();
  auto teacher = person_id("teacher@lusd.example.org");
  auto grants = person_roles(db, teacher).grants;
  const RoleGrant* from_roster = nullptr;
  for (const auto& g : grants) {
    if (g.from_roster) from_roster = &g;
  }
  ASSERT_NE(from_roster, nullptr) << "the demo teacher's role comes from the roster";
  EXPECT_THROW(
      revoke_role(db, teacher, from_roster->role, from_roster->org_id, event("roles.revoke")),
      NotFound);
  EXPECT_EQ(person_roles(db, teacher).grants.size(), grants.size());
}

}  // namespace
}  // namespace lodestar::people
