// Use cases of the standards frameworks: importing and exporting CASE packages, loading the seed
// frameworks, and what the pages and APIs read. Each function is one unit of work.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/store.h"
#include "platform/audit/audit.h"
#include "platform/store/database.h"

namespace lodestar::frameworks {

// The setting that makes the CASE API ask for a signed-in person or an API token ("true").
inline constexpr std::string_view kCaseApiRequiresToken = "frameworks.case_api_requires_token";

// Reads `text` as a CFPackage and stores it (replacing an earlier version in place), recording
// `event` (its detail gets the counts) in the same transaction. Throws Invalid naming JSON paths;
// nothing is stored then.
SaveSummary import_case(store::Database& db, std::string_view text, audit::Event event);

// The CFPackage of a document as JSON text. Throws NotFound.
std::string export_case(store::Database& db, std::string_view document_id);

// Loads the seed frameworks and their crosswalks (src/frameworks/seeds/) unless they were loaded
// before, in one transaction. Their URIs are rewritten to `public_url` (no trailing slash), so
// they resolve on this server. Returns how many packages were loaded (0 the second time).
std::size_t load_seed_frameworks(store::Database& db, std::string_view public_url);

// The seed packages as shipped: file name → JSON text (for tests and the suggestion vocabulary).
struct SeedFile {
  std::string name;  // "iste-leaders-2024"
  std::string_view json;
};
std::vector<SeedFile> seed_packages();
// The curated vocabulary: {"<framework key>": {"<code>": ["term", …]}} (the JSON text).
std::string_view seed_vocabulary();

}  // namespace lodestar::frameworks
