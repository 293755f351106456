// `lodestar import case FILE.json` and `lodestar export case DOC_ID [FILE]`: the frameworks'
// command-line use cases, writing what a person reads to the streams they are given.
#pragma once

#include <cstdio>
#include <string>

#include "platform/store/database.h"

namespace lodestar::frameworks {

// Imports the CFPackage in `path`. Every problem goes to `err` as "FILE:LINE:COLUMN: JSON path:
// what is wrong"; nothing is imported then. Returns the process exit status.
int import_case_command(store::Database& db, const std::string& path, std::FILE* out,
                        std::FILE* err);

// Writes the CFPackage of `document_id` to `path` ("-": standard output).
int export_case_command(store::Database& db, const std::string& document_id,
                        const std::string& path, std::FILE* out, std::FILE* err);

}  // namespace lodestar::frameworks
