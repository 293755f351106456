// The seed frameworks Lodestar ships (src/frameworks/seeds/) against the source texts they were
// transcribed from (tests/frameworks/seeds/00N_*.txt): every statement is the source's words,
// every indicator of the source is there under the code the edition uses, each framework carries
// its citation, and every crosswalk link joins two existing indicators and says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "frameworks/service.h"

namespace lodestar::frameworks {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kSource = LODESTAR_SOURCE_DIR;
const fs::path kSeeds = kSource / "src/frameworks/seeds";
const fs::path kTexts = kSource / "tests/frameworks/seeds";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path << " is missing";
  return {std::istreambuf_iterator<char>(in), {}};
}

Json read_json(const fs::path& path) {
  return Json::parse(read_text(path));
}

// The source text of seed 00N (its file name ends in a content hash).
std::string seed_text(int n) {
  std::string prefix = "00" + std::to_string(n) + "_";
  for (const auto& entry : fs::directory_iterator(kTexts)) {
    if (entry.path().filename().string().starts_with(prefix)) return read_text(entry.path());
  }
  ADD_FAILURE() << "no seed text " << prefix << "* in " << kTexts;
  return {};
}

// Runs of white space become one space; none at either end.
std::string collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool blank(const std::string& line) {
  return collapse(line).empty();
}

// What the source text says one standard or indicator is.
struct SourceEntry {
  std::string code;
  std::string parent;  // the standard's code; "" for a standard
  std::string title;   // "" when the source gives none
  std::string statement;
};

bool is_standard(const SourceEntry& e) {
  return e.parent.empty();
}

// 000, ISTE Standards for Education Leaders (2018): " 1. Title", its statement, then indicators
// "a.<tab> text" that run on to a blank line. Codes "1", "1a".
std::vector<SourceEntry> parse_leaders_2018(const std::string& text) {
  static const std::regex kStandard(R"(^\s*([1-9])\.\s+(.+?)\s*$)");
  static const std::regex kIndicator(R"(^([a-z])\.\s+(.*)$)");
  std::vector<SourceEntry> out;
  auto lines = lines_of(text);
  std::string standard;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, kStandard)) {
      standard = m[1];
      std::string statement;
      for (std::size_t j = i + 1; j < lines.size() && !blank(lines[j]); ++j) {
        statement += lines[j] + " ";
      }
      out.push_back({standard, "", m[2], collapse(statement)});
    } else if (std::regex_match(lines[i], m, kIndicator)) {
      std::string statement = m[2].str() + " ";
      for (std::size_t j = i + 1;
           j < lines.size() && !blank(lines[j]) && !std::regex_match(lines[j], kStandard); ++j) {
        statement += lines[j] + " ";
      }
      out.push_back({standard + m[1].str(), standard, "", collapse(statement)});
    }
  }
  return out;
}

// 001, ISTE Standards for Education Leaders (2024), as scraped from the web page: statements
// beginning "Leaders", a standard's indented less than its indicators'. Codes "3.1", "3.1.a"
// (the Leaders section is the third of the ISTE Standards).
std::vector<SourceEntry> parse_leaders_2024(const std::string& text) {
  std::vector<std::pair<std::size_t, std::string>> statements;  // indent, text
  for (const auto& line : lines_of(text)) {
    auto start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, 8, "Leaders ") != 0) continue;
    statements.emplace_back(start, collapse(line));
  }
  std::size_t standard_indent = std::string::npos;
  for (const auto& [indent, _] : statements) standard_indent = std::min(standard_indent, indent);
  std::vector<SourceEntry> out;
  int standards = 0;
  char letter = 'a';
  std::string standard;
  for (const auto& [indent, statement] : statements) {
    if (indent == standard_indent) {
      standard = "3." + std::to_string(++standards);
      letter = 'a';
      out.push_back({standard, "", "", statement});
    } else {
      out.push_back({standard + "." + std::string(1, letter++), standard, "", statement});
    }
  }
  return out;
}

