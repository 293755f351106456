// OneRoster bulk files arrive as a folder or as a .zip of one (libzip reads it).
#pragma once

#include <filesystem>

namespace lodestar::people {

// Extracts the CSV files of the OneRoster zip `archive` into the existing folder `into`, flat:
// an entry "export/users.csv" becomes into/users.csv, and only names ending in ".csv" without
// "..", so an archive cannot write outside `into`. Streams, so a large enrollments.csv never
// sits in memory. Throws std::runtime_error naming the archive when it cannot be read.
void extract_csv_zip(const std::filesystem::path& archive, const std::filesystem::path& into);

// Writes the CSV files of `folder` into a new zip `archive` (replacing it).
void write_csv_zip(const std::filesystem::path& folder, const std::filesystem::path& archive);

}  // namespace lodestar::people
