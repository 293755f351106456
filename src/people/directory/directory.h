// The people directory: the schools a person may see, a school's staff and classes, and its
// students. Reads only; every view of student-level data is audited. Counts of students below
// kSmallGroup are suppressed (shown as "fewer than …").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/http/request.h"
#include "platform/privacy.h"
#include "platform/store/database.h"

namespace lodestar::people {

inline constexpr std::int64_t kSmallGroup = privacy::kSmallGroup;

struct SchoolSummary {
  std::string id, name, type;
  std::int64_t staff = 0;
  std::optional<std::int64_t> students;  // nothing when suppressed
};

struct StaffMember {
  std::string id, name, email;
  std::vector<std::string> roles;
};

struct ClassSummary {
  std::string id, title, teacher;
  std::optional<std::int64_t> students;  // nothing when suppressed
};

struct School {
  SchoolSummary summary;
  std::vector<StaffMember> staff;
  std::vector<ClassSummary> classes;
};

struct Student {
  std::string id, name, grades;
  std::vector<std::string> classes;
};

// The schools inside the organizations where `principal` may view people, by name.
std::vector<SchoolSummary> schools_for(store::Database& db, const auth::Policy& policy,
                                       const auth::Principal& principal);

// One school. Throws NotFound for an unknown organization.
School school(store::Database& db, const std::string& org);

// The school's students — all of them for roles that see the whole school, only those in their
// own classes for an educator. Records `action` ("students.view", or "students.export" for a
// download) in the audit log in the same transaction.
std::vector<Student> students(store::Database& db, const auth::Policy& policy,
                              const http::Request& request, const std::string& org,
                              std::string_view action = "students.view");

}  // namespace lodestar::people
