#include "platform/web/xlsx.h"

#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::web {
namespace {

// The entry `name` of the zip held in `bytes`, or nothing when the zip has no such entry.
std::optional<std::string> zip_entry(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* opened =
      source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  zip_error_fini(&error);
  if (opened == nullptr) {
    if (source != nullptr) zip_source_free(source);
    throw std::runtime_error("not a readable zip");
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(opened, &zip_discard);
  zip_stat_t stat;
  if (zip_stat(archive.get(), name, 0, &stat) != 0) return std::nullopt;
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive.get(), name, 0),
                                                          &zip_fclose);
  if (!file) throw std::runtime_error("cannot open the entry");
  std::string content(stat.size, '\0');
  if (zip_fread(file.get(), content.data(), content.size()) !=
      static_cast<zip_int64_t>(content.size())) {
    throw std::runtime_error("short read");
  }
  return content;
}

std::string entry(const std::string& bytes, const char* name) {
  auto content = zip_entry(bytes, name);
  if (!content) throw std::runtime_error(std::string("no entry ") + name);
  return *content;
}

// The sheet names in the order of xl/workbook.xml.
std::vector<std::string> sheet_names(const std::string& bytes) {
  const std::string workbook = entry(bytes, "xl/workbook.xml");
  static const std::regex kSheet("<sheet name=\"([^\"]*)\"");
  std::vector<std::string> names;
  for (std::sregex_iterator it(workbook.begin(), workbook.end(), kSheet), end; it != end; ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

XlsxSheet visits() {
  return {.name = "Visits",
          .headers = {"School", "Score", "Note"},
          .rows = {{std::string("Lincoln Elementary"), 42.5, std::string("=1+1")},
                   {std::string("Adams Middle"), std::monostate{}, std::string("fine")}}};
}

TEST(XlsxWorkbook, IsAZipWithTheSheetAndItsStrings) {
  const std::string bytes = xlsx_workbook({visits()});
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04"));
  const std::string sheet = entry(bytes, "xl/worksheets/sheet1.xml");
  const std::string strings = entry(bytes, "xl/sharedStrings.xml");
  for (const char* text : {"School", "Score", "Note", "Lincoln Elementary", "Adams Middle"}) {
    EXPECT_NE(strings.find(std::string(">") + text + "<"), std::string::npos) << text;
  }
  EXPECT_EQ(sheet_names(bytes), std::vector<std::string>{"Visits"});
}

TEST(XlsxWorkbook, WritesTextThatLooksLikeAFormulaAsText) {
  const std::string bytes = xlsx_workbook({visits()});
  EXPECT_NE(entry(bytes, "xl/sharedStrings.xml").find(">=1+1<"), std::string::npos);
  const std::string sheet = entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_EQ(sheet.find("<f "), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"C2\" t=\"s\">"), std::string::npos);
}

TEST(XlsxWorkbook, WritesNumbersAsNumbers) {
  const std::string sheet = entry(xlsx_workbook({visits()}), "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<c r=\"B2\"><v>42.5</v></c>"), std::string::npos) << sheet;
  EXPECT_EQ(sheet.find("<c r=\"B3\""), std::string::npos);  // an empty cell is not written
}

TEST(XlsxWorkbook, BoldsAndFreezesTheHeaderRow) {
  const std::string bytes = xlsx_workbook({visits()});
  const std::string sheet = entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A1\" s=\"1\" t=\"s\">"), std::string::npos) << sheet;
  EXPECT_NE(entry(bytes, "xl/styles.xml").find("<b/>"), std::string::npos);
}

TEST(XlsxWorkbook, FitsColumnWidthsToContentUpToACap) {
  XlsxSheet sheet{.name = "Widths", .headers = {"A", "Long"}, .rows = {}};
  sheet.rows.push_back({std::string("x"), std::string(500, 'y')});
  const std::string xml = entry(xlsx_workbook({sheet}), "xl/worksheets/sheet1.xml");
  static const std::regex kCol("<col min=\"(\\d+)\" max=\"\\d+\" width=\"([0-9.]+)\"");
  std::vector<double> widths;
  for (std::sregex_iterator it(xml.begin(), xml.end(), kCol), end; it != end; ++it) {
    widths.push_back(std::stod((*it)[2]));
  }
  ASSERT_EQ(widths.size(), 2u) << xml;
  EXPECT_LT(widths[0], 10);
  EXPECT_GT(widths[1], 30);
  EXPECT_LE(widths[1], 61);
}

