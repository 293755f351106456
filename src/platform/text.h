// Small text helpers every part needs: surrounding whitespace trimmed, ASCII lower case. One copy
// here rather than one per file (each file had its own, and a unity build found them).
#pragma once

#include <string>
#include <string_view>

namespace lodestar::text {

// `s` without leading and trailing whitespace (space, \t, \n, \v, \f, \r). A view into `s`.
std::string_view trim(std::string_view s);
// The same, as a string of its own.
inline std::string trimmed(std::string_view s) {
  return std::string(trim(s));
}

// `s` with ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string lower(std::string_view s);

}  // namespace lodestar::text
