#include "platform/store/migrations.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <map>

#include "platform/resources.h"

namespace lodestar::store {

namespace {

constexpr std::string_view kFolder = "migrations/";

// Any fixed number will do, as long as every Lodestar uses the same one: it names the advisory
// lock that keeps two servers starting at once from migrating the same database together.
constexpr std::int64_t kMigrationLock = 0x4c6f6465737472;  // "Lodestr"

constexpr std::string_view kCreateSchemaMigrations = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
))";

std::string now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string padded(int version) {
  std::string text = std::to_string(version);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

// One file under migrations/: "0002_people_orgs.sql", "0002_people_orgs.sqlite.sql", …
struct MigrationFile {
  int version = 0;
  std::string name;
  std::optional<Dialect> only_for;  // set for a per-dialect override
};

MigrationFile parse_file_name(std::string_view path) {
  std::string_view file = path.substr(path.rfind('/') + 1);
  const auto bad = [&](const char* why) {
    return std::logic_error("Migration file " + std::string(path) + " " + why +
                            ": name it NNNN_<capability>_<what>.sql");
  };
  if (!file.ends_with(".sql")) throw bad("is not an .sql file");
  file.remove_suffix(4);
  MigrationFile parsed;
  if (file.ends_with(".sqlite")) {
    parsed.only_for = Dialect::kSqlite;
    file.remove_suffix(7);
  } else if (file.ends_with(".postgresql")) {
    parsed.only_for = Dialect::kPostgresql;
    file.remove_suffix(11);
  }
  const auto underscore = file.find('_');
  if (underscore == 0 || underscore == std::string_view::npos || underscore + 1 == file.size() ||
      !std::all_of(file.begin(), file.begin() + underscore,
                   [](unsigned char c) { return std::isdigit(c); })) {
    throw bad("has no version number");
  }
  parsed.version = std::stoi(std::string(file.substr(0, underscore)));
  parsed.name = std::string(file.substr(underscore + 1));
  if (parsed.version <= 0) throw bad("has version 0");
  return parsed;
}

void ensure_schema_migrations(Database& db) {
  db.write([](Tx& tx) {
    if (tx.dialect() == Dialect::kPostgresql) {
      // Two servers creating the table at once would otherwise collide in the catalog.
      tx.exec("SELECT pg_advisory_xact_lock(:lock)", {{"lock", kMigrationLock}});
    }
    tx.exec(kCreateSchemaMigrations);
  });
}

int recorded_version(Tx& tx) {
  return static_cast<int>(
      tx.query_one("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations")
          ->integer("version"));
}

// Names of the migrations this binary has, by version.
using Known = std::map<int, std::string>;

// Throws SchemaTooNew when the database holds a version `known` does not have, or has under
// another name (two branches that each added the same number).
void refuse_unknown_versions(Tx& tx, const std::string& database, const Known& known) {
  const int newest_known = known.empty() ? 0 : known.rbegin()->first;
  const int version = recorded_version(tx);
  if (version > newest_known) {
    throw SchemaTooNew("The database " + database + " is at schema version " +
                       std::to_string(version) + ", but this Lodestar knows only up to " +
                       std::to_string(newest_known) +
                       ": upgrade Lodestar, or point it at another database");
  }
  for (const Row& row : tx.query("SELECT version, name FROM schema_migrations ORDER BY version")) {
    const auto it = known.find(static_cast<int>(row.integer("version")));
    if (it == known.end() || it->second != row.text("name")) {
      throw SchemaTooNew("The database " + database + " holds schema version " +
                         row.text("version") + " (" + row.text("name") +
                         "), which this Lodestar does not know: it was migrated by a different " +
                         "build of Lodestar. Use that build, or point it at another database");
    }
  }
}

// One line without its trailing "-- comment". Quotes are counted on this line alone.
std::string_view without_comment(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\'') {
      quoted = !quoted;
    } else if (!quoted && line[i] == '-' && i + 1 < line.size() && line[i + 1] == '-') {
      return line.substr(0, i);
    }
  }
  return line;
}

// Runs one migration in its own transaction. Returns false when the database already has it
// (another server applied it since we looked).
bool apply(Database& db, const Migration& m, const Known& known) {
  return db.write([&](Tx& tx) {
    if (tx.dialect() == Dialect::kPostgresql) {
      tx.exec("SELECT pg_advisory_xact_lock(:lock)", {{"lock", kMigrationLock}});
    }
    // Checked again under the lock.
    refuse_unknown_versions(tx, db.display_url(), known);
    if (recorded_version(tx) >= m.version) return false;
    for (const auto& statement : split_statements(m.sql)) tx.exec(statement);
    tx.exec(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (:version, :name, :applied_at)",
        {{"version", std::int64_t{m.version}}, {"name", m.name}, {"applied_at", now_iso8601()}});
    return true;
  });
}

}  // namespace

