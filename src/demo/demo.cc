#include "demo/demo.h"

#include <array>

#include <fmt/format.h>

#include "platform/auth/accounts.h"
#include "platform/auth/passwords.h"
#include "platform/errors.h"
#include "platform/log.h"

namespace lodestar::demo {
namespace {

constexpr const char* kDistrict = "lusd";
constexpr const char* kMarker = "demo.loaded";

struct School {
  const char* id;
  const char* name;
  const char* grades;  // OneRoster grade codes the school serves
};

constexpr std::array<School, 12> kSchools = {{
    {"arroyo", "Arroyo Seco Elementary", "KG,01,02,03,04,05"},
    {"bellavista", "Bella Vista Elementary", "KG,01,02,03,04,05"},
    {"cypress", "Cypress Park Elementary", "KG,01,02,03,04,05"},
    {"dolores", "Dolores Huerta Elementary", "KG,01,02,03,04,05"},
    {"eastlake", "Eastlake Elementary", "KG,01,02,03,04,05"},
    {"foothill", "Foothill Middle School", "06,07,08"},
    {"glassell", "Glassell Park Middle School", "06,07,08"},
    {"harbor", "Harbor View Middle School", "06,07,08"},
    {"ivanhoe", "Ivanhoe STEAM Academy", "06,07,08"},
    {"jefferson", "Jefferson High School", "09,10,11,12"},
    {"kingsley", "Kingsley Heights High School", "09,10,11,12"},
    {"lincoln", "Lincoln Park High School", "09,10,11,12"},
}};

constexpr std::array<const char*, 24> kGiven = {
    "Ana",   "Marcus", "Mei",   "Jorge",  "Aaliyah", "David", "Sofia", "Tomás",
    "Grace", "Luis",   "Priya", "Daniel", "Imani",   "Kenji", "Rosa",  "Samuel",
    "Elena", "Andre",  "Yuna",  "Carlos", "Fatima",  "Noah",  "Lucía", "Hana"};
constexpr std::array<const char*, 24> kFamily = {
    "García",   "Johnson", "Nguyen", "Hernández", "Williams", "Kim",    "López",   "Brown",
    "Martínez", "Davis",   "Patel",  "Rodríguez", "Jackson",  "Tanaka", "Flores",  "Okafor",
    "Ramírez",  "Wilson",  "Park",   "Torres",    "Ali",      "Chen",   "Morales", "Reyes"};

struct Builder {
  store::Tx& tx;
  DemoReport& report;
  int next = 0;

  void org(const std::string& id, const std::string& name, const std::string& type,
           const std::string& parent) {
    tx.exec(
        "INSERT INTO orgs (sourced_id, name, type, identifier, parent_sourced_id) "
        "VALUES (:id, :name, :type, :identifier, :parent)",
        {{"id", id},
         {"name", name},
         {"type", type},
         {"identifier", id},
         {"parent", parent.empty() ? store::Value(nullptr) : store::Value(parent)}});
  }

  std::string person(const std::string& oneroster_role, const std::string& org,
                     const std::string& grades, std::string email = {}) {
    int n = next++;
    std::string id = fmt::format("demo-{}-{:04}", oneroster_role, n);
    std::string given = kGiven[static_cast<std::size_t>(n * 7 + 3) % kGiven.size()];
    std::string family = kFamily[static_cast<std::size_t>(n * 5 + 1) % kFamily.size()];
    tx.exec(R"(INSERT INTO people (sourced_id, oneroster_role, username, given_name, family_name,
                                   email, grades)
               VALUES (:id, :role, :username, :given, :family, :email, :grades))",
            {{"id", id},
             {"role", oneroster_role},
             {"username", id},
             {"given", given},
             {"family", family},
             {"email", email.empty() ? store::Value(nullptr) : store::Value(email)},
             {"grades", grades.empty() ? store::Value(nullptr) : store::Value(grades)}});
    tx.exec(
        "INSERT INTO person_orgs (person_sourced_id, org_sourced_id, position) "
        "VALUES (:person, :org, 0)",
        {{"person", id}, {"org", org}});
    return id;
  }

  void grant(const std::string& person, const std::string& role, const std::string& org,
             const std::string& source = "oneroster") {
    tx.exec(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source) "
        "VALUES (:person, :role, :org, :source)",
        {{"person", person}, {"role", role}, {"org", org}, {"source", source}});
  }
};