// 002, ISTE Technology Director Standards: "1. Title" then its statement; elements "1.1 Title"
// or "1.2. Title" (one carries a stray "[bookmark: _GoBack]") then their statement.
std::vector<SourceEntry> parse_technology_director(const std::string& text) {
  static const std::regex kStandard(R"(^([1-9])\.\s+([A-Z].*?)\s*$)");
  static const std::regex kElement(R"(^(?:\[bookmark: [^\]]*\])?([1-9])\.([1-9])\.?\s+(.+?)\s*$)");
  std::vector<SourceEntry> out;
  auto lines = lines_of(text);
  auto next_statement = [&](std::size_t i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (!blank(lines[j])) return collapse(lines[j]);
    }
    return std::string();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, kElement)) {
      out.push_back({m[1].str() + "." + m[2].str(), m[1], m[3], next_statement(i)});
    } else if (std::regex_match(lines[i], m, kStandard)) {
      out.push_back({m[1], "", m[2], next_statement(i)});
    }
  }
  return out;
}

// 003, ISTE NETS for Administrators, Technology Director profile: "1. Title. Statement" (one
// title stands alone, its statement on a later line) and indicators "- a. text". Codes "1",
// "1.a".
std::vector<SourceEntry> parse_nets_a(const std::string& text) {
  static const std::regex kStandard(R"(^([1-9])\.\s+(.+?)\.(?:\s+(.*))?$)");
  static const std::regex kIndicator(R"(^- ([a-z])\.\s+(.*)$)");
  std::vector<SourceEntry> out;
  auto lines = lines_of(text);
  std::string standard;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, kIndicator)) {
      out.push_back({standard + "." + m[1].str(), standard, "", collapse(m[2].str())});
    } else if (std::regex_match(lines[i], m, kStandard)) {
      standard = m[1];
      std::string statement = m[3];
      for (std::size_t j = i + 1; statement.empty() && j < lines.size(); ++j) {
        if (!blank(lines[j])) statement = lines[j];
      }
      out.push_back({standard, "", m[2], collapse(statement)});
    }
  }
  return out;
}

struct Framework {
  std::string key;  // its file in src/frameworks/seeds/
  int text;         // its source text, tests/frameworks/seeds/00N_*.txt
  std::vector<SourceEntry> (*parse)(const std::string&);
  std::string standard_code;   // a standard's humanCodingScheme (a regular expression)
  std::string indicator_code;  // an indicator's
  bool indicators_have_titles;
};

void PrintTo(const Framework& framework, std::ostream* out) {
  *out << framework.key;
}

const std::vector<Framework>& frameworks() {
  static const std::vector<Framework> list = {
      {"iste-leaders-2018", 0, parse_leaders_2018, "[1-9]", "[1-9][a-z]", false},
      {"iste-leaders-2024", 1, parse_leaders_2024, "3\\.[1-9]", "3\\.[1-9]\\.[a-z]", false},
      {"iste-technology-director", 2, parse_technology_director, "[1-9]", "[1-9]\\.[1-9]", true},
      {"nets-a-technology-director", 3, parse_nets_a, "[1-9]", "[1-9]\\.[a-z]", false},
  };
  return list;
}

std::map<std::string, Json> items_by_code(const Json& package) {
  std::map<std::string, Json> out;
  for (const auto& item : package["CFItems"]) {
    EXPECT_TRUE(out.emplace(item.value("humanCodingScheme", ""), item).second)
        << "code used twice: " << item.value("humanCodingScheme", "");
  }
  return out;
}

class FrameworksSeed : public ::testing::TestWithParam<Framework> {
 protected:
  void SetUp() override {
    package_ = read_json(kSeeds / (GetParam().key + ".json"));
    text_ = seed_text(GetParam().text);
    source_ = GetParam().parse(text_);
  }
  Json package_;
  std::string text_;
  std::vector<SourceEntry> source_;
};

TEST_P(FrameworksSeed, IsAValidCasePackage) {
  EXPECT_NO_THROW(read_package(package_.dump()));
}

TEST_P(FrameworksSeed, EveryStatementIsTheSourcesWords) {
  auto text = collapse(text_);
  ASSERT_FALSE(package_["CFItems"].empty());
  for (const auto& item : package_["CFItems"]) {
    auto statement = collapse(item["fullStatement"].get<std::string>());
    EXPECT_FALSE(statement.empty()) << item;
    EXPECT_NE(text.find(statement), std::string::npos)
        << item["humanCodingScheme"] << " is not in the source: " << statement;
  }
}

