#include "people/directory/directory.h"

#include <map>

#include "platform/audit/audit.h"
#include "platform/errors.h"

namespace lodestar::people {
namespace {

std::optional<std::int64_t> suppressed(std::int64_t count) {
  if (privacy::suppressed(count)) return std::nullopt;
  return count;
}

std::string full_name(const store::Row& row) {
  return row.text("given_name") + " " + row.text("family_name");
}

// The organization and its whole subtree.
constexpr const char* kSubtree = R"(
    WITH RECURSIVE down (sourced_id, depth) AS (
      SELECT sourced_id, 0 FROM orgs WHERE sourced_id = :root
      UNION ALL
      SELECT o.sourced_id, down.depth + 1 FROM orgs o JOIN down ON o.parent_sourced_id = down.sourced_id
      WHERE down.depth < 32
    ))";

// The columns of a SchoolSummary, counts included, so that a list of schools is one statement
// rather than two more queries per school.
constexpr const char* kSummaryColumns = R"(
    o.sourced_id, o.name, o.type,
    (SELECT COUNT(DISTINCT g.person_sourced_id) FROM role_grants g
     WHERE g.org_sourced_id = o.sourced_id AND g.role NOT IN ('student', 'guardian')) AS staff,
    (SELECT COUNT(*) FROM role_grants g
     WHERE g.org_sourced_id = o.sourced_id AND g.role = 'student') AS students)";

SchoolSummary summary_of(const store::Row& row) {
  return {row.text("sourced_id"), row.text("name"), row.text("type"), row.integer("staff"),
          suppressed(row.integer("students"))};
}

}  // namespace

std::vector<SchoolSummary> schools_for(store::Database& db, const auth::Policy& policy,
                                       const auth::Principal& principal) {
  auto roots = policy.scopes(principal, "people.view");
  return db.read([&](store::Tx& tx) {
    std::map<std::string, SchoolSummary> by_name;  // by name, then id; overlapping scopes once
    for (const auto& root : roots) {
      auto rows = tx.query(std::string(kSubtree) + "SELECT " + kSummaryColumns + R"(
          FROM orgs o JOIN down ON down.sourced_id = o.sourced_id
          WHERE o.type = 'school' AND o.status = 'active')",
                           {{"root", root}});
      for (const auto& row : rows) {
        by_name.emplace(row.text("name") + '\0' + row.text("sourced_id"), summary_of(row));
      }
    }
    std::vector<SchoolSummary> out;
    for (auto& [_, s] : by_name) out.push_back(std::move(s));
    return out;
  });
}

School school(store::Database& db, const std::string& org) {
  return db.read([&](store::Tx& tx) {
    auto row = tx.query_one(
        std::string("SELECT ") + kSummaryColumns + " FROM orgs o WHERE o.sourced_id = :org",
        {{"org", org}});
    if (!row) throw NotFound("error.not_found");
    School out{summary_of(*row), {}, {}};
    std::map<std::string, StaffMember> staff;
    for (const auto& r : tx.query(R"(
          SELECT p.sourced_id, p.given_name, p.family_name, p.email, g.role
          FROM role_grants g JOIN people p ON p.sourced_id = g.person_sourced_id
          WHERE g.org_sourced_id = :org AND g.role NOT IN ('student', 'guardian')
          ORDER BY p.family_name, p.given_name, g.role)",
                                  {{"org", org}})) {
      auto& member = staff[r.text("family_name") + r.text("given_name") + r.text("sourced_id")];
      member.id = r.text("sourced_id");
      member.name = full_name(r);
      member.email = r.optional_text("email").value_or("");
      member.roles.push_back(r.text("role"));
    }
    for (auto& [_, m] : staff) out.staff.push_back(std::move(m));
    for (const auto& r : tx.query(R"(
          SELECT c.sourced_id, c.title,
                 (SELECT MIN(p.given_name || ' ' || p.family_name) FROM enrollments e
                    JOIN people p ON p.sourced_id = e.user_sourced_id
                  WHERE e.class_sourced_id = c.sourced_id AND e.role = 'teacher') AS teacher,
                 (SELECT COUNT(*) FROM enrollments e
                  WHERE e.class_sourced_id = c.sourced_id AND e.role = 'student') AS students
          FROM classes c WHERE c.school_sourced_id = :org ORDER BY c.title)",
                                  {{"org", org}})) {
      out.classes.push_back({r.text("sourced_id"), r.text("title"),
                             r.optional_text("teacher").value_or(""),
                             suppressed(r.integer("students"))});
    }
    return out;
  });
}

std::vector<Student> students(store::Database& db, const auth::Policy& policy,
                              const http::Request& request, const std::string& org,
                              std::string_view action) {
  const auto& principal = *request.principal;
  // Roles that see the whole school (through "people.view" there); an educator only their own
  // classes.
  bool whole_school = policy.can(principal, "people.view", org);
  return db.write([&](store::Tx& tx) {
    auto rows = tx.query(R"(
        SELECT p.sourced_id, p.given_name, p.family_name, p.grades, c.title
        FROM enrollments e
          JOIN people p ON p.sourced_id = e.user_sourced_id
          JOIN classes c ON c.sourced_id = e.class_sourced_id
        WHERE e.school_sourced_id = :org AND e.role = 'student' AND e.status = 'active'
          AND (:whole = 1 OR e.class_sourced_id IN (
                SELECT t.class_sourced_id FROM enrollments t
                WHERE t.user_sourced_id = :me AND t.role = 'teacher'))
        ORDER BY p.family_name, p.given_name, c.title)",
                         {{"org", org},
                          {"whole", static_cast<std::int64_t>(whole_school ? 1 : 0)},
                          {"me", principal.person_id}});
    std::vector<Student> out;
    for (const auto& r : rows) {
      if (out.empty() || out.back().id != r.text("sourced_id")) {
        out.push_back(
            {r.text("sourced_id"), full_name(r), r.optional_text("grades").value_or(""), {}});
      }
      out.back().classes.push_back(r.text("title"));
    }
    auto event = audit::event_for(request, std::string(action));
    event.subject_type = "org";
    event.subject_id = org;
    event.org_id = org;
    event.detail = {{"students", out.size()}, {"scope", whole_school ? "school" : "own classes"}};
    audit::record(tx, event);
    return out;
  });
}

}  // namespace lodestar::people