void build_district(store::Tx& tx, DemoReport& report) {
  Builder b{tx, report};
  b.org(kDistrict, "Lodestar Unified School District", "district", "");
  tx.exec(
      R"(INSERT INTO academic_sessions (sourced_id, title, type, start_date, end_date, school_year)
             VALUES ('sy2026', '2026-2027', 'schoolYear', '2026-08-17', '2027-06-11', '2027'))");

  auto superintendent = b.person("administrator", kDistrict, "", "superintendent@lusd.example.org");
  b.grant(superintendent, "district_leader", kDistrict);
  auto director = b.person("administrator", kDistrict, "", "director@lusd.example.org");
  b.grant(director, "technology_director", kDistrict, "manual");
  auto tech = b.person("administrator", kDistrict, "", "techstaff@lusd.example.org");
  b.grant(tech, "technology_staff", kDistrict, "manual");
  std::vector<std::string> coaches;
  for (int c = 0; c < 3; ++c) {
    coaches.push_back(
        b.person("teacher", kDistrict, "", c == 0 ? "coach@lusd.example.org" : std::string()));
  }
  report.staff += 6;

  for (std::size_t s = 0; s < kSchools.size(); ++s) {
    const auto& school = kSchools[s];
    b.org(school.id, school.name, "school", kDistrict);
    ++report.schools;
    b.grant(coaches[s % coaches.size()], "coach", school.id, "manual");
    auto principal = b.person("administrator", school.id, "",
                              s == 0 ? "principal@lusd.example.org" : std::string());
    b.grant(principal, "school_leader", school.id);
    ++report.staff;
    std::string course = fmt::format("{}-digital-literacy", school.id);
    tx.exec(R"(INSERT INTO courses (sourced_id, school_year_sourced_id, title, course_code,
                                    org_sourced_id, subjects)
               VALUES (:id, 'sy2026', 'Digital Literacy and Citizenship', 'DLC', :org, 'Technology'))",
            {{"id", course}, {"org", std::string(school.id)}});
    for (int t = 0; t < 4; ++t) {
      auto teacher = b.person("teacher", school.id, "",
                              s == 0 && t == 0 ? "teacher@lusd.example.org" : std::string());
      b.grant(teacher, "educator", school.id);
      ++report.staff;
      std::string klass = fmt::format("{}-class-{}", school.id, t + 1);
      tx.exec(R"(INSERT INTO classes (sourced_id, title, course_sourced_id, class_code, class_type,
                                      school_sourced_id)
                 VALUES (:id, :title, :course, :code, 'scheduled', :school))",
              {{"id", klass},
               {"title", fmt::format("Digital Literacy, period {}", t + 1)},
               {"course", course},
               {"code", fmt::format("DLC-{}", t + 1)},
               {"school", std::string(school.id)}});
      // OneRoster 1.1: every class names the terms it runs in.
      tx.exec(
          "INSERT INTO class_terms (class_sourced_id, term_sourced_id, position) "
          "VALUES (:class, 'sy2026', 0)",
          {{"class", klass}});
      auto enroll = [&](const std::string& person, const std::string& role) {
        tx.exec(R"(INSERT INTO enrollments (sourced_id, class_sourced_id, school_sourced_id,
                                            user_sourced_id, role, is_primary)
                   VALUES (:id, :class, :school, :person, :role, :primary))",
                {{"id", klass + "-" + person},
                 {"class", klass},
                 {"school", std::string(school.id)},
                 {"person", person},
                 {"role", role},
                 {"primary", role == "teacher" ? "true" : "false"}});
        ++report.enrollments;
      };
      enroll(teacher, "teacher");
      for (int k = 0; k < 6; ++k) {
        auto student = b.person("student", school.id, school.grades);
        b.grant(student, "student", school.id);
        ++report.students;
        enroll(student, "student");
        if (k % 3 == 0) {
          auto guardian = b.person("guardian", school.id, "");
          b.grant(guardian, "guardian", school.id);
          tx.exec(
              "INSERT INTO person_agents (person_sourced_id, agent_sourced_id, position) "
              "VALUES (:student, :guardian, 0)",
              {{"student", student}, {"guardian", guardian}});
        }
      }
    }
  }
}

}  // namespace

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"director@lusd.example.org", "Technology director", "technology director (administrator)"},
      {"superintendent@lusd.example.org", "Superintendent", "district leader"},
      {"principal@lusd.example.org", "Principal, Arroyo Seco Elementary", "school leader"},
      {"coach@lusd.example.org", "Instructional technology coach", "coach (4 schools)"},
      {"teacher@lusd.example.org", "Teacher, Arroyo Seco Elementary", "educator"},
      {"techstaff@lusd.example.org", "Technology staff", "technology staff"},
  };
  return accounts;
}

DemoReport load(store::Database& db) {
  DemoReport report;
  report.accounts = demo_accounts();
  bool present = db.read([](store::Tx& tx) {
    if (tx.query_one("SELECT value FROM settings WHERE key = :key",
                     {{"key", std::string(kMarker)}})) {
      return true;
    }
    if (tx.query_one("SELECT sourced_id FROM orgs LIMIT 1")) {
      throw Conflict(
          "demo.error.not_empty",
          "this database already holds a district; the demo loads only into an empty one");
    }
    return false;
  });
  if (present) return report;

  // One hash for every demo account (they share the demo password): hashing is slow by design.
  auth::SystemClock clock;
  auto hash = auth::PasswordHasher().hash(kPassword);
  db.write([&](store::Tx& tx) {
    build_district(tx, report);
    for (const auto& account : demo_accounts()) {
      auto person = tx.query_one("SELECT sourced_id FROM people WHERE email = :email",
                                 {{"email", account.email}});
      auth::NewAccount fresh;
      fresh.email = account.email;
      fresh.display_name = account.display_name;
      fresh.password = kPassword;
      fresh.person_id = person ? person->text("sourced_id") : std::string();
      fresh.administrator = account.email == "director@lusd.example.org";
      auth::insert_new_account(tx, fresh, hash, clock);
    }
    tx.exec("INSERT INTO settings (key, value, updated_at) VALUES (:key, 'true', :at)",
            {{"key", std::string(kMarker)}, {"at", log::utc_timestamp()}});
  });
  report.loaded = true;
  return report;
}

}  // namespace lodestar::demo
