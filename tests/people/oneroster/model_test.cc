// The OneRoster 1.1 CSV tables and value rules, and the CSV reader.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <fstream>

#include "people/oneroster/csv.h"
#include "people/oneroster/import.h"
#include "people/oneroster/model.h"

namespace lodestar::people {
namespace {

std::vector<std::string> names(std::string_view file) {
  std::vector<std::string> out;
  for (const auto& c : roster_file(file).columns) out.emplace_back(c.name);
  return out;
}

TEST(OneRosterModel, ColumnsFollowTheSpecInOrder) {
  EXPECT_EQ(names("enrollments"),
            (std::vector<std::string>{"sourcedId", "status", "dateLastModified", "classSourcedId",
                                      "schoolSourcedId", "userSourcedId", "role", "primary",
                                      "beginDate", "endDate"}));
  EXPECT_EQ(names("users").size(), 18u);
  EXPECT_EQ(names("users").back(), "password");
  EXPECT_EQ(names("classes")[10], "termSourcedIds");
  EXPECT_EQ(names("demographics").size(), 16u);
  EXPECT_EQ(names("academicSessions").back(), "schoolYear");
}

TEST(OneRosterModel, ChecksValues) {
  const auto& orgs = roster_file("orgs");
  EXPECT_EQ(check_value(orgs.columns[orgs.index("type")], "school"), "");
  EXPECT_NE(check_value(orgs.columns[orgs.index("type")], "School"), "");
  EXPECT_EQ(check_value(orgs.columns[orgs.index("name")], ""), "is required");
  EXPECT_EQ(check_value(orgs.columns[orgs.index("identifier")], ""), "");
  const auto& sessions = roster_file("academicSessions");
  const auto& start = sessions.columns[sessions.index("startDate")];
  EXPECT_EQ(check_value(start, "2024-02-29"), "");
  EXPECT_NE(check_value(start, "2023-02-29"), "");
  EXPECT_NE(check_value(start, "2024/08/12"), "");
  const auto& modified = sessions.columns[sessions.index("dateLastModified")];
  EXPECT_EQ(check_value(modified, "2024-08-14T16:05:00Z"), "");
  EXPECT_EQ(check_value(modified, "2024-08-14T16:05:00.123-07:00"), "");
  EXPECT_NE(check_value(modified, "2024-08-14 16:05"), "");
  EXPECT_NE(check_value(sessions.columns[sessions.index("schoolYear")], "24"), "");
  const auto& classes = roster_file("classes");
  EXPECT_NE(check_value(classes.columns[classes.index("termSourcedIds")], "t1,,t2"), "");
}

TEST(OneRosterModel, DerivesRoleGrants) {
  auto type = [](std::string_view org) { return std::string(org == "d" ? "district" : "school"); };
  auto roles = [&](std::string_view role) {
    std::string out;
    for (const auto& g : derive_role_grants(role, {"d", "s"}, type))
      out += g.role + "@" + g.org + " ";
    return out;
  };
  EXPECT_EQ(roles("teacher"), "educator@d educator@s ");
  EXPECT_EQ(roles("aide"), "educator@d educator@s ");
  EXPECT_EQ(roles("student"), "student@d student@s ");
  EXPECT_EQ(roles("parent"), "guardian@d guardian@s ");
  EXPECT_EQ(roles("relative"), "guardian@d guardian@s ");
  EXPECT_EQ(roles("administrator"), "district_leader@d school_leader@s ");
  EXPECT_EQ(roles("proctor"), "");
}

std::string write_temp(const std::string& text) {
  char name[] = "/tmp/lodestar-csv-XXXXXX";
  const int fd = mkstemp(name);
  close(fd);
  std::ofstream(name, std::ios::binary) << text;
  return name;
}

TEST(OneRosterCsv, ReadsBomQuotesAndLineBreaks) {
  const auto path = write_temp(
      "\xEF\xBB\xBFsourcedId,name\r\n"
      "a,\"Smith, Jr.\"\r\n"
      "\n"
      "b,\"say \"\"hi\"\"\nthere\"\r\n"
      "c,\n");
  CsvReader reader(path);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"sourcedId", "name"}));
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "Smith, Jr."}));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"b", "say \"hi\"\nthere"}));
  EXPECT_EQ(reader.line(), 4u);
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"c", ""}));
  EXPECT_EQ(reader.line(), 6u);
  EXPECT_FALSE(reader.next(f));
  std::remove(path.c_str());
}

TEST(OneRosterCsv, ReportsAnUnclosedQuote) {
  const auto path = write_temp("a,\"open\n");
  CsvReader reader(path);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.next(f));
  EXPECT_NE(reader.error(), "");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace lodestar::people
