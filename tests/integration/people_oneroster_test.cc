// OneRoster 1.1 bulk CSV import and export on a real database (CMake runs these on SQLite and
// on PostgreSQL): validation with file/line/column, all-or-nothing, idempotence, tobedeleted,
// role grants, round trips through a folder and a zip.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "people/oneroster/import.h"
#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "support/test_database.h"

namespace lodestar::people {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string> kDistrict = {
    {"manifest",
     "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.academicSessions,bulk\n"
     "file.categories,absent\nfile.classes,bulk\nfile.courses,bulk\nfile.demographics,bulk\n"
     "file.enrollments,bulk\nfile.orgs,bulk\nfile.users,bulk\nfile.results,absent\n"},
    {"academicSessions",
     "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
     "t1,active,2024-06-01T00:00:00Z,Fall,term,2024-08-12,2024-12-20,sy,2025\n"  // parent comes
                                                                                 // later
     "sy,,,2024-2025,schoolYear,2024-08-12,2025-06-12,,2025\n"},
    {"orgs",
     "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
     "s1,active,,\"Lincoln High, East\",school,1001,d\n"
     "d,active,,District,district,,\n"},
    {"courses",
     "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,"
     "subjects,"
     "subjectCodes\n"
     "m1,,,sy,Algebra,ALG,\"09,10\",s1,Math,\n"},
    {"classes",
     "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
     "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
     "c1,,,Algebra 1,09,m1,A1,scheduled,Room 2,s1,\"sy,t1\",Math,,\"1,2\"\n"
     "c2,,,Homeroom,09,m1,,homeroom,,s1,t1,,,\n"},
    {"users",
     "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
     "familyName,"
     "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
     "u1,,,true,s1,teacher,ms.garcia,,María,García,,T1,garcia@example.org,,,,,secret\n"
     "u2,,,true,s1,student,sam,,Sam,\"Smith, Jr.\",,S1,,,,g1,09,\n"
     "a1,,,true,\"d,s1\",administrator,boss,,Pat,Lee,,,,,,,,\n"
     "g1,,,false,s1,parent,mom,,Ana,Smith,,,,,555-1234,,,\n"
     "p1,,,true,s1,proctor,proc,,Jo,Doe,,,,,,,,\n"},
    {"enrollments",
     "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
     "beginDate,"
     "endDate\n"
     "e1,,,c1,s1,u1,teacher,true,2024-08-12,\n"
     "e2,,,c1,s1,u2,student,false,,\n"
     "e3,,,c2,s1,u2,student,,,\n"},
    {"demographics",
     "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
     "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,"
     "demographicRaceTwoOrMoreRaces,"
     "hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,"
     "publicSchoolResidenceStatus\n"
     "u2,,,2010-03-04,male,false,false,false,false,true,false,true,US,CA,\"Los Angeles, CA\",\n"}};

class OneRosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = fresh_database();
    char pattern[] = "/tmp/lodestar-oneroster-test-XXXXXX";
    root_ = mkdtemp(pattern);
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::unique_ptr<store::Database> fresh_database() {
    auto db = store::Database::open(testing::test_database_url(), 2);
    store::migrate(*db, store::builtin_migrations(db->dialect()));
    return db;
  }

  // The district with some files replaced, written as a folder; returns its path.
  fs::path district(const std::map<std::string, std::string>& changes = {},
                    const std::string& name = "in") {
    const fs::path dir = root_ / name;
    fs::create_directories(dir);
    for (auto [file, text] : kDistrict) {
      if (changes.count(file) > 0) text = changes.at(file);
      std::ofstream(dir / (file + ".csv"), std::ios::binary) << text;
    }
    return dir;
  }

  ImportReport import(const fs::path& path, store::Database* db = nullptr, bool dry_run = false) {
    ImportOptions options;
    options.dry_run = dry_run;
    return import_oneroster(db != nullptr ? *db : *db_, path, options);
  }

