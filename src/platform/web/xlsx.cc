#include "platform/web/xlsx.h"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "platform/http/download.h"
#include "platform/utf8.h"

namespace lodestar::web {
namespace {

constexpr std::size_t kSheetNameMax = 31;  // Excel counts UTF-16 code units
constexpr double kMinWidth = 8.43;         // Excel's default column width, in characters
constexpr double kMaxWidth = 60;           // wider text wraps off the screen anyway

// --- UTF-8 -------------------------------------------------------------------------------------

// `text` split into characters (each its UTF-8 bytes). A malformed byte and NUL (which neither
// XML nor a C string can carry) become U+FFFD, so the workbook stays well-formed XML.
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8::decode(text, c);
    if (length == 0 || c == 0) {
      out.emplace_back("\xEF\xBF\xBD");
      text.remove_prefix(1);
    } else {
      out.emplace_back(text.substr(0, length));
      text.remove_prefix(length);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += chars[i];
  return out;
}

// UTF-16 code units of one character: 2 for a 4-byte UTF-8 sequence (outside the BMP).
std::size_t units(const std::string& character) {
  return character.size() == 4 ? 2 : 1;
}

// `text` as well-formed UTF-8 without NUL (unchanged when it already is).
std::string clean_text(std::string_view text) {
  const auto chars = characters(text);
  return joined(chars, 0, chars.size());
}

// --- Sheet names -------------------------------------------------------------------------------

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// `name` with the characters Excel forbids replaced, apostrophes and spaces trimmed from the
// ends (a name may not start or end with an apostrophe), and "Sheet" for nothing.
std::vector<std::string> sheet_name_characters(std::string_view name) {
  std::vector<std::string> chars = characters(name);
  for (auto& c : chars) {
    if (c.size() == 1 && (std::string_view("[]:*?/\\").find(c[0]) != std::string_view::npos ||
                          static_cast<unsigned char>(c[0]) < 0x20 || c[0] == 0x7F)) {
      c = "_";
    }
  }
  const auto trimmed = [](const std::string& c) { return c == "'" || c == " "; };
  while (!chars.empty() && trimmed(chars.back())) chars.pop_back();
  const auto first = std::find_if_not(chars.begin(), chars.end(), trimmed);
  chars.erase(chars.begin(), first);
  if (chars.empty()) chars = {"S", "h", "e", "e", "t"};
  return chars;
}

// The longest prefix of `chars` that, followed by `suffix`, fits in a sheet name; spaces and
// apostrophes at the cut are dropped so the result is still valid.
std::string fitted(const std::vector<std::string>& chars, const std::string& suffix) {
  std::size_t budget = kSheetNameMax - suffix.size();  // a suffix is ASCII
  std::size_t end = 0;
  for (; end < chars.size() && units(chars[end]) <= budget; ++end) budget -= units(chars[end]);
  while (end > 0 && (chars[end - 1] == " " || chars[end - 1] == "'")) --end;
  return joined(chars, 0, end) + suffix;
}

// Valid, distinct sheet names for `sheets`, in order: a clash gets " (2)", " (3)", ….
std::vector<std::string> sheet_names(const std::vector<XlsxSheet>& sheets) {
  std::set<std::string> taken = {"history"};  // reserved by English-language Excel
  std::vector<std::string> names;
  for (const auto& sheet : sheets) {
    const auto chars = sheet_name_characters(sheet.name);
    std::string name = fitted(chars, "");
    for (int n = 2; name.empty() || taken.contains(ascii_lower(name)); ++n) {
      name = fitted(chars, " (" + std::to_string(n) + ")");
    }
    taken.insert(ascii_lower(name));
    names.push_back(std::move(name));
  }
  return names;
}

// --- Writing -----------------------------------------------------------------------------------

// A private directory (mode 0700, random name) for the workbook and libxlsxwriter's own
// temporary files, removed with everything in it whatever happens.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string name = (std::filesystem::temp_directory_path() / "lodestar-xlsx-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "Cannot create " + name);
    }
    path_ = name;
  }
  ~ScratchDirectory() {
    std::error_code ignored;  // nothing to do about a failed clean-up of a temporary directory
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error("Cannot write the workbook (" + std::string(what) +
                             "): " + lxw_strerror(error));
  }
}

