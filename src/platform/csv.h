// CSV for people to open in a spreadsheet: RFC 4180 quoting, CRLF line ends, and cells that a
// spreadsheet would run as a formula (starting with = + - @) prefixed with an apostrophe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lodestar::csv {

std::string cell(std::string_view value);

// One line: the cells joined by commas, ending in CRLF.
std::string row(const std::vector<std::string>& cells);

}  // namespace lodestar::csv
