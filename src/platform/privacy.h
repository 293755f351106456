// Small-group suppression, one rule for every aggregate about people: a count, a distribution or
// an average drawn from fewer than kSmallGroup people is not shown (the page says "fewer than
// …"). An empty group (0) is not suppressed: nobody can be singled out of nobody.
#pragma once

#include <cstdint>

namespace lodestar::privacy {

inline constexpr std::int64_t kSmallGroup = 5;

// True when an aggregate over `people` must be withheld.
constexpr bool suppressed(std::int64_t people) {
  return people > 0 && people < kSmallGroup;
}

}  // namespace lodestar::privacy