// How wide a cell's content looks, in characters: Excel shows at most 11 digits of a number
// in the General format.
double display_width(const XlsxCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    double width = 0;
    for (const auto& c : characters(*text)) width += static_cast<double>(units(c));
    return width;
  }
  if (const auto* number = std::get_if<double>(&cell)) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, *number);
    return std::min<double>(static_cast<double>(result.ptr - buffer), 11);
  }
  return 0;
}

// Column `index` as libxlsxwriter numbers it; a wider table than Excel allows is an error, not a
// silent wrap-around of the 16-bit column number.
lxw_col_t column(std::size_t index) {
  if (index >= LXW_COL_MAX) {
    throw std::runtime_error("Cannot write the workbook: a table has more than " +
                             std::to_string(LXW_COL_MAX) + " columns");
  }
  return static_cast<lxw_col_t>(index);
}

void write_cell(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell,
                lxw_format* format) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    // Never worksheet_write() or a formula writer: "=…" typed by a user must stay text.
    check(worksheet_write_string(worksheet, row, col, clean_text(*text).c_str(), format),
          "a text cell");
  } else if (const auto* number = std::get_if<double>(&cell)) {
    if (!std::isfinite(*number)) {
      throw std::invalid_argument("A workbook cell holds a number that is not finite (row " +
                                  std::to_string(row + 1) + ", column " + std::to_string(col + 1) +
                                  ")");
    }
    check(worksheet_write_number(worksheet, row, col, *number, format), "a number cell");
  }
}

void write_sheet(lxw_workbook* workbook, const XlsxSheet& sheet, const std::string& name,
                 lxw_format* bold) {
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
  if (worksheet == nullptr) throw std::runtime_error("Cannot add the sheet " + name);
  std::vector<double> widths;
  const auto fit = [&widths](std::size_t col, double width) {
    if (widths.size() <= col) widths.resize(col + 1, 0);
    widths[col] = std::max(widths[col], width);
  };
  lxw_row_t row = 0;
  if (!sheet.headers.empty()) {
    for (std::size_t col = 0; col < sheet.headers.size(); ++col) {
      const XlsxCell header = sheet.headers[col];
      write_cell(worksheet, 0, column(col), header, bold);
      fit(col, display_width(header) * 1.1);  // bold is wider
    }
    worksheet_freeze_panes(worksheet, 1, 0);
    row = 1;
  }
  for (const auto& cells : sheet.rows) {
    for (std::size_t col = 0; col < cells.size(); ++col) {
      write_cell(worksheet, row, column(col), cells[col], nullptr);
      fit(col, display_width(cells[col]));
    }
    ++row;
  }
  for (std::size_t col = 0; col < widths.size(); ++col) {
    const double width = std::clamp(widths[col] + 2, kMinWidth, kMaxWidth);
    const lxw_col_t index = column(col);
    check(worksheet_set_column(worksheet, index, index, width, nullptr), "a column width");
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("Cannot read the workbook written to " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("Cannot read the workbook written to " + path.string());
  return bytes;
}

// --- Downloads ---------------------------------------------------------------------------------

}  // namespace

std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets) {
  const std::vector<std::string> names = sheet_names(sheets);
  ScratchDirectory scratch;
  const std::filesystem::path path = scratch.path() / "workbook.xlsx";
  std::string tmpdir = scratch.path().string();
  lxw_workbook_options options = {};
  options.tmpdir = tmpdir.data();
  std::unique_ptr<lxw_workbook, decltype(&lxw_workbook_free)> workbook(
      workbook_new_opt(path.c_str(), &options), &lxw_workbook_free);
  if (!workbook) throw std::runtime_error("Cannot create a workbook");
  lxw_format* bold = workbook_add_format(workbook.get());
  if (bold == nullptr) throw std::runtime_error("Cannot create a workbook format");
  format_set_bold(bold);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    write_sheet(workbook.get(), sheets[i], names[i], bold);
  }
  check(workbook_close(workbook.release()), "the file");  // frees the workbook, even on error
  return read_file(path);
}

http::Response xlsx_download(std::string filename, std::string bytes) {
  // Only a name, never a path.
  if (const auto slash = filename.find_last_of("/\\"); slash != std::string::npos) {
    filename.erase(0, slash + 1);
  }
  if (filename.empty() || filename.starts_with('.')) filename = "export" + filename;
  if (!ascii_lower(filename).ends_with(".xlsx")) filename += ".xlsx";
  return http::download(std::move(bytes), kXlsxMime, clean_text(filename));
}

}  // namespace lodestar::web
