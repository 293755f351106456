// `lodestar import oneroster PATH` and `lodestar export oneroster DIR`, as plain functions the
// CLI and the web upload page call.
//
// Import semantics (OneRoster 1.1 bulk CSV):
// - Records are upserted by sourcedId. Records of the database that a file does not mention are
//   left alone (Lodestar does not infer deletions from absence).
// - status "tobedeleted" deletes the record. Deleting a user or a class also deletes its
//   enrollments; person_orgs, class_terms, demographics and role grants follow by foreign key.
//   Anything else still referring to a deleted record (a class of a deleted course that is not
//   itself marked) is a problem at the tobedeleted line, and nothing is imported.
// - Everything happens in one transaction: any problem, anywhere, and the database is exactly
//   as before. A dry run does the same work and always rolls back, so its counts say what an
//   import would do.
// - Role grants with source 'oneroster' are derived from users (see derive_role_grants);
//   grants with source 'manual' are never changed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/store/database.h"

namespace lodestar::people {

// One thing wrong with the input: "users.csv", line 12, column "role" (the 6th), and why.
// `line` and `column_number` are 0 when the problem is with a whole file.
struct Problem {
  std::string file;
  std::size_t line = 0;
  std::string column;
  std::size_t column_number = 0;
  std::string message;
};
// "users.csv:12:6 (role): 'teachr' is not one of …"
std::string to_string(const Problem& problem);

struct Counts {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t deleted = 0;
  std::size_t unchanged = 0;
};

struct ImportOptions {
  bool dry_run = false;
  // Called now and then while a file is read: its name ("users.csv"), bytes read, its size.
  std::function<void(std::string_view stage, std::size_t done, std::size_t total)> progress;
};

struct ImportReport {
  std::vector<Problem> problems;         // every problem found; empty when the input is valid
  std::map<std::string, Counts> counts;  // by file name ("users.csv"); what changed (or would)
  std::vector<std::string> notes;        // things skipped on purpose (files Lodestar does not read)
  bool imported = false;                 // true when the transaction committed
};

// Imports the OneRoster 1.1 bulk CSV files in `folder_or_zip` (a folder or a .zip). Bad input is
// reported in the ImportReport, never thrown; throws std::runtime_error only when the files or
// the database cannot be read or written at all. REQUIRES: the database is migrated.
ImportReport import_oneroster(store::Database& db, const std::filesystem::path& folder_or_zip,
                              const ImportOptions& options);

// Writes the roster as OneRoster 1.1 bulk CSV (manifest.csv and the seven files) into `dir`,
// creating it; when `dir` ends in ".zip", a zip of them instead. import_oneroster of the result
// reproduces every stored field. Reads in pages, so memory stays flat at any size.
void export_oneroster(store::Database& db, const std::filesystem::path& dir);

// The Lodestar roles a OneRoster user holds, as (role, org) pairs, given their OneRoster role,
// their orgs and each org's type: teacher and aide → educator, student → student, guardian,
// parent and relative → guardian, administrator → school_leader at a school and district_leader
// at a district (none at other org types), proctor → none.
struct DerivedGrant {
  std::string role;
  std::string org;
};
std::vector<DerivedGrant> derive_role_grants(
    std::string_view oneroster_role, const std::vector<std::string_view>& orgs,
    const std::function<std::string(std::string_view org)>& org_type);

}  // namespace lodestar::people