// Known limitation, kept because the rule is easy to follow when writing a migration: a line
// is read on its own, so a semicolon that ends a line inside a string literal or a trigger or
// function body ends the statement there, and a "--" inside a literal that spans lines is taken
// for a comment. Keep such semicolons off line ends. Block comments stay in the statement.
std::vector<std::string> split_statements(std::string_view script) {
  std::vector<std::string> statements;
  std::string current;
  std::size_t start = 0;
  while (start < script.size()) {
    auto end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = without_comment(script.substr(start, end - start));
    start = end + 1;
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.remove_suffix(1);
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    current += line;
    if (line.ends_with(';')) {
      current.pop_back();
      statements.push_back(std::move(current));
      current.clear();
    } else {
      current += '\n';
    }
  }
  while (!current.empty() && current.back() == '\n') current.pop_back();
  if (!current.empty()) statements.push_back(std::move(current));
  return statements;
}

// builtin_migrations() on any set of files, so that tests can give it theirs. Not in the header:
// nothing but builtin_migrations() and its test should call it.
namespace detail {
std::vector<Migration> migrations_from(const std::vector<resources::Entry>& files, Dialect dialect);
}

std::vector<Migration> builtin_migrations(Dialect dialect) {
  return detail::migrations_from(resources::list(kFolder), dialect);
}

std::vector<Migration> detail::migrations_from(const std::vector<resources::Entry>& files,
                                               Dialect dialect) {
  std::map<int, Migration> portable, specific;
  std::map<int, std::string> every_version;  // in any file, for any database
  for (const auto& entry : files) {
    const MigrationFile file = parse_file_name(entry.path);
    const auto [seen, first] = every_version.emplace(file.version, std::string(entry.path));
    if (!first && parse_file_name(seen->second).name != file.name) {
      throw std::logic_error("Two migrations have version " + padded(file.version) + ": " +
                             seen->second + " and " + std::string(entry.path));
    }
    if (file.only_for && *file.only_for != dialect) continue;
    auto& chosen = file.only_for ? specific : portable;
    chosen[file.version] = Migration{file.version, file.name, std::string(entry.bytes)};
  }
  for (auto& [version, migration] : specific) portable[version] = std::move(migration);
  for (const auto& [version, path] : every_version) {
    if (portable.count(version) == 0) {
      throw std::logic_error("Migration " + path + " has no file for " +
                             (dialect == Dialect::kSqlite ? "SQLite" : "PostgreSQL") +
                             ": add a portable NNNN_<name>.sql or an override for that database");
    }
  }
  std::vector<Migration> migrations;
  for (auto& [version, migration] : portable) migrations.push_back(std::move(migration));
  return migrations;
}

int schema_version(Database& db) {
  return db.read([](Tx& tx) {
    const bool exists =
        tx.dialect() == Dialect::kSqlite
            ? tx.query_one(
                    "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND "
                    "name = 'schema_migrations'")
                  .has_value()
            : tx.query_one(
                    "SELECT 1 AS found FROM information_schema.tables WHERE "
                    "table_schema = current_schema() AND table_name = 'schema_migrations'")
                  .has_value();
    return exists ? recorded_version(tx) : 0;
  });
}

MigrationReport migrate(Database& db, const std::vector<Migration>& migrations) {
  std::vector<Migration> ordered = migrations;
  std::sort(ordered.begin(), ordered.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  Known known;
  for (const auto& m : ordered) {
    if (!known.emplace(m.version, m.name).second) {
      throw std::logic_error("Two migrations have version " + padded(m.version));
    }
  }

  ensure_schema_migrations(db);
  MigrationReport report;
  report.from_version = db.read([&](Tx& tx) {
    refuse_unknown_versions(tx, db.display_url(), known);
    return recorded_version(tx);
  });
  report.to_version = report.from_version;

  for (const Migration& m : ordered) {
    if (m.version <= report.to_version) continue;
    bool applied = false;
    try {
      applied = apply(db, m, known);
    } catch (const SchemaTooNew&) {
      throw;
    } catch (const std::exception& error) {
      throw std::runtime_error("Migration " + padded(m.version) + "_" + m.name + " failed on " +
                               db.display_url() + " and was rolled back: " + error.what());
    }
    if (applied) report.applied.push_back(padded(m.version) + "_" + m.name);
    report.to_version = m.version;
  }
  return report;
}

}  // namespace lodestar::store