TEST(XlsxWorkbook, GivesClashingLongSheetNamesDistinctValidNames) {
  const std::string name = "Evidence: walkthroughs [2024/25] * by school? yes\\no";
  XlsxSheet first = visits(), second = visits(), third = visits();
  first.name = second.name = name;
  third.name = "history";
  const auto names = sheet_names(xlsx_workbook({first, second, third}));
  ASSERT_EQ(names.size(), 3u);
  EXPECT_NE(names[0], names[1]);
  EXPECT_NE(names[2], "history");
  for (const auto& n : names) {
    EXPECT_LE(n.size(), 31u) << n;
    EXPECT_FALSE(n.empty());
    EXPECT_EQ(n.find_first_of("[]:*?/\\"), std::string::npos) << n;
    EXPECT_NE(n.front(), '\'');
    EXPECT_NE(n.back(), '\'');
  }
  EXPECT_TRUE(names[0].starts_with("Evidence_ walkthroughs _2024_")) << names[0];
  EXPECT_TRUE(names[1].ends_with(" (2)")) << names[1];
}

TEST(XlsxWorkbook, NamesSheetsThatHaveNoUsableName) {
  XlsxSheet empty = visits(), quotes = visits();
  empty.name = "";
  quotes.name = "'''";
  EXPECT_EQ(sheet_names(xlsx_workbook({empty, quotes})),
            (std::vector<std::string>{"Sheet", "Sheet (2)"}));
}

TEST(XlsxWorkbook, CutsNonAsciiSheetNamesOnCharacterBoundaries) {
  XlsxSheet sheet = visits();
  sheet.name = std::string(20, 'a') + "éééééééééééééé";  // 34 characters
  const auto names = sheet_names(xlsx_workbook({sheet}));
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0], std::string(20, 'a') + "ééééééééééé");
}

TEST(XlsxWorkbook, GivesOneEmptySheetForNoTables) {
  const std::string bytes = xlsx_workbook({});
  EXPECT_EQ(sheet_names(bytes), std::vector<std::string>{"Sheet1"});
  EXPECT_TRUE(zip_entry(bytes, "xl/worksheets/sheet1.xml"));
}

TEST(XlsxWorkbook, RefusesANumberThatIsNotFinite) {
  XlsxSheet sheet = visits();
  sheet.rows.push_back({std::numeric_limits<double>::quiet_NaN()});
  EXPECT_THROW(xlsx_workbook({sheet}), std::invalid_argument);
}

// Every temporary file goes under TMPDIR; point it at an empty directory for the test.
class XlsxTemporaryFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name =
        (std::filesystem::temp_directory_path() / "lodestar-xlsx-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(name.data()), nullptr);
    dir_ = name;
    if (const char* old = ::getenv("TMPDIR")) old_ = old;
    ::setenv("TMPDIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (old_) {
      ::setenv("TMPDIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(dir_);
  }
  bool dir_is_empty() const { return std::filesystem::is_empty(dir_); }

  std::filesystem::path dir_;
  std::optional<std::string> old_;
};

TEST_F(XlsxTemporaryFiles, AreRemovedAfterAWorkbook) {
  EXPECT_FALSE(xlsx_workbook({visits()}).empty());
  EXPECT_TRUE(dir_is_empty());
}

TEST_F(XlsxTemporaryFiles, AreRemovedWhenWritingFails) {
  XlsxSheet sheet = visits();
  sheet.rows.push_back({std::string(40000, 'x')});  // beyond Excel's 32,767 characters a cell
  EXPECT_THROW(xlsx_workbook({sheet}), std::runtime_error);
  EXPECT_TRUE(dir_is_empty());
}

TEST(XlsxDownload, IsAnAttachmentWithTheXlsxType) {
  const auto response = xlsx_download("visits.xlsx", "PK\x03\x04");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), kXlsxMime);
  EXPECT_EQ(response.body, "PK\x03\x04");
  EXPECT_EQ(response.header("Content-Disposition"),
            "attachment; filename=\"visits.xlsx\"; filename*=UTF-8''visits.xlsx");
}

TEST(XlsxDownload, KeepsTheFilenameOutOfTheHeaderSyntax) {
  const auto response = xlsx_download("../r\"e\r\nport é", "");
  EXPECT_EQ(response.header("Content-Disposition"),
            "attachment; filename=\"r_e__port __.xlsx\"; "
            "filename*=UTF-8''r%22e%0D%0Aport%20%C3%A9.xlsx");
}

}  // namespace
}  // namespace lodestar::web
