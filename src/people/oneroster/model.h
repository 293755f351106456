// The OneRoster 1.1 bulk CSV format (IMS OneRoster v1.1 CSV Tables, §2–3): the files Lodestar
// reads and writes, their columns in order, which are required, and the rule each value follows.
// No I/O here: the reader and the import use these tables, and tests pin them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lodestar::people {

// What a value must look like. Lists are comma-separated inside one (quoted) field.
enum class ValueKind {
  kText,
  kStatus,    // blank, "active" or "tobedeleted"
  kDateTime,  // ISO 8601: YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)
  kDate,      // YYYY-MM-DD
  kYear,      // YYYY
  kBoolean,   // "true" or "false"
  kEnum,      // one of `allowed`
  kList,      // comma-separated identifiers, none empty
  kEnumList,  // comma-separated, each one of `allowed`
};

struct ColumnSpec {
  std::string_view name;  // as in the header, e.g. "orgSourcedIds"
  bool required = false;
  ValueKind kind = ValueKind::kText;
  std::vector<std::string_view> allowed;  // for kEnum and kEnumList
};

struct FileSpec {
  std::string_view name;  // "orgs": the file is orgs.csv, the manifest property file.orgs
  std::vector<ColumnSpec> columns;
  // The index of a column by name. REQUIRES: it exists (else std::out_of_range).
  std::size_t index(std::string_view column) const;
};

// The seven roster files, in the order an import reads them (each only refers to earlier ones
// or to itself): academicSessions, orgs, courses, classes, users, enrollments, demographics.
const std::vector<FileSpec>& roster_files();
const FileSpec& roster_file(std::string_view name);

// Empty when `value` follows `column`'s rule; otherwise why not, in the user's terms.
std::string check_value(const ColumnSpec& column, std::string_view value);

// The items of a comma-separated list field, trimmed of spaces ("a, b" → {"a", "b"}).
std::vector<std::string_view> split_list(std::string_view value);

}  // namespace lodestar::people