  // Every roster table, every row, every column, in a stable order: to compare two databases.
  static std::string dump(store::Database& db) {
    std::string out;
    db.read([&](store::Tx& tx) {
      for (const char* table :
           {"orgs", "people", "person_orgs", "person_agents", "academic_sessions", "courses",
            "classes", "class_terms", "enrollments", "demographics", "role_grants"}) {
        out += std::string("# ") + table + "\n";
        std::vector<std::string> lines;
        for (const auto& row : tx.query(std::string("SELECT * FROM ") + table)) {
          std::string line;
          for (std::size_t i = 0; i < row.size(); ++i) {
            const auto& v = row.at(i);
            if (std::holds_alternative<std::nullptr_t>(v))
              line += "NULL|";
            else if (const auto* s = std::get_if<std::string>(&v))
              line += *s + "|";
            else if (const auto* n = std::get_if<std::int64_t>(&v))
              line += std::to_string(*n) + "|";
            else
              line += std::to_string(std::get<double>(v)) + "|";
          }
          lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        for (const auto& l : lines) out += l + "\n";
      }
    });
    return out;
  }

  std::string dump() { return dump(*db_); }

  std::string problems(const ImportReport& report) {
    std::string out;
    for (const auto& p : report.problems) out += to_string(p) + "\n";
    return out;
  }

  std::unique_ptr<store::Database> db_;
  fs::path root_;
};

TEST_F(OneRosterTest, ImportsADistrictAndCountsWhatChanged) {
  const auto report = import(district());
  ASSERT_TRUE(report.problems.empty()) << problems(report);
  EXPECT_TRUE(report.imported);
  EXPECT_EQ(report.counts.at("users.csv").inserted, 5u);
  EXPECT_EQ(report.counts.at("enrollments.csv").inserted, 3u);
  const auto text = dump();
  EXPECT_NE(text.find("s1|active|NULL|Lincoln High, East|school|1001|d|"), std::string::npos)
      << text;
  EXPECT_NE(text.find("t1|active|2024-06-01T00:00:00Z|Fall|term|2024-08-12|2024-12-20|sy|2025|"),
            std::string::npos);
  EXPECT_NE(text.find("u2|g1|0|"), std::string::npos);  // person_agents, forward reference
  EXPECT_NE(text.find("c1|sy|0|"), std::string::npos);  // class_terms
}

TEST_F(OneRosterTest, SecondImportChangesNothing) {
  ASSERT_TRUE(import(district()).imported);
  const auto before = dump();
  const auto report = import(district());
  ASSERT_TRUE(report.imported) << problems(report);
  for (const auto& [file, c] : report.counts) {
    EXPECT_EQ(c.inserted + c.updated + c.deleted, 0u) << file;
  }
  EXPECT_EQ(report.counts.at("users.csv").unchanged, 5u);
  EXPECT_EQ(dump(), before);
}

TEST_F(OneRosterTest, CountsUpdatesOfRowsAndLists) {
  ASSERT_TRUE(import(district()).imported);
  auto users = kDistrict.at("users");
  users.replace(users.find("ms.garcia"), 9, "mrs.garcia");
  auto classes = kDistrict.at("classes");
  classes.replace(classes.find("\"sy,t1\""), 7, "t1");
  const auto report = import(district({{"users", users}, {"classes", classes}}));
  ASSERT_TRUE(report.imported) << problems(report);
  EXPECT_EQ(report.counts.at("users.csv").updated, 1u);
  EXPECT_EQ(report.counts.at("users.csv").unchanged, 4u);
  EXPECT_EQ(report.counts.at("classes.csv").updated, 1u);
  EXPECT_EQ(dump().find("c1|sy|0|"), std::string::npos);
}

TEST_F(OneRosterTest, ReportsEveryProblemWithFileLineAndColumn) {
  auto users = kDistrict.at("users");
  users += "u9,,,yes,s1,teachr,,,A,B,,,,,,,,\n";  // line 7
  auto enrollments = kDistrict.at("enrollments");
  enrollments +=
      "e9,,,nope,s1,u1,teacher,,2024-13-01,\n"  // line 5
      "e1,,,c1,s1,ghost,student,,,\n";          // line 6
  const auto report = import(district({{"users", users}, {"enrollments", enrollments}}));
  EXPECT_FALSE(report.imported);
  const auto text = problems(report);
  EXPECT_NE(text.find("users.csv:7:4 (enabledUser): enabledUser 'yes' is not one of true, false"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("users.csv:7:6 (role): role 'teachr' is not one of"), std::string::npos)
      << text;
  EXPECT_NE(text.find("users.csv:7:7 (username): username is required"), std::string::npos) << text;
  EXPECT_NE(text.find("enrollments.csv:5:4 (classSourcedId): no class has sourcedId 'nope'"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("enrollments.csv:5:9 (beginDate)"), std::string::npos) << text;
  EXPECT_NE(text.find("enrollments.csv:6:1 (sourcedId): sourcedId 'e1' appears more than once"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("enrollments.csv:6:6 (userSourcedId): no user has sourcedId 'ghost'"),
            std::string::npos)
      << text;
  EXPECT_EQ(dump(*fresh_database()), dump());  // nothing imported
}

TEST_F(OneRosterTest, ChecksHeadersAndFieldCounts) {
  auto orgs = kDistrict.at("orgs");
  orgs.replace(0, 9, "sourcedID");
  auto courses = kDistrict.at("courses") + "m2,,,sy,Geometry\n";
  const auto report = import(district({{"orgs", orgs}, {"courses", courses}}));
  const auto text = problems(report);
  EXPECT_NE(text.find("orgs.csv:1:1 (sourcedId): the header has 'sourcedID' where OneRoster 1.1 "
                      "puts sourcedId"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("courses.csv:3:6 (courseCode): the line has 5 fields but the header has 10"),
            std::string::npos)
      << text;
}

TEST_F(OneRosterTest, ABadRowLateInEnrollmentsLeavesTheDatabaseAsItWas) {
  ASSERT_TRUE(import(district()).imported);
  const auto before = dump();
  auto users = kDistrict.at("users");
  users.replace(users.find("ms.garcia"), 9, "changed");
  auto enrollments =
      kDistrict.at("enrollments") + "e8,,,c2,s1,u1,teacher,,,\ne9,,,c2,s1,u1,guide,,,\n";
  const auto report = import(district({{"users", users}, {"enrollments", enrollments}}));
  EXPECT_FALSE(report.imported);
  ASSERT_EQ(report.problems.size(), 1u) << problems(report);
  EXPECT_EQ(report.problems[0].line, 6u);
  EXPECT_EQ(report.problems[0].column, "role");
  EXPECT_EQ(dump(), before);
}

TEST_F(OneRosterTest, RejectsDeltaAndWrongVersions) {
  auto manifest = kDistrict.at("manifest");
  manifest.replace(manifest.find("file.users,bulk"), 15, "file.users,delta");
  manifest.replace(manifest.find("oneroster.version,1.1"), 21, "oneroster.version,1.2");
  const auto text = problems(import(district({{"manifest", manifest}})));
  EXPECT_NE(text.find("manifest.csv:3:2 (value): oneroster.version must be 1.1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("file.users is delta: Lodestar imports bulk files only"), std::string::npos)
      << text;
}

TEST_F(OneRosterTest, DryRunChangesNothing) {
  const auto before = dump();
  const auto report = import(district(), nullptr, true);
  EXPECT_TRUE(report.problems.empty()) << problems(report);
  EXPECT_FALSE(report.imported);
  EXPECT_EQ(report.counts.at("users.csv").inserted, 5u);
  EXPECT_EQ(dump(), before);
}

TEST_F(OneRosterTest, TobedeletedDeletesTheRecordAndWhatDependsOnIt) {
  ASSERT_TRUE(import(district()).imported);
  auto users = kDistrict.at("users");
  users.replace(users.find("u2,,,true"), 9, "u2,tobedeleted,,true");
  auto enrollments = kDistrict.at("enrollments");
  enrollments.replace(enrollments.find("e1,,"), 4, "e1,tobedeleted,");
  // e2 and e3 name u2: they go with it. The demographics row goes by foreign key.
  auto demographics = std::string(
      kDistrict.at("demographics").substr(0, kDistrict.at("demographics").find('\n') + 1));
  const auto report = import(district({{"users", users},
                                       {"enrollments",
                                        "sourcedId,status,dateLastModified,"
                                        "classSourcedId,schoolSourcedId,userSourcedId,"
                                        "role,primary,beginDate,endDate\n"
                                        "e1,tobedeleted,,c1,s1,u1,teacher,,,\n"},
                                       {"demographics", demographics}}));
  ASSERT_TRUE(report.imported) << problems(report);
  EXPECT_EQ(report.counts.at("users.csv").deleted, 1u);
  EXPECT_EQ(report.counts.at("enrollments.csv").deleted, 1u);
  const auto text = dump();
  EXPECT_EQ(text.find("u2|"), std::string::npos) << text;
  EXPECT_EQ(text.find("e1|"), std::string::npos) << text;
  EXPECT_EQ(text.find("e2|"), std::string::npos) << text;
}

TEST_F(OneRosterTest, ReferringToADeletedRecordIsAProblem) {
  auto courses = kDistrict.at("courses");
  courses.replace(courses.find("m1,,"), 4, "m1,tobedeleted,");
  const auto text = problems(import(district({{"courses", courses}})));
  EXPECT_NE(text.find("classes.csv:2:6 (courseSourcedId): no course has sourcedId 'm1'"),
            std::string::npos)
      << text;
}

TEST_F(OneRosterTest, DerivesRoleGrantsAndNeverTouchesManualOnes) {
  ASSERT_TRUE(import(district()).imported);
  db_->write([](store::Tx& tx) {
    tx.exec(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source) VALUES "
        "('u1', 'coach', 's1', 'manual')");
    tx.exec(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source) VALUES "
        "('p1', 'educator', 's1', 'manual')");
  });
  auto grants = [&] {
    std::string out;
    db_->read([&](store::Tx& tx) {
      for (const auto& r :
           tx.query("SELECT person_sourced_id, role, org_sourced_id, source FROM role_grants "
                    "ORDER BY person_sourced_id, role, org_sourced_id")) {
        out += r.text("person_sourced_id") + ":" + r.text("role") + "@" + r.text("org_sourced_id") +
               "/" + r.text("source") + " ";
      }
    });
    return out;
  };
  EXPECT_EQ(
      grants(),
      "a1:district_leader@d/oneroster a1:school_leader@s1/oneroster g1:guardian@s1/oneroster "
      "p1:educator@s1/manual u1:coach@s1/manual u1:educator@s1/oneroster u2:student@s1/oneroster ");
  auto users = kDistrict.at("users");
  users.replace(users.find("u1,,,true,s1,teacher"), 20, "u1,,,true,s1,proctor");
  users.replace(users.find("p1,,,true,s1,proctor"), 20, "p1,,,true,s1,teacher");
  ASSERT_TRUE(import(district({{"users", users}})).imported);
  // u1 lost the derived grant; p1's manual educator grant stays manual.
  EXPECT_EQ(grants(),
            "a1:district_leader@d/oneroster a1:school_leader@s1/oneroster g1:guardian@s1/oneroster "
            "p1:educator@s1/manual u1:coach@s1/manual u2:student@s1/oneroster ");
}

TEST_F(OneRosterTest, ExportThenImportReproducesEveryField) {
  ASSERT_TRUE(import(district()).imported);
  export_oneroster(*db_, root_ / "out");
  auto copy = fresh_database();
  const auto report = import(root_ / "out", copy.get());
  ASSERT_TRUE(report.imported) << problems(report);
  EXPECT_EQ(dump(*copy), dump());
}

// The small district grown to a few hundred rows a file, in counts that are neither multiples of
// the import's batch size nor powers of two, with every kind of list (orgs, agents, terms).
std::map<std::string, std::string> larger_district() {
  auto files = kDistrict;
  std::string& classes = files["classes"];
  for (int c = 10; c < 147; ++c) {
    classes += "c" + std::to_string(c) + ",,,Section " + std::to_string(c) +
               ",09,m1,,scheduled,,s1," + (c % 3 == 0 ? "\"sy,t1\"" : "t1") + ",,,\n";
  }
  std::string& users = files["users"];
  std::string& demographics = files["demographics"];
  for (int u = 100; u < 337; ++u) {
    const bool student = u % 4 != 0;
    const std::string id = "u" + std::to_string(u);
    users += id + ",,,true," + (u % 7 == 0 ? "\"d,s1\"" : "s1") + "," +
             (student ? "student" : "teacher") + ",user" + std::to_string(u) + ",,Given" +
             std::to_string(u) + ",Family,,,," + ",," + (student && u % 5 == 0 ? "g1" : "") + "," +
             (student ? "09" : "") + ",\n";
    if (student) demographics += id + ",,,2010-01-02,female,,,,,,,,,,,\n";
  }
  std::string& enrollments = files["enrollments"];
  for (int e = 100; e < 641; ++e) {
    enrollments += "e" + std::to_string(e) + ",,,c" + std::to_string(10 + e % 137) + ",s1,u" +
                   std::to_string(100 + (e * 7) % 237) + ",student,,,\n";
  }
  return files;
}

TEST_F(OneRosterTest, AFirstImportInBatchesStoresExactlyWhatRowByRowUpdatesStore) {
  // Into an empty database every file is written in batches; into one that already holds the
  // small district, users and classes are compared and written one by one. Same files, same
  // database contents.
  const auto big = district(larger_district(), "big");
  const auto report = import(big);
  ASSERT_TRUE(report.imported) << problems(report);
  EXPECT_EQ(report.counts.at("users.csv").inserted, 5u + 237u);
  EXPECT_EQ(report.counts.at("classes.csv").inserted, 2u + 137u);
  EXPECT_EQ(report.counts.at("enrollments.csv").inserted, 3u + 541u);
  auto by_rows = fresh_database();
  ASSERT_TRUE(import(district(), by_rows.get()).imported);
  const auto second = import(big, by_rows.get());
  ASSERT_TRUE(second.imported) << problems(second);
  EXPECT_EQ(second.counts.at("users.csv").inserted, 237u);
  EXPECT_EQ(second.counts.at("users.csv").unchanged, 5u);
  EXPECT_EQ(dump(*by_rows), dump());
  // And the batched lists and grants read back as unchanged, one by one.
  const auto again = import(big);
  ASSERT_TRUE(again.imported) << problems(again);
  for (const auto& [file, c] : again.counts) {
    EXPECT_EQ(c.inserted + c.updated + c.deleted, 0u) << file;
  }
}

TEST_F(OneRosterTest, ImportsAZipWithABom) {
  auto orgs = "\xEF\xBB\xBF" + kDistrict.at("orgs");
  ASSERT_TRUE(import(district({{"orgs", orgs}})).imported);
  export_oneroster(*db_, root_ / "roster.zip");
  ASSERT_TRUE(fs::exists(root_ / "roster.zip"));
  auto copy = fresh_database();
  const auto report = import(root_ / "roster.zip", copy.get());
  ASSERT_TRUE(report.imported) << problems(report);
  EXPECT_EQ(dump(*copy), dump());
}

}  // namespace
}  // namespace lodestar::people
