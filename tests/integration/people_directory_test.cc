// The people directory on the demo district, on both databases: each role sees what the policy
// and the directory allow, student views are audited, small groups are suppressed.
#include <gtest/gtest.h>

#include "people/directory/directory.h"
#include "platform/audit/audit.h"
#include "support/demo_suite.h"

namespace lodestar::people {
namespace {

class DirectoryTest : public testing::DemoSuite {
 protected:
  // The principal of the demo person with this e-mail, with the grants of their roster record.
  static std::shared_ptr<auth::Principal> person(const std::string& email) {
    auto principal = std::make_shared<auth::Principal>();
    principal->email = email;
    app_->app().db().read([&](store::Tx& tx) {
      principal->person_id =
          tx.query_one("SELECT sourced_id FROM people WHERE email = :e", {{"e", email}})
              ->text("sourced_id");
      for (const auto& row :
           tx.query("SELECT role, org_sourced_id FROM role_grants WHERE person_sourced_id = :p",
                    {{"p", principal->person_id}})) {
        principal->grants.push_back(
            {*auth::role_from_name(row.text("role")), row.text("org_sourced_id")});
      }
    });
    return principal;
  }

  static std::vector<Student> students_seen_by(const std::string& email, const std::string& org) {
    http::Request request;
    request.principal = person(email);
    request.request_id = "test";
    return students(app_->app().db(), app_->app().policy(), request, org);
  }
};

TEST_F(DirectoryTest, EachLeaderSeesTheSchoolsInTheirScope) {
  const auto& policy = app_->app().policy();
  auto& db = app_->app().db();
  EXPECT_EQ(schools_for(db, policy, *person("superintendent@lusd.example.org")).size(), 12u);
  auto principal = schools_for(db, policy, *person("principal@lusd.example.org"));
  ASSERT_EQ(principal.size(), 1u);
  EXPECT_EQ(principal[0].name, "Arroyo Seco Elementary");
  EXPECT_EQ(schools_for(db, policy, *person("coach@lusd.example.org")).size(), 4u);
  EXPECT_TRUE(schools_for(db, policy, *person("teacher@lusd.example.org")).empty());
}

TEST_F(DirectoryTest, AnEducatorSeesOnlyTheStudentsOfTheirOwnClasses) {
  auto all = students_seen_by("principal@lusd.example.org", "arroyo");
  auto own = students_seen_by("teacher@lusd.example.org", "arroyo");
  EXPECT_EQ(all.size(), 24u);  // four classes of six
  ASSERT_EQ(own.size(), 6u);
  for (const auto& student : own) {
    ASSERT_EQ(student.classes.size(), 1u);
    EXPECT_EQ(student.classes[0], "Digital Literacy, period 1");
  }
}

TEST_F(DirectoryTest, EveryViewOfStudentsIsAudited) {
  auto before = app_->app().db().read([](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "students.view";
    return audit::search(tx, filter).size();
  });
  students_seen_by("coach@lusd.example.org", "arroyo");
  auto entries = app_->app().db().read([](store::Tx& tx) {
    audit::Filter filter;
    filter.action = "students.view";
    return audit::search(tx, filter);
  });
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries[0].actor_label, "coach@lusd.example.org");
  EXPECT_EQ(entries[0].subject_id, "arroyo");
  // Identifiers and counts only: no student's name in the log.
  EXPECT_EQ(entries[0].detail.find("García"), std::string::npos);
}

// Runs the route for `path` as the person with this e-mail (the policy is tested elsewhere).
static http::Response download(testing::TestApp& app, const std::string& path,
                               std::shared_ptr<auth::Principal> who) {
  http::Request request;
  request.method = "GET";
  request.path = path;
  request.request_id = "test";
  request.principal = std::move(who);
  auto match = app.app().router().match("GET", path);
  EXPECT_NE(match.route, nullptr) << path;
  request.params = match.params;
  return match.route->handler(request);
}

TEST_F(DirectoryTest, TheSchoolsTableDownloadsAsCsvWithTheSameScope) {
  auto response = download(*app_, "/people.csv", person("coach@lusd.example.org"));
  EXPECT_EQ(response.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(response.body.rfind("sourced_id,school,staff,students\r\n", 0), 0u);
  std::size_t lines = 0;
  for (char c : response.body) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 4u);  // the header and the coach's four schools
  EXPECT_NE(response.body.find("Arroyo Seco Elementary"), std::string::npos);
}

TEST_F(DirectoryTest, AStudentDownloadIsAuditedAsAnExportWithTheSameScopeAsThePage) {
  auto count = [] {
    return app_->app().db().read([](store::Tx& tx) {
      audit::Filter filter;
      filter.action = "students.export";
      return audit::search(tx, filter).size();
    });
  };
  auto before = count();
  auto teacher =
      download(*app_, "/people/schools/arroyo/students.csv", person("teacher@lusd.example.org"));
  EXPECT_EQ(teacher.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(teacher.body.rfind("sourced_id,name,grades,classes\r\n", 0), 0u);
  std::size_t rows = 0;
  for (char c : teacher.body) rows += c == '\n';
  EXPECT_EQ(rows - 1, students_seen_by("teacher@lusd.example.org", "arroyo").size())
      << "the file lists exactly the students the page shows the teacher";
  EXPECT_EQ(count(), before + 1);
}

TEST_F(DirectoryTest, StaffAndClassesDownloadAsCsvWithSmallGroupsStillSuppressed) {
  auto principal = person("principal@lusd.example.org");
  auto staff = download(*app_, "/people/schools/arroyo/staff.csv", principal);
  EXPECT_EQ(staff.body.rfind("sourced_id,name,email,roles\r\n", 0), 0u);
  EXPECT_NE(staff.body.find("principal@lusd.example.org"), std::string::npos);
  auto found = school(app_->app().db(), "arroyo");
  std::size_t rows = 0;
  for (char c : staff.body) rows += c == '\n';
  EXPECT_EQ(rows - 1, found.staff.size());

  auto classes = download(*app_, "/people/schools/arroyo/classes.csv", principal);
  EXPECT_EQ(classes.body.rfind("sourced_id,class,teacher,students\r\n", 0), 0u);
  for (const auto& c : found.classes) {
    EXPECT_NE(classes.body.find(c.title), std::string::npos) << c.title;
  }
  // A class below the small-group limit keeps its count hidden in the file (a school of its
  // own, so the demo's counts stay as the other tests expect them).
  app_->app().db().write([](store::Tx& tx) {
    tx.exec(
        "INSERT INTO orgs (sourced_id, name, type, parent_sourced_id) "
        "VALUES ('csv-small', 'Small Class School', 'school', 'lusd')");
    tx.exec(
        "INSERT INTO courses (sourced_id, title, org_sourced_id) "
        "VALUES ('csv-course', 'Robotics', 'csv-small')");
    tx.exec(
        "INSERT INTO classes (sourced_id, title, course_sourced_id, class_type, "
        "school_sourced_id) VALUES ('csv-class', 'Robotics 1', 'csv-course', 'scheduled', "
        "'csv-small')");
    tx.exec(
        "INSERT INTO people (sourced_id, oneroster_role, username, given_name, family_name) "
        "VALUES ('csv-student', 'student', 'csv-student', 'Una', 'Sola')");
    tx.exec(
        "INSERT INTO enrollments (sourced_id, class_sourced_id, school_sourced_id, "
        "user_sourced_id, role) VALUES ('csv-enrollment', 'csv-class', 'csv-small', "
        "'csv-student', 'student')");
  });
  ASSERT_FALSE(school(app_->app().db(), "csv-small").classes.at(0).students.has_value());
  auto hidden = download(*app_, "/people/schools/csv-small/classes.csv",
                         person("superintendent@lusd.example.org"));
  EXPECT_NE(hidden.body.find("Robotics 1"), std::string::npos) << hidden.body;
  EXPECT_NE(hidden.body.find("fewer than 5"), std::string::npos) << hidden.body;
  EXPECT_EQ(hidden.body.find(",1\r\n"), std::string::npos) << "the count itself is not in it";
}

TEST_F(DirectoryTest, SmallGroupsOfStudentsAreSuppressed) {
  auto& db = app_->app().db();
  db.write([](store::Tx& tx) {
    tx.exec(
        "INSERT INTO orgs (sourced_id, name, type, parent_sourced_id) VALUES ('tiny', 'Tiny "
        "School', 'school', 'lusd')");
    tx.exec(
        "INSERT INTO people (sourced_id, oneroster_role, username, given_name, family_name) "
        "VALUES ('tiny-1', 'student', 'tiny-1', 'Solo', 'Student')");
    tx.exec(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id) VALUES ('tiny-1', "
        "'student', 'tiny')");
  });
  auto tiny = school(db, "tiny");
  EXPECT_FALSE(tiny.summary.students.has_value());
  auto arroyo = school(db, "arroyo");
  ASSERT_TRUE(arroyo.summary.students.has_value());
  EXPECT_EQ(*arroyo.summary.students, 24);
  for (const auto& c : arroyo.classes) EXPECT_EQ(c.students.value_or(-1), 6);
}

}  // namespace
}  // namespace lodestar::people
