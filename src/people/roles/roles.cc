#include "people/roles/roles.h"

#include <algorithm>

#include "platform/errors.h"

namespace lodestar::people {

const std::vector<std::string>& grantable_roles() {
  static const std::vector<std::string> roles = {"district_leader", "technology_director",
                                                 "school_leader",   "coach",
                                                 "educator",        "technology_staff"};
  return roles;
}

PersonRoles person_roles(store::Database& db, const std::string& person_id) {
  return db.read([&](store::Tx& tx) {
    auto person = tx.query_one(R"(SELECT sourced_id, given_name, family_name, email FROM people
                                  WHERE sourced_id = :id)",
                               {{"id", person_id}});
    if (!person) throw NotFound("error.not_found", "no person " + person_id);
    PersonRoles out;
    out.id = person->text("sourced_id");
    out.name = person->optional_text("given_name").value_or("") + " " +
               person->optional_text("family_name").value_or("");
    out.email = person->optional_text("email").value_or("");
    for (const auto& row : tx.query(R"(
          SELECT g.role, g.org_sourced_id, o.name, g.source FROM role_grants g
          JOIN orgs o ON o.sourced_id = g.org_sourced_id
          WHERE g.person_sourced_id = :id ORDER BY o.name, g.role)",
                                    {{"id", person_id}})) {
      out.grants.push_back({row.text("role"), row.text("org_sourced_id"), row.text("name"),
                            row.text("source") == "oneroster"});
    }
    return out;
  });
}

std::vector<OrgChoice> org_choices(store::Database& db) {
  return db.read([](store::Tx& tx) {
    std::vector<OrgChoice> out;
    for (const auto& row : tx.query(R"(
          SELECT sourced_id, name, type FROM orgs WHERE status = 'active'
            AND type IN ('district', 'school')
          ORDER BY CASE type WHEN 'district' THEN 0 ELSE 1 END, name)")) {
      out.push_back({row.text("sourced_id"), row.text("name"), row.text("type")});
    }
    return out;
  });
}

void grant_role(store::Database& db, const std::string& person_id, const std::string& role,
                const std::string& org_id, audit::Event event) {
  db.write([&](store::Tx& tx) {
    if (!tx.query_one("SELECT sourced_id FROM people WHERE sourced_id = :id",
                      {{"id", person_id}})) {
      throw NotFound("error.not_found", "no person " + person_id);
    }
    std::vector<FieldProblem> problems;
    const auto& roles = grantable_roles();
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
      problems.push_back({"role", "roles.error.role", role});
    }
    if (!tx.query_one("SELECT sourced_id FROM orgs WHERE sourced_id = :id AND status = 'active'",
                      {{"id", org_id}})) {
      problems.push_back({"org", "roles.error.org", org_id});
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    store::Params key = {{"person", person_id}, {"role", role}, {"org", org_id}};
    if (tx.query_one(R"(SELECT role FROM role_grants WHERE person_sourced_id = :person
                         AND role = :role AND org_sourced_id = :org)",
                     key)) {
      throw Conflict("roles.error.held");
    }
    tx.exec(R"(INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source)
               VALUES (:person, :role, :org, 'manual'))",
            key);
    event.subject_type = "person";
    event.subject_id = person_id;
    event.org_id = org_id;
    event.detail = {{"role", role}, {"org", org_id}, {"after", "granted"}};
    audit::record(tx, event);
  });
}

void revoke_role(store::Database& db, const std::string& person_id, const std::string& role,
                 const std::string& org_id, audit::Event event) {
  db.write([&](store::Tx& tx) {
    if (tx.exec(R"(DELETE FROM role_grants WHERE person_sourced_id = :person AND role = :role
                     AND org_sourced_id = :org AND source = 'manual')",
                {{"person", person_id}, {"role", role}, {"org", org_id}}) == 0) {
      throw NotFound("roles.error.no_manual_grant");
    }
    event.subject_type = "person";
    event.subject_id = person_id;
    event.org_id = org_id;
    event.detail = {{"role", role}, {"org", org_id}, {"before", "granted"}, {"after", "revoked"}};
    audit::record(tx, event);
  });
}

}  // namespace lodestar::people
