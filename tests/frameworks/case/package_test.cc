// Reading CASE 1.0 CFPackages: what a valid package gives back, every problem of an invalid one at
// its JSON path, and that nothing of an object is lost between reading and writing.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "platform/errors.h"

namespace lodestar::frameworks {
namespace {

using Json = nlohmann::json;

std::string read_text(const std::string& relative) {
  std::ifstream in(std::string(LODESTAR_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << relative << " is missing";
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::string& fixture_text() {
  static const std::string text = read_text("tests/frameworks/fixtures/state-cs-standards.json");
  return text;
}

Json fixture() {
  return Json::parse(fixture_text());
}

Json without_document_uri(Json object) {
  object.erase("CFDocumentURI");
  return object;
}

// The problems read_package reports for `text` (a test failure when it reads cleanly).
std::vector<FieldProblem> problems_of(const std::string& text) {
  try {
    read_package(text);
  } catch (const Invalid& invalid) {
    EXPECT_EQ(std::string(invalid.what()), "frameworks.case.invalid_package");
    return invalid.problems();
  }
  ADD_FAILURE() << "the package was read without problems";
  return {};
}

// (field, message key) of each problem, for comparing as a set.
std::set<std::pair<std::string, std::string>> fields_and_keys(
    const std::vector<FieldProblem>& problems) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& p : problems) out.emplace(p.field, p.message_key);
  return out;
}

const FieldProblem* find_problem(const std::vector<FieldProblem>& problems,
                                 const std::string& field) {
  for (const auto& p : problems) {
    if (p.field == field) return &p;
  }
  return nullptr;
}

TEST(FrameworksCasePackage, ReadsTheFixtureWithEveryObject) {
  auto json = fixture();
  auto package = read_package(fixture_text());
  EXPECT_EQ(package.id(), json["CFDocument"]["identifier"]);
  EXPECT_EQ(package.title(), json["CFDocument"]["title"]);
  EXPECT_EQ(package.items.size(), json["CFItems"].size());
  EXPECT_EQ(package.associations.size(), json["CFAssociations"].size());
  EXPECT_EQ(package.rubrics.size(), json["CFRubrics"].size());
  std::size_t definitions = 0;
  for (const auto& [kind, list] : json["CFDefinitions"].items()) {
    definitions += list.size();
    std::size_t of_kind = 0;
    for (const auto& d : package.definitions) of_kind += d.kind == kind ? 1 : 0;
    EXPECT_EQ(of_kind, list.size()) << kind;
  }
  EXPECT_EQ(package.definitions.size(), definitions);
  ASSERT_FALSE(package.items.empty());
  ASSERT_FALSE(package.rubrics.empty());
}

TEST(FrameworksCasePackage, AcceptsEveryAssociationTypeOfCase10) {
  // The fixture uses every CASE 1.0 association type (CASE 1.0 §4.3, CFAssociationType).
  std::set<std::string> used;
  auto json = fixture();
  for (const auto& a : json["CFAssociations"]) used.insert(a["associationType"].get<std::string>());
  const auto& known = association_types();
  for (const auto& type : {"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes",
                           "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel"}) {
    EXPECT_TRUE(used.contains(type)) << "the fixture lacks " << type;
    EXPECT_NE(std::find(known.begin(), known.end(), type), known.end()) << type;
  }
  EXPECT_NO_THROW(read_package(fixture_text()));
}

TEST(FrameworksCasePackage, ReportsEveryProblemAtOnceAtItsJsonPath) {
  auto json = fixture();
  auto& items = json["CFItems"];
  auto& associations = json["CFAssociations"];
  ASSERT_GT(items.size(), 8u);
  ASSERT_GT(associations.size(), 4u);
  items[3].erase("fullStatement");
  items[5]["identifier"] = "not-a-uuid";
  items[6]["lastChangeDateTime"] = "2025-06-15 14:30";
  items[8]["identifier"] = items[7]["identifier"];
  associations[2]["associationType"] = "isCousinOf";
  associations[4]["originNodeURI"].erase("uri");

  auto problems = problems_of(json.dump(2));
  using Key = std::pair<std::string, std::string>;
  EXPECT_EQ(fields_and_keys(problems),
            (std::set<Key>{
                {"/CFItems/3/fullStatement", "frameworks.case.required"},
                {"/CFItems/5/identifier", "frameworks.case.not_uuid"},
                {"/CFItems/6/lastChangeDateTime", "frameworks.case.not_date_time"},
                {"/CFItems/8/identifier", "frameworks.case.duplicate_identifier"},
                {"/CFAssociations/2/associationType", "frameworks.case.unknown_association_type"},
                {"/CFAssociations/4/originNodeURI/uri", "frameworks.case.required"},
            }));
  EXPECT_EQ(problems.size(), 6u) << "a problem was reported twice";
  // The detail names the offending value, so a person can find it.
  auto* type = find_problem(problems, "/CFAssociations/2/associationType");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->detail, "isCousinOf");
  auto* duplicate = find_problem(problems, "/CFItems/8/identifier");
  ASSERT_NE(duplicate, nullptr);
  EXPECT_EQ(duplicate->detail, items[7]["identifier"].get<std::string>());
}

TEST(FrameworksCasePackage, ReportsProblemsInDefinitionsAndRubricsAtTheirPaths) {
  auto json = fixture();
  json["CFDefinitions"]["CFItemTypes"][1].erase("hierarchyCode");
  json["CFDefinitions"]["CFLicenses"][0]["licenseText"] = 42;
  json["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][1]["score"] = "two";
  json["CFDocument"]["statusStartDate"] = "July 2025";
  auto problems = problems_of(json.dump());
  using Key = std::pair<std::string, std::string>;
  EXPECT_EQ(fields_and_keys(problems),
            (std::set<Key>{
                {"/CFDefinitions/CFItemTypes/1/hierarchyCode", "frameworks.case.required"},
                {"/CFDefinitions/CFLicenses/0/licenseText", "frameworks.case.not_string"},
                {"/CFRubrics/0/CFRubricCriteria/0/CFRubricCriterionLevels/1/score",
                 "frameworks.case.not_number"},
                {"/CFDocument/statusStartDate", "frameworks.case.not_date"},
            }));
}

TEST(FrameworksCasePackage, ANonArrayListIsReportedWithTheOtherProblems) {
  auto json = fixture();
  json["CFItems"] = Json::object({{"0", json["CFItems"][0]}});
  json["CFDocument"].erase("title");
  json["CFAssociations"][1]["lastChangeDateTime"] = "yesterday";
  auto problems = problems_of(json.dump());
  using Key = std::pair<std::string, std::string>;
  EXPECT_EQ(fields_and_keys(problems),
            (std::set<Key>{
                {"/CFItems", "frameworks.case.not_array"},
                {"/CFDocument/title", "frameworks.case.required"},
                {"/CFAssociations/1/lastChangeDateTime", "frameworks.case.not_date_time"},
            }));
}

TEST(FrameworksCasePackage, RejectsWhatIsNotAPackage) {
  EXPECT_EQ(fields_and_keys(problems_of("[1, 2]")),
            (std::set<std::pair<std::string, std::string>>{{"", "frameworks.case.not_object"}}));
  EXPECT_EQ(
      fields_and_keys(problems_of(R"({"CFItems": []})")),
      (std::set<std::pair<std::string, std::string>>{{"/CFDocument", "frameworks.case.required"}}));
  auto json = fixture();
  json["CFItems"][0] = "an item";
  EXPECT_EQ(fields_and_keys(problems_of(json.dump())),
            (std::set<std::pair<std::string, std::string>>{
                {"/CFItems/0", "frameworks.case.not_object"}}));
}

TEST(FrameworksCasePackage, ASyntaxErrorNamesItsLineAndColumn) {
  // The second comma on line 3 is the first byte that cannot be JSON: column 18.
  const std::string text =
      "{\n"
      "  \"CFDocument\": {\n"
      "    \"title\": \"x\",,\n"
      "    \"creator\": \"y\"\n"
      "  }\n"
      "}\n";
  auto problems = problems_of(text);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "");
  EXPECT_EQ(problems[0].message_key, "frameworks.case.not_json");
  EXPECT_EQ(problems[0].detail, "line 3, column 18");

  auto truncated = problems_of("{\n  \"CFItems\": [\n");
  ASSERT_EQ(truncated.size(), 1u);
  EXPECT_EQ(truncated[0].message_key, "frameworks.case.not_json");
  EXPECT_NE(truncated[0].detail.find("line 3"), std::string::npos) << truncated[0].detail;
}

TEST(FrameworksCasePackage, ChecksDateTimesAsRfc3339) {
  auto with_time = [](const std::string& value) {
    auto json = fixture();
    json["CFDocument"]["lastChangeDateTime"] = value;
    return json.dump();
  };
  for (const auto* good : {"2025-06-15T14:30:00Z", "2025-06-15T14:30:00+05:30",
                           "2025-06-15T14:30:00.125-07:00", "2025-06-15t14:30:00z"}) {
    EXPECT_NO_THROW(read_package(with_time(good))) << good;
  }
  for (const auto* bad : {"2025-06-15", "2025-06-15T14:30Z", "2025-06-15T14:30:00",
                          "2025-06-15T14:30:00+0530", "2025-06-15T14:30:00.Z", "15/06/2025"}) {
    EXPECT_EQ(fields_and_keys(problems_of(with_time(bad))),
              (std::set<std::pair<std::string, std::string>>{
                  {"/CFDocument/lastChangeDateTime", "frameworks.case.not_date_time"}}))
        << bad;
  }
}

TEST(FrameworksCasePackage, ReadsATextThatStartsWithAByteOrderMark) {
  auto package = read_package("\xEF\xBB\xBF" + fixture_text());
  EXPECT_EQ(package.items.size(), fixture()["CFItems"].size());
}

// Regression test (this failed once). RFC 3339 §5.6 bounds each part (month 01-12, day within the
// month, hour 00-23, minute 00-59, second 00-60); the reader checks only that they are digits.
TEST(FrameworksCasePackage, RejectsDatesAndTimesThatDoNotExist) {
  for (const auto* bad : {"2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-06-15T24:00:00Z",
                          "2025-06-15T14:61:00Z", "2025-06-15T14:30:00+25:00"}) {
    auto json = fixture();
    json["CFDocument"]["lastChangeDateTime"] = bad;
    EXPECT_EQ(fields_and_keys(problems_of(json.dump())),
              (std::set<std::pair<std::string, std::string>>{
                  {"/CFDocument/lastChangeDateTime", "frameworks.case.not_date_time"}}))
        << bad;
  }
  auto json = fixture();
  json["CFDocument"]["statusStartDate"] = "2025-00-10";
  EXPECT_FALSE(problems_of(json.dump()).empty());
}

TEST(FrameworksCasePackage, ItemsAndAssociationsLoseTheirCFDocumentUriInPackageForm) {
  auto json = fixture();
  // Other tools export items with CFDocumentURI; the package already says which document.
  ASSERT_TRUE(json["CFItems"][0].contains("CFDocumentURI"));
  auto package = read_package(fixture_text());
  for (const auto& item : package.items) EXPECT_FALSE(item.contains("CFDocumentURI")) << item;
  for (const auto& a : package.associations) EXPECT_FALSE(a.contains("CFDocumentURI")) << a;
  auto out = to_json(package);
  for (const auto& item : out["CFItems"]) EXPECT_FALSE(item.contains("CFDocumentURI"));
}

TEST(FrameworksCasePackage, WritingAReadPackageKeepsEveryFieldOfEveryObject) {
  auto json = fixture();
  auto out = to_json(read_package(fixture_text()));
  EXPECT_EQ(out["CFDocument"], json["CFDocument"]);
  ASSERT_EQ(out["CFItems"].size(), json["CFItems"].size());
  for (std::size_t i = 0; i < json["CFItems"].size(); ++i) {
    EXPECT_EQ(out["CFItems"][i], without_document_uri(json["CFItems"][i])) << "CFItems/" << i;
  }
  ASSERT_EQ(out["CFAssociations"].size(), json["CFAssociations"].size());
  for (std::size_t i = 0; i < json["CFAssociations"].size(); ++i) {
    EXPECT_EQ(out["CFAssociations"][i], without_document_uri(json["CFAssociations"][i]))
        << "CFAssociations/" << i;
  }
  for (const auto& [kind, list] : json["CFDefinitions"].items()) {
    ASSERT_EQ(out["CFDefinitions"][kind].size(), list.size()) << kind;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(out["CFDefinitions"][kind][i], list[i]) << kind << "/" << i;
    }
  }
  EXPECT_EQ(out["CFRubrics"], json["CFRubrics"]);
  EXPECT_EQ(out.size(), json.size()) << out.dump().substr(0, 200);
}

TEST(FrameworksCasePackage, KeepsFieldsItDoesNotKnow) {
  // A later CASE version (or a vendor) adds fields; an export must give them back.
  auto json = fixture();
  json["CFDocument"]["frameworkType"] = "Standards";
  json["CFItems"][2]["extensions"] = {{"vendor", {{"tag", 7}}}};
  json["CFAssociations"][0]["notes"] = "kept";
  auto out = to_json(read_package(json.dump()));
  EXPECT_EQ(out["CFDocument"]["frameworkType"], "Standards");
  EXPECT_EQ(out["CFItems"][2]["extensions"], json["CFItems"][2]["extensions"]);
  EXPECT_EQ(out["CFAssociations"][0]["notes"], "kept");
}

TEST(FrameworksCasePackage, RecognisesCanonicalUuidsOnly) {
  EXPECT_TRUE(is_uuid("9d2da7b1-0051-5396-ab93-cf473950e07d"));
  EXPECT_TRUE(is_uuid("9D2DA7B1-0051-5396-AB93-CF473950E07D"));
  EXPECT_TRUE(is_uuid("9d2dA7b1-0051-5396-Ab93-cf473950E07d"));
  EXPECT_TRUE(is_uuid("00000000-0000-0000-0000-000000000000"));
  EXPECT_FALSE(is_uuid(""));
  EXPECT_FALSE(is_uuid("not-a-uuid"));
  EXPECT_FALSE(is_uuid("9d2da7b100515396ab93cf473950e07d"));        // no dashes
  EXPECT_FALSE(is_uuid("{9d2da7b1-0051-5396-ab93-cf473950e07d}"));  // braces
  EXPECT_FALSE(is_uuid("9d2da7b1-0051-5396-ab93-cf473950e07"));     // one short
  EXPECT_FALSE(is_uuid("9d2da7b1-0051-5396-ab93-cf473950e07d0"));   // one long
  EXPECT_FALSE(is_uuid("9d2da7b1-00515-396-ab93-cf473950e07d"));    // dash moved
  EXPECT_FALSE(is_uuid("9d2da7b1-0051-5396-ab93-cf473950e07g"));    // not hexadecimal
  EXPECT_FALSE(is_uuid(" 9d2da7b1-0051-5396-ab93-cf473950e07"));    // leading space
  EXPECT_FALSE(is_uuid("9d2da7b1_0051_5396_ab93_cf473950e07d"));    // wrong separator
  EXPECT_FALSE(is_uuid(std::string_view("9d2da7b1-0051-5396-ab93-cf473950e07\0", 36)));
}

TEST(FrameworksCasePackage, LinkUrisNameTheObject) {
  auto json = fixture();
  auto document = link_uri(json["CFDocument"]);
  EXPECT_EQ(document, (Json{{"title", json["CFDocument"]["title"]},
                            {"identifier", json["CFDocument"]["identifier"]},
                            {"uri", json["CFDocument"]["uri"]}}));
  // Every item of the fixture names its document the way link_uri does.
  for (const auto& item : json["CFItems"]) EXPECT_EQ(item["CFDocumentURI"], document);

  Json item = {{"identifier", "i"},
               {"uri", "u"},
               {"humanCodingScheme", "AP.1"},
               {"fullStatement", "Students develop algorithms."}};
  EXPECT_EQ(link_uri(item)["title"], "AP.1 Students develop algorithms.");
  item["abbreviatedStatement"] = "Algorithms";
  EXPECT_EQ(link_uri(item)["title"], "AP.1 Algorithms");
  item.erase("humanCodingScheme");
  EXPECT_EQ(link_uri(item)["title"], "Algorithms");
  EXPECT_EQ(link_uri(item)["identifier"], "i");
  EXPECT_EQ(link_uri(item)["uri"], "u");
}

TEST(FrameworksCasePackage, ReportsAManyProblemPackageWithoutListingEveryOne) {
  auto json = fixture();
  auto item = json["CFItems"][0];
  item.erase("fullStatement");
  json["CFItems"] = Json::array();
  for (int i = 0; i < 2000; ++i) json["CFItems"].push_back(item);  // each also a duplicate
  auto problems = problems_of(json.dump());
  ASSERT_FALSE(problems.empty());
  EXPECT_LT(problems.size(), 2000u);
  EXPECT_EQ(problems.back().message_key, "frameworks.case.more_problems");
  EXPECT_EQ(problems.front().field, "/CFItems/0/fullStatement");
}

}  // namespace
}  // namespace lodestar::frameworks
