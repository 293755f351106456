// Every route × every role × own/other organization, against the table in
// tests/platform/auth/cases/route_access*.txt. A route registered without a row there, or with a
// permission the policy does not define, fails here.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/auth/policy.h"
#include "support/test_server.h"

namespace lodestar::auth {
namespace {

struct Expectation {
  std::string line;
  std::vector<std::string> cells;  // anon, admin, then one per role in kColumns order
};

const std::vector<std::string> kColumns = {"district_leader",
                                           "technology_director",
                                           "technology_staff",
                                           "school_leader",
                                           "coach",
                                           "educator",
                                           "guardian",
                                           "student"};

void read_rows(const std::filesystem::path& file, std::map<std::string, Expectation>& table) {
  std::ifstream in(file);
  EXPECT_TRUE(in) << file << " cannot be read";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string method, pattern, cell;
    words >> method >> pattern;
    Expectation e{line, {}};
    while (words >> cell) e.cells.push_back(cell);
    EXPECT_EQ(e.cells.size(), 2 + kColumns.size()) << "wrong number of cells: " << line;
    EXPECT_TRUE(table.emplace(method + " " + pattern, e).second) << "route listed twice: " << line;
  }
}

// route_access.txt, and one route_access_<capability>.txt per capability that keeps its own.
std::vector<std::filesystem::path> table_files() {
  std::filesystem::path cases = std::string(LODESTAR_SOURCE_DIR) + "/tests/platform/auth/cases";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(cases)) {
    auto name = entry.path().filename().string();
    if (name.starts_with("route_access") && name.ends_with(".txt")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::map<std::string, Expectation> read_table() {
  auto files = table_files();
  EXPECT_FALSE(files.empty()) << "route_access.txt is missing";
  std::map<std::string, Expectation> table;
  for (const auto& file : files) read_rows(file, table);
  return table;
}

bool is_district_role(const std::string& role) {
  return role == "district_leader" || role == "technology_director" || role == "technology_staff";
}

class RouteAccessMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new testing::TestApp();
    app_->app().db().write([](store::Tx& tx) {
      for (auto [id, type, parent] :
           std::vector<std::tuple<std::string, std::string, std::string>>{{"d1", "district", ""},
                                                                          {"s1", "school", "d1"},
                                                                          {"s2", "school", "d1"},
                                                                          {"d2", "district", ""},
                                                                          {"s3", "school", "d2"}}) {
        tx.exec(
            "INSERT INTO orgs (sourced_id, name, type, parent_sourced_id) "
            "VALUES (:id, :name, :type, :parent)",
            {{"id", id},
             {"name", "Org " + id},
             {"type", type},
             {"parent", parent.empty() ? store::Value(nullptr) : store::Value(parent)}});
      }
    });
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  // Whether `principal` (null: nobody) may use `route` about organization `org`.
  static bool allowed(const http::Route& route, std::shared_ptr<const Principal> principal,
                      const std::string& org) {
    http::Request request;
    request.method = route.method;
    request.path = route.pattern;
    request.principal = std::move(principal);
    // Every path parameter names the organization under test: routes about one organization
    // take it from the path.
    std::string pattern = route.pattern;
    for (auto open = pattern.find('{'); open != std::string::npos;
         open = pattern.find('{', open + 1)) {
      auto close = pattern.find('}', open);
      auto name = pattern.substr(open + 1, close - open - 1);
      if (name.ends_with("...")) name.resize(name.size() - 3);
      request.params[name] = org;
    }
    return app_->app().policy().allows(request, route.access);
  }

  static testing::TestApp* app_;
};
testing::TestApp* RouteAccessMatrix::app_ = nullptr;

TEST_F(RouteAccessMatrix, EveryRouteHasARowAndAKnownPermission) {
  auto table = read_table();
  std::set<std::string> known = {"public", "signed_in"};
  for (const auto& rule : permission_rules()) known.insert(std::string(rule.permission));
  std::set<std::string> registered;
  for (const auto& route : app_->app().router().routes()) {
    auto key = route.method + " " + route.pattern;
    registered.insert(key);
    EXPECT_TRUE(table.contains(key)) << key << " has no row in route_access.txt";
    EXPECT_TRUE(known.contains(route.access.permission))
        << key << " needs '" << route.access.permission << "', which the policy does not define";
  }
  for (const auto& [key, _] : table) {
    EXPECT_TRUE(registered.contains(key)) << key << " is in route_access.txt but not served";
  }
}

TEST_F(RouteAccessMatrix, EachPersonGetsExactlyWhatTheTableSays) {
  auto table = read_table();
  for (const auto& route : app_->app().router().routes()) {
    auto key = route.method + " " + route.pattern;
    auto row = table.find(key);
    if (row == table.end()) continue;  // reported by the test above
    const auto& cells = row->second.cells;
    if (cells.size() != 2 + kColumns.size()) continue;

    auto check = [&](const std::string& who, std::shared_ptr<const Principal> principal,
                     const std::string& cell, const std::string& own, const std::string& other) {
      ASSERT_TRUE(cell.size() == 1 || cell.size() == 2) << row->second.line;
      char want_own = cell[0];
      char want_other = cell.size() == 2 ? cell[1] : cell[0];
      EXPECT_EQ(allowed(route, principal, own) ? 'A' : 'D', want_own)
          << key << " for " << who << " about their own organization";
      EXPECT_EQ(allowed(route, principal, other) ? 'A' : 'D', want_other)
          << key << " for " << who << " about another organization";
    };

    check("nobody", nullptr, cells[0], "s1", "s2");
    auto admin = std::make_shared<Principal>();
    admin->administrator = true;
    check("an administrator", admin, cells[1], "s1", "s3");
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      auto principal = std::make_shared<Principal>();
      bool district = is_district_role(kColumns[i]);
      principal->grants.push_back({*role_from_name(kColumns[i]), district ? "d1" : "s1"});
      check(kColumns[i], principal, cells[2 + i], "s1", district ? "s3" : "s2");
    }
  }
}

TEST(Policy, UnknownPermissionIsDeniedEvenToAdministrators) {
  testing::TestApp app;
  Principal admin;
  admin.administrator = true;
  EXPECT_FALSE(app.app().policy().can(admin, "no.such.permission", std::nullopt));
}

TEST(Policy, ACoachReachesEachAssignedSchoolAndNoOther) {
  testing::TestApp app;
  app.app().db().write([](store::Tx& tx) {
    tx.exec("INSERT INTO orgs (sourced_id, name, type) VALUES ('d', 'District', 'district')");
    for (auto id : {"a", "b", "c"}) {
      tx.exec(
          "INSERT INTO orgs (sourced_id, name, type, parent_sourced_id) VALUES (:id, :id, "
          "'school', 'd')",
          {{"id", std::string(id)}});
    }
    tx.exec(
        "INSERT INTO orgs (sourced_id, name, type, parent_sourced_id) VALUES ('a-math', 'Math', "
        "'department', 'a')");
  });
  Principal coach;
  coach.grants = {{Role::kCoach, "a"}, {Role::kCoach, "b"}};
  const auto& policy = app.app().policy();
  EXPECT_TRUE(policy.can(coach, "people.view", std::string("a")));
  EXPECT_TRUE(policy.can(coach, "people.view", std::string("a-math")));  // the subtree
  EXPECT_TRUE(policy.can(coach, "people.view", std::string("b")));
  EXPECT_FALSE(policy.can(coach, "people.view", std::string("c")));
  EXPECT_FALSE(policy.can(coach, "people.view", std::string("d")));  // not the district itself
  EXPECT_FALSE(policy.can(coach, "people.view", std::nullopt));
  EXPECT_FALSE(policy.can(coach, "roster.manage", std::string("a")));
  EXPECT_EQ(policy.scopes(coach, "people.view"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace lodestar::auth

namespace lodestar::auth {
namespace {

TEST(Policy, HoldsSomewhereFollowsTheRolesThatHoldThePermission) {
  Principal coach;
  coach.grants = {{Role::kCoach, "a"}};
  EXPECT_TRUE(holds_somewhere(coach, "coaching.view"));
  EXPECT_TRUE(holds_somewhere(coach, "coaching.log"));
  Principal teacher;
  teacher.grants = {{Role::kEducator, "a"}};
  EXPECT_FALSE(holds_somewhere(teacher, "coaching.view"));
  EXPECT_FALSE(holds_somewhere(Principal{}, "coaching.view"));
  Principal admin;
  admin.administrator = true;
  EXPECT_TRUE(holds_somewhere(admin, "coaching.view"));
}

}  // namespace
}  // namespace lodestar::auth
