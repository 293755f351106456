// Files compiled into the binary: templates, static assets, translation catalogs, migrations and
// the OpenAPI document. The build embeds them (cmake/embed.cmake), so a deployed `lodestar` is
// one file that needs nothing beside it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace lodestar::resources {

struct Entry {
  std::string_view path;  // relative to the source root, e.g. "src/platform/web/assets/app.css"
  std::string_view bytes;
};

// Returns the bytes of the resource at `path`, or nothing when no such file was embedded.
std::optional<std::string_view> find(std::string_view path);

// Returns every embedded resource whose path starts with `prefix`, sorted by path.
std::vector<Entry> list(std::string_view prefix);

namespace detail {
extern const Entry kEntries[];
extern const std::size_t kEntryCount;
}  // namespace detail

}  // namespace lodestar::resources