TEST_P(FrameworksSeed, EveryIndicatorOfTheSourceIsThereUnderItsCode) {
  std::size_t standards = 0, indicators = 0;
  for (const auto& e : source_) (is_standard(e) ? standards : indicators) += 1;
  ASSERT_GT(standards, 0u) << "the source text did not parse";
  ASSERT_GT(indicators, standards) << "the source text did not parse";

  std::size_t package_standards = 0, package_indicators = 0;
  for (const auto& item : package_["CFItems"]) {
    (item.value("CFItemType", "") == "Standard" ? package_standards : package_indicators) += 1;
  }
  EXPECT_EQ(package_standards, standards);
  EXPECT_EQ(package_indicators, indicators);

  auto items = items_by_code(package_);
  for (const auto& e : source_) {
    auto it = items.find(e.code);
    if (it == items.end()) {
      ADD_FAILURE() << "no item with code " << e.code << ": " << e.statement;
      continue;
    }
    const auto& item = it->second;
    EXPECT_EQ(item.value("CFItemType", "") == "Standard", is_standard(e)) << e.code;
    auto statement = collapse(item["fullStatement"].get<std::string>());
    if (is_standard(e)) {
      // A standard's statement leaves out the lead-in to its list ("Education leaders:").
      EXPECT_TRUE(e.statement.starts_with(statement)) << e.code << ": " << statement;
    } else {
      EXPECT_EQ(statement, e.statement) << e.code;
    }
    if (!e.title.empty()) {
      EXPECT_EQ(item.value("abbreviatedStatement", ""), e.title) << e.code;
    }
  }
}

TEST_P(FrameworksSeed, CodesFollowTheEdition) {
  const std::regex standard(GetParam().standard_code);
  const std::regex indicator(GetParam().indicator_code);
  for (const auto& item : package_["CFItems"]) {
    auto code = item.value("humanCodingScheme", "");
    if (item.value("CFItemType", "") == "Standard") {
      EXPECT_TRUE(std::regex_match(code, standard)) << "standard code " << code;
      EXPECT_FALSE(item.value("abbreviatedStatement", "").empty()) << "untitled standard " << code;
    } else {
      EXPECT_TRUE(std::regex_match(code, indicator)) << "indicator code " << code;
      if (GetParam().indicators_have_titles) {
        EXPECT_FALSE(item.value("abbreviatedStatement", "").empty()) << "untitled " << code;
      }
    }
  }
}

TEST_P(FrameworksSeed, EachIndicatorIsAChildOfItsStandardAndEachStandardOfTheDocument) {
  auto items = items_by_code(package_);
  std::map<std::string, std::string> code_of;
  for (const auto& [code, item] : items) code_of[item["identifier"].get<std::string>()] = code;
  std::map<std::string, std::string> parent_of;  // code → parent code ("" for the document)
  const auto document = package_["CFDocument"]["identifier"].get<std::string>();
  for (const auto& a : package_["CFAssociations"]) {
    if (a["associationType"] != "isChildOf") continue;
    auto origin = a["originNodeURI"]["identifier"].get<std::string>();
    auto destination = a["destinationNodeURI"]["identifier"].get<std::string>();
    ASSERT_TRUE(code_of.contains(origin)) << a;
    ASSERT_TRUE(destination == document || code_of.contains(destination)) << a;
    EXPECT_TRUE(
        parent_of.emplace(code_of[origin], destination == document ? "" : code_of[destination])
            .second)
        << code_of[origin] << " has two parents";
  }
  for (const auto& e : source_) {
    ASSERT_TRUE(parent_of.contains(e.code)) << e.code << " is outside the outline";
    EXPECT_EQ(parent_of[e.code], e.parent) << e.code;
  }
  EXPECT_EQ(parent_of.size(), package_["CFItems"].size());
}

