// lodestar_roster_import: the benchmark's driver for import_oneroster until `lodestar import
// oneroster` is wired into the CLI. Migrates the database, imports, prints the report.
//
//   lodestar_roster_import DATABASE_URL PATH [--dry-run]
#include <cstdio>
#include <string>
#include <string_view>

#include "people/oneroster/import.h"
#include "platform/store/migrations.h"

int main(int argc, char** argv) {
  using namespace lodestar;
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: lodestar_roster_import DATABASE_URL PATH [--dry-run] [--export DIR]\n");
    return 2;
  }
  auto db = store::Database::open(argv[1], 1);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  if (argc >= 4 && std::string_view(argv[3]) == "--export") {
    people::export_oneroster(*db, argv[2]);
    return 0;
  }
  people::ImportOptions options;
  options.dry_run = argc >= 4 && std::string_view(argv[3]) == "--dry-run";
  const auto report = people::import_oneroster(*db, argv[2], options);
  for (const auto& p : report.problems) std::fprintf(stderr, "%s\n", people::to_string(p).c_str());
  for (const auto& [file, c] : report.counts) {
    std::printf("%-22s %9zu inserted %9zu updated %7zu deleted %9zu unchanged\n", file.c_str(),
                c.inserted, c.updated, c.deleted, c.unchanged);
  }
  std::printf("%s\n", report.imported ? "imported" : "nothing imported");
  return report.problems.empty() ? 0 : 1;
}
