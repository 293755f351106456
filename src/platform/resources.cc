#include "platform/resources.h"

#include <algorithm>

namespace lodestar::resources {

std::optional<std::string_view> find(std::string_view path) {
  for (std::size_t i = 0; i < detail::kEntryCount; ++i) {
    if (detail::kEntries[i].path == path) return detail::kEntries[i].bytes;
  }
  return std::nullopt;
}

std::vector<Entry> list(std::string_view prefix) {
  std::vector<Entry> found;
  for (std::size_t i = 0; i < detail::kEntryCount; ++i) {
    if (detail::kEntries[i].path.starts_with(prefix)) found.push_back(detail::kEntries[i]);
  }
  std::sort(found.begin(), found.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return found;
}

}  // namespace lodestar::resources