TEST_P(FrameworksSeed, CarriesItsCitation) {
  const auto& document = package_["CFDocument"];
  auto notes = document.value("notes", "");
  EXPECT_NE(notes.find("ISTE"), std::string::npos) << notes;
  EXPECT_NE(notes.find("All rights reserved."), std::string::npos) << notes;
  ASSERT_TRUE(document.contains("licenseURI"));
  auto license_id = document["licenseURI"]["identifier"];
  std::optional<Json> license;
  for (const auto& l : package_["CFDefinitions"]["CFLicenses"]) {
    if (l["identifier"] == license_id) license = l;
  }
  ASSERT_TRUE(license) << "licenseURI names no CFLicense of the package";
  EXPECT_EQ((*license)["licenseText"], notes);
  // Where the source states its citation, the framework carries it word for word.
  for (const auto& line : lines_of(text_)) {
    if (line.starts_with("ISTE Standards ©")) {
      EXPECT_EQ(notes, collapse(line));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, FrameworksSeed, ::testing::ValuesIn(frameworks()),
                         [](const auto& info) {
                           std::string name = info.param.key;
                           std::erase(name, '-');
                           return name;
                         });

TEST(FrameworksSeeds, The2024LeadersCiteTheirEditionAsTheSourceDoes) {
  auto document = read_json(kSeeds / "iste-leaders-2024.json")["CFDocument"];
  const std::string citation =
      "ISTE Standards © 2024 4.02, ISTE (International Society for Technology in Education), "
      "iste.org. All rights reserved.";
  EXPECT_NE(seed_text(1).find(citation), std::string::npos);
  EXPECT_EQ(document["notes"], citation);
}

// A crosswalk file and the frameworks its associations run from and to.
struct Crosswalk {
  std::string key;
  std::string from;
  std::string to;
};

TEST(FrameworksSeeds, EveryCrosswalkLinkJoinsTwoIndicatorsAndSaysWhy) {
  const std::vector<Crosswalk> crosswalks = {
      {"crosswalk-leaders-2018-2024", "iste-leaders-2018", "iste-leaders-2024"},
      {"crosswalk-technology-director-leaders-2024", "iste-technology-director",
       "iste-leaders-2024"},
      {"crosswalk-technology-director-nets-a", "iste-technology-director",
       "nets-a-technology-director"}};
  std::set<std::string> seen;
  for (const auto& entry : fs::directory_iterator(kSeeds)) {
    auto name = entry.path().filename().string();
    if (name.starts_with("crosswalk-") && !name.ends_with(".rationale.json")) seen.insert(name);
  }
  EXPECT_EQ(seen.size(), crosswalks.size()) << "a crosswalk file this test does not know";

  for (const auto& c : crosswalks) {
    SCOPED_TRACE(c.key);
    auto package = read_json(kSeeds / (c.key + ".json"));
    auto rationale = read_json(kSeeds / (c.key + ".rationale.json"));
    EXPECT_NO_THROW(read_package(package.dump()));
    std::map<std::string, Json> from, to;
    auto from_package = read_json(kSeeds / (c.from + ".json"));
    auto to_package = read_json(kSeeds / (c.to + ".json"));
    for (const auto& item : from_package["CFItems"]) {
      from[item["identifier"].get<std::string>()] = item;
    }
    for (const auto& item : to_package["CFItems"]) {
      to[item["identifier"].get<std::string>()] = item;
    }
    ASSERT_FALSE(package["CFAssociations"].empty());
    std::set<std::string> ids;
    for (const auto& a : package["CFAssociations"]) {
      auto id = a["identifier"].get<std::string>();
      ids.insert(id);
      auto origin = a["originNodeURI"]["identifier"].get<std::string>();
      auto destination = a["destinationNodeURI"]["identifier"].get<std::string>();
      ASSERT_TRUE(from.contains(origin)) << id << ": origin not in " << c.from;
      ASSERT_TRUE(to.contains(destination)) << id << ": destination not in " << c.to;
      // The link's titles name the indicators it joins.
      EXPECT_TRUE(a["originNodeURI"]["title"].get<std::string>().starts_with(
          from[origin]["humanCodingScheme"].get<std::string>() + " "))
          << id;
      EXPECT_TRUE(a["destinationNodeURI"]["title"].get<std::string>().starts_with(
          to[destination]["humanCodingScheme"].get<std::string>() + " "))
          << id;
      ASSERT_TRUE(rationale.contains(id)) << id << " has no rationale";
      EXPECT_FALSE(collapse(rationale[id].get<std::string>()).empty()) << id;
    }
    for (const auto& [id, _] : rationale.items()) {
      EXPECT_TRUE(ids.contains(id)) << "a rationale for no association: " << id;
    }
  }
}

TEST(FrameworksSeeds, TheBinaryShipsTheseFiles) {
  // What Lodestar loads on start is compiled in; it must be what this test read.
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(kSeeds)) {
    auto name = entry.path().filename().string();
    if (name.ends_with(".json") && !name.ends_with(".rationale.json") &&
        name != "vocabulary.json") {
      on_disk.insert(name.substr(0, name.size() - 5));
    }
  }
  std::set<std::string> shipped;
  for (const auto& seed : seed_packages()) {
    shipped.insert(seed.name);
    EXPECT_EQ(seed.json, read_text(kSeeds / (seed.name + ".json"))) << seed.name;
  }
  EXPECT_EQ(shipped, on_disk);
  for (const auto& f : frameworks()) EXPECT_TRUE(shipped.contains(f.key)) << f.key;
}

}  // namespace
}  // namespace lodestar::frameworks
