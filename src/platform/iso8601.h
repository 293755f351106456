// The pieces of ISO 8601 / RFC 3339 text that importers check: digit runs, calendar dates that
// exist, and UTC offsets. Each format (OneRoster's, CASE's) is assembled from these.
#pragma once

#include <cstddef>
#include <string_view>

namespace lodestar::iso8601 {

// True when text[from, from + count) are all ASCII digits (false when the text is shorter).
bool digits(std::string_view text, std::size_t from, std::size_t count);
// The number those digits spell. REQUIRES: digits(text, from, count).
int number(std::string_view text, std::size_t from, std::size_t count);
// Exactly YYYY-MM-DD, and a day that exists (29 February only in leap years).
bool is_date(std::string_view text);
// "Z" or ±HH:MM with HH ≤ 23 and MM ≤ 59.
bool is_offset(std::string_view text);

}  // namespace lodestar::iso8601
