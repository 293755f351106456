// Helpers shared by the records' store files (store.cc, store_entries.cc); not for other callers.
#pragma once

#include <string>
#include <string_view>

#include "platform/store/database.h"

namespace lodestar::growth::records::db {

inline store::Value text_or_null(std::string_view text) {
  return text.empty() ? store::Value(nullptr) : store::Value(std::string(text));
}

inline std::string text_or_empty(const store::Row& row, std::string_view column) {
  return row.optional_text(column).value_or("");
}

// Names are put together in SQL-free code so both databases agree.
inline std::string full_name(const store::Row& row, std::string_view given,
                             std::string_view family) {
  auto g = text_or_empty(row, given);
  auto f = text_or_empty(row, family);
  if (g.empty()) return f;
  if (f.empty()) return g;
  return g + " " + f;
}

}  // namespace lodestar::growth::records::db
