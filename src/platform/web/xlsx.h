// Tables as an Excel workbook (.xlsx), for people who take a report into a spreadsheet: one sheet
// per table, the header row bold and frozen, columns wide enough for their content.
//
// Text is always written as text: a cell such as "=HYPERLINK(…)" typed by a user is shown as
// those characters and never run as a formula (the spreadsheet form of CSV injection, which
// csv.h answers with an apostrophe). Numbers are written as numbers, so they sum and sort.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/http/response.h"

namespace lodestar::web {

constexpr std::string_view kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// One cell: empty, text (UTF-8), or a number.
using XlsxCell = std::variant<std::monostate, std::string, double>;

// One sheet. `name` may be anything: it is made into a valid sheet name (Excel allows at most 31
// characters, none of []:*?/\, and no two sheets whose names differ only in case).
struct XlsxSheet {
  std::string name;
  std::vector<std::string> headers;
  std::vector<std::vector<XlsxCell>> rows;
};

// The bytes of a workbook holding `sheets` in order (an empty list gives one empty sheet).
// REQUIRES: numbers are finite; text is at most 32,767 bytes per cell; at most 1,048,575 rows
// and 16,384 columns per sheet (Excel's limits).
// Throws std::invalid_argument for a number that is not finite, and std::runtime_error when
// libxlsxwriter or the file system fails (including for text or tables beyond Excel's limits).
// Leaves no temporary file behind.
std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets);

// A download of a workbook: `bytes` as an attachment named `filename` (".xlsx" is added if it is
// missing; characters unsafe in a header are replaced).
http::Response xlsx_download(std::string filename, std::string bytes);

}  // namespace lodestar::web
