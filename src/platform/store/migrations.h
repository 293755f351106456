// Forward-only numbered migrations. Each file migrations/NNNN_<capability>_<what>.sql is one
// step, run in one transaction and recorded in schema_migrations. Where SQLite and PostgreSQL
// need different SQL, NNNN_<name>.sqlite.sql and NNNN_<name>.postgresql.sql replace the
// portable file for that database.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/store/database.h"

namespace lodestar::store {

struct Migration {
  int version = 0;
  std::string name;  // e.g. "platform_settings"
  std::string sql;
};

// The migrations compiled into this binary for `dialect`, in version order. Throws
// std::logic_error when two files share a version number (a build-time mistake).
std::vector<Migration> builtin_migrations(Dialect dialect);

// The database was migrated by a newer Lodestar: this binary does not know its schema.
class SchemaTooNew : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0002_people_orgs", …
};

// The highest version recorded in schema_migrations, or 0 for a new database.
int schema_version(Database& db);

// Applies every migration newer than the database's version, each in its own transaction.
// Throws SchemaTooNew (and changes nothing) when the database holds a version this list does not
// know. On PostgreSQL an advisory lock keeps two servers starting at once from racing.
MigrationReport migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace lodestar::store
