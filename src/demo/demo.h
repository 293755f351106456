// The demo district: a fictional, realistic district of twelve schools with leaders, coaches,
// educators, students and guardians, and an account for each kind of person who signs in. Loaded
// by `lodestar demo` and by `make run` on first start.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/store/database.h"

namespace lodestar::demo {

inline constexpr const char* kPassword = "lodestar-demo-2026";

struct DemoAccount {
  std::string email;
  std::string display_name;
  std::string role;  // as a person would say it: "Technology director (administrator)"
};

struct DemoReport {
  bool loaded = false;  // false: it was there already
  int schools = 0, staff = 0, students = 0, enrollments = 0;
  std::vector<DemoAccount> accounts;
};

// The accounts the demo creates, each with kPassword.
const std::vector<DemoAccount>& demo_accounts();

// Loads the demo district into `db` unless it is there already (then returns loaded = false).
// Throws Conflict when the database already holds another district: the demo only goes into an
// empty database. One unit of work: all of it or nothing.
DemoReport load(store::Database& db);

// Loads the demo's leader growth (two assessment cycles, self-assessments, 360° feedback) once,
// after load(): `lodestar demo` and `make run` do both; tests of other capabilities load only the
// district. Not one unit of work (it goes through the growth services, each its own), but
// marked when complete and skipped once any cycle exists. Returns whether it loaded anything.
bool load_growth(store::Database& db, std::string_view public_url);

}  // namespace lodestar::demo
