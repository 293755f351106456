#include "platform/store/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

namespace lodestar::store {

// One SOCI session and the database it speaks to. Used by one thread at a time (the pool's
// lease holder).
class Connection {
 public:
  Connection(Dialect dialect, std::string connect_string)
      : dialect_(dialect), connect_string_(std::move(connect_string)) {}

  Dialect dialect() const { return dialect_; }
  soci::session& session() { return session_; }

  void open() {
    if (dialect_ == Dialect::kSqlite) {
      session_.open(soci::sqlite3, connect_string_);
    } else {
      session_.open(soci::postgresql, connect_string_);
    }
    configure();
  }

  // PostgreSQL: a connection the server dropped (restart, idle timeout) is replaced.
  void reconnect_if_broken() {
    if (dialect_ != Dialect::kPostgresql) return;
    auto* backend = static_cast<soci::postgresql_session_backend*>(session_.get_backend());
    if (backend != nullptr && PQstatus(backend->conn_) == CONNECTION_OK) return;
    session_.reconnect();
    configure();
  }

  bool broken() {
    if (dialect_ != Dialect::kPostgresql) return false;
    auto* backend = static_cast<soci::postgresql_session_backend*>(session_.get_backend());
    return backend == nullptr || PQstatus(backend->conn_) != CONNECTION_OK;
  }

  // SQLite: true when a transaction is still open on this connection.
  bool in_sqlite_transaction() {
    if (dialect_ != Dialect::kSqlite) return false;
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session_.get_backend());
    return sqlite_api::sqlite3_get_autocommit(backend->conn_) == 0;
  }

 private:
  void configure() {
    if (dialect_ == Dialect::kSqlite) {
      // Per connection, not per file (except journal_mode, which sticks to the file). The busy
      // timeout comes first: switching to WAL waits for other connections' locks.
      session_ << "PRAGMA busy_timeout = 10000";
      std::string mode;
      session_ << "PRAGMA journal_mode = WAL", soci::into(mode);
      if (mode != "wal") {
        throw std::runtime_error("the file system refused SQLite's WAL mode (journal_mode is '" +
                                 mode + "'): put the database on a local disk");
      }
      session_ << "PRAGMA foreign_keys = ON";
      session_ << "PRAGMA synchronous = NORMAL";
      // Statement journals in memory: SQLite writes one for every statement that may fail half
      // way (an upsert with foreign keys), and on disk that is ~8 write() calls a row — most of
      // the time of a bulk import. Read at BEGIN, so it must be set here, not inside a Tx.
      session_ << "PRAGMA temp_store = MEMORY";
      // Reads through the OS page cache (shared by every connection) instead of copying each
      // page into a 2 MB private cache: a full-text search over 100,000 items touched the disk
      // for pages it had read a moment before.
      session_ << "PRAGMA mmap_size = 1073741824";
      session_ << "PRAGMA cache_size = -16384";
    } else {
      // Times come back as UTC whatever the server's or the role's setting.
      session_ << "SET TIME ZONE 'UTC'";
      session_ << "SET client_encoding TO 'UTF8'";
    }
  }

  Dialect dialect_;
  std::string connect_string_;
  soci::session session_;
};

namespace {

constexpr std::chrono::seconds kAcquireTimeout{30};

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
  return text;
}

// --- URLs ---------------------------------------------------------------------------------------

struct Target {
  Dialect dialect = Dialect::kSqlite;
  std::string connect_string;  // what SOCI is given
  std::string display_url;     // without a password
  std::string sqlite_path;
};

// "postgresql://user:secret@host/db?password=x&sslmode=require" without the secrets.
std::string strip_password(const std::string& url) {
  std::string out = url;
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto authority_end = std::min(out.find_first_of("/?", authority), out.size());
    const auto at = out.rfind('@', authority_end);
    if (at != std::string::npos && at >= authority) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  const auto query = out.find('?');
  if (query == std::string::npos) return out;
  std::string kept;
  std::size_t start = query + 1;
  while (start <= out.size()) {
    auto end = out.find('&', start);
    if (end == std::string::npos) end = out.size();
    const std::string_view pair(out.data() + start, end - start);
    if (!pair.empty() && !starts_with_ci(pair, "password=")) {
      kept += kept.empty() ? "" : "&";
      kept += pair;
    }
    start = end + 1;
  }
  return out.substr(0, query) + (kept.empty() ? "" : "?" + kept);
}

// SOCI 4.0.3 passes a PostgreSQL connect string through its own "key=value key=value" parser,
// which mangles URIs and splits at every space, even inside quotes. So libpq parses the URI and
// we hand SOCI quoted key='value' pairs, which it passes on to libpq untouched.
std::string postgresql_conninfo(const std::string& url, const std::string& display) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string why = error != nullptr ? one_line(error) : "out of memory";
    PQfreemem(error);
    throw std::runtime_error("Cannot read the PostgreSQL database URL " + display + ": " + why +
                             ". Use the form postgresql://user@host:port/database");
  }
  std::string conninfo;
  bool has_timeout = false, has_application = false;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string key = o->keyword, value = o->val;
    if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return std::isspace(c); })) {
      PQconninfoFree(options);
      throw std::runtime_error("The PostgreSQL URL " + display + " has a space in its '" + key +
                               "', which the database driver cannot pass on. Remove it (a " +
                               "password can come from PGPASSWORD or a .pgpass file instead)");
    }
    has_timeout = has_timeout || key == "connect_timeout";
    has_application = has_application || key == "application_name";
    conninfo += key + "='";
    for (char c : value) {
      if (c == '\'' || c == '\\') conninfo += '\\';
      conninfo += c;
    }
    conninfo += "' ";
  }
  PQconninfoFree(options);
  if (!has_timeout) conninfo += "connect_timeout=10 ";
  if (!has_application) conninfo += "application_name=lodestar";
  return conninfo;
}

Target parse_url(const std::string& url) {
  Target target;
  if (starts_with_ci(url, "sqlite:")) {
    target.dialect = Dialect::kSqlite;
    std::string path = url.substr(7);
    if (path.starts_with("//")) path.erase(0, 2);  // "sqlite:///abs/path" as well as "sqlite:PATH"
    target.display_url = url;
    if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
      throw std::runtime_error(
          "The SQLite database " + url + " is not a file: each pooled connection would see its " +
          "own database. Give a file path, for example sqlite:var/lodestar.db");
    }
    if (path.find('"') != std::string::npos) {
      throw std::runtime_error("The SQLite database path " + path +
                               " holds a double quote, which the database driver cannot pass on");
    }
    target.sqlite_path = path;
    target.connect_string = "db=\"" + path + "\"";
    return target;
  }
  if (starts_with_ci(url, "postgresql://") || starts_with_ci(url, "postgres://")) {
    target.dialect = Dialect::kPostgresql;
    target.display_url = strip_password(url);
    target.connect_string = postgresql_conninfo(url, target.display_url);
    return target;
  }
  throw std::runtime_error("Unknown database URL '" + strip_password(url) +
                           "': use sqlite:PATH or postgresql://user@host:port/database");
}

void create_parent_folder(const Target& target) {
  const auto folder = std::filesystem::path(target.sqlite_path).parent_path();
  if (folder.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw std::runtime_error("Cannot create the folder " + folder.string() +
                             " for the SQLite database " + target.display_url + ": " +
                             error.message() +
                             ". Check the path and that Lodestar may write there");
  }
}

std::string open_error(const Target& target, const std::exception& error) {
  std::string why = one_line(error.what());
  const std::string_view soci_prefix = "Cannot establish connection to the database. ";
  if (why.starts_with(soci_prefix)) why.erase(0, soci_prefix.size());
  while (why.find("  ") != std::string::npos) why.replace(why.find("  "), 2, " ");
  if (!why.empty() && why.back() != '?' && why.back() != '!') why += '.';
  if (target.dialect == Dialect::kSqlite) {
    return "Cannot open the SQLite database " + target.display_url + ": " + why +
           " Check the path and that Lodestar may read and write the file and its folder";
  }
  return "Cannot connect to the PostgreSQL database " + target.display_url + ": " + why +
         " Check that the server is running and reachable, and that the user, password and "
         "database name in the URL are right";
}

// --- Statements -------------------------------------------------------------------------------

unsigned char uc(char c) {
  return static_cast<unsigned char>(c);
}
bool is_name_start(char c) {
  return std::isalpha(uc(c)) || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(uc(c)) || c == '_';
}

// i at an opening quote: the index after the closing one (a doubled quote is part of the text).
std::size_t skip_quoted(std::string_view sql, std::size_t i) {
  const char quote = sql[i];
  for (++i; i < sql.size(); ++i) {
    if (sql[i] != quote) continue;
    if (i + 1 < sql.size() && sql[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return sql.size();
}

// i at '$': the index after a PostgreSQL dollar-quoted body ($$…$$, $tag$…$tag$), or i.
std::size_t skip_dollar_quoted(std::string_view sql, std::size_t i) {
  if (i + 1 < sql.size() && std::isdigit(uc(sql[i + 1]))) return i;  // $1: a parameter
  std::size_t j = i + 1;
  while (j < sql.size() && is_name_char(sql[j])) ++j;
  if (j >= sql.size() || sql[j] != '$') return i;
  const std::string_view tag = sql.substr(i, j - i + 1);
  const auto end = sql.find(tag, j + 1);
  return end == std::string_view::npos ? sql.size() : end + tag.size();
}

// What Tx checks in a piece of SQL before running it: the named parameters it uses, and whether
// a second statement follows the first (SOCI's sqlite3 backend would silently skip it).
struct SqlShape {
  std::vector<std::string> parameters;  // without the colon, each once
  bool several_statements = false;
  std::vector<std::string> first_words;  // upper case, for recognising CREATE TRIGGER
};

constexpr std::size_t kLinearNames = 32;

SqlShape shape_of(std::string_view sql) {
  SqlShape shape;
  std::unordered_set<std::string> seen;  // used once there are kLinearNames names
  bool ended = false;                    // a semicolon outside literals and comments was seen
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '-' && next == '-') {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (c == '/' && next == '*') {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (std::isspace(uc(c))) {
      ++i;
    } else if (c == ';') {
      ended = true;
      ++i;
    } else {
      shape.several_statements = shape.several_statements || ended;
      if (c == '\'' || c == '"') {
        i = skip_quoted(sql, i);
      } else if (c == '$' && skip_dollar_quoted(sql, i) != i) {
        i = skip_dollar_quoted(sql, i);
      } else if (c == ':' && next == ':') {
        i += 2;  // a PostgreSQL cast
      } else if (c == ':' && is_name_start(next)) {
        std::size_t j = i + 1;
        while (j < sql.size() && is_name_char(sql[j])) ++j;
        std::string name(sql.substr(i + 1, j - i - 1));
        // A statement that writes many rows at once binds thousands of names: past a few, a
        // set finds repeats instead of a search through all of them.
        if (shape.parameters.size() < kLinearNames) {
          if (std::find(shape.parameters.begin(), shape.parameters.end(), name) ==
              shape.parameters.end()) {
            shape.parameters.push_back(std::move(name));
          }
        } else {
          if (seen.empty()) seen.insert(shape.parameters.begin(), shape.parameters.end());
          if (seen.insert(name).second) shape.parameters.push_back(std::move(name));
        }
        i = j;
      } else if (is_name_start(c)) {
        std::size_t j = i;
        while (j < sql.size() && is_name_char(sql[j])) ++j;
        if (shape.first_words.size() < 3) {
          std::string word(sql.substr(i, j - i));
          for (char& w : word) w = static_cast<char>(std::toupper(uc(w)));
          shape.first_words.push_back(std::move(word));
        }
        i = j;
      } else {
        ++i;
      }
    }
  }
  return shape;
}

std::string excerpt(std::string_view sql) {
  std::string text = one_line(std::string(sql.substr(0, 300)));
  if (sql.size() > 300) text += " …";
  return text;
}

// Refuses, on both databases alike, what one of them would get quietly wrong: a second
// statement (SOCI's sqlite3 backend runs only the first; a CREATE TRIGGER body is let through),
// a :name without a value (SQLite would bind NULL), and a value no :name uses.
void check_statement(std::string_view sql, const Params& params) {
  const SqlShape shape = shape_of(sql);
  const auto& w = shape.first_words;
  const bool trigger = w.size() >= 2 && w[0] == "CREATE" &&
                       (w[1] == "TRIGGER" || (w.size() == 3 && w[2] == "TRIGGER"));
  if (shape.several_statements && !trigger) {
    throw std::invalid_argument(
        "Tx runs one SQL statement a call, but this holds more than one (split a script with "
        "split_statements): " +
        excerpt(sql));
  }
  for (const auto& name : shape.parameters) {
    if (std::none_of(params.begin(), params.end(),
                     [&](const auto& p) { return p.first == name; })) {
      throw std::invalid_argument("The SQL uses :" + name +
                                  " but no value was given for it: " + excerpt(sql));
    }
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& name = params[i].first;
    if (std::find(shape.parameters.begin(), shape.parameters.end(), name) ==
        shape.parameters.end()) {
      throw std::invalid_argument("A value was given for :" + name +
                                  " but the SQL does not use it: " + excerpt(sql));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (params[j].first == name) {
        throw std::invalid_argument("Two values were given for :" + name + ": " + excerpt(sql));
      }
    }
  }
}

// The values bound to a statement, kept where SOCI's use() elements can point at them until the
// statement has run. A deque never moves what it already holds.
class Bindings {
 public:
  void bind(soci::statement& statement, const Params& params) {
    for (const auto& [name, value] : params) {
      if (std::holds_alternative<std::nullptr_t>(value)) {
        strings_.emplace_back();
        indicators_.push_back(soci::i_null);
        statement.exchange(soci::use(strings_.back(), indicators_.back(), name));
      } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        integers_.push_back(*integer);
        statement.exchange(soci::use(integers_.back(), name));
      } else if (const auto* real = std::get_if<double>(&value)) {
        reals_.push_back(*real);
        statement.exchange(soci::use(reals_.back(), name));
      } else {
        strings_.push_back(std::get<std::string>(value));
        statement.exchange(soci::use(strings_.back(), name));
      }
    }
  }

 private:
  std::deque<long long> integers_;
  std::deque<double> reals_;
  std::deque<std::string> strings_;
  std::deque<soci::indicator> indicators_;
};

std::string iso8601(const std::tm& t) {
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &t);
  return text;
}

// PostgreSQL: the value by the column's SOCI data type.
Value postgresql_value(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return nullptr;
  const auto& column = row.get_properties(i);
  switch (column.get_data_type()) {
    case soci::dt_string:
      return row.get<std::string>(i);
    case soci::dt_integer:
      return static_cast<std::int64_t>(row.get<int>(i));
    case soci::dt_long_long:
      return static_cast<std::int64_t>(row.get<long long>(i));
    case soci::dt_unsigned_long_long: {
      const auto value = row.get<unsigned long long>(i);
      if (value <= static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(value);
      }
      return std::to_string(value);  // text keeps it exact
    }
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_date:
      return iso8601(row.get<std::tm>(i));  // the session's time zone is UTC
    default:
      throw std::runtime_error("Column '" + column.get_name() +
                               "' has a type Lodestar does not read (binary or XML): cast it "
                               "to text in the SQL");
  }
}

// SQLite: the value by its storage class.
Value sqlite_value(sqlite_api::sqlite3_stmt* statement, int i) {
  switch (sqlite_api::sqlite3_column_type(statement, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite_api::sqlite3_column_int64(statement, i));
    case SQLITE_FLOAT:
      return sqlite_api::sqlite3_column_double(statement, i);
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const char*>(sqlite_api::sqlite3_column_blob(statement, i));
      return std::string(bytes, bytes + sqlite_api::sqlite3_column_bytes(statement, i));
    }
    default: {
      const auto* text =
          reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(statement, i));
      return std::string(text, text + sqlite_api::sqlite3_column_bytes(statement, i));
    }
  }
}

// SQLite rows are read from the statement SOCI has executed, not through soci::row: SOCI 4.0.3
// maps a column by its declared type, so it reads INTEGER columns into a 32-bit int and turns
// every expression (COUNT(*), a bound value) into text; and to describe a declared type it does
// not know (TIMESTAMP, JSON, UUID …) it steps the statement an extra time, which runs an
// INSERT/UPDATE … RETURNING twice. SOCI's execute() leaves the statement on its first row.
std::vector<Row> sqlite_rows(soci::statement& statement, bool got_row, std::size_t max_rows,
                             std::string_view sql) {
  std::vector<Row> rows;
  if (!got_row) return rows;
  auto* stmt = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend())->stmt_;
  const int columns = sqlite_api::sqlite3_column_count(stmt);
  auto names = std::make_shared<std::vector<std::string>>();
  for (int i = 0; i < columns; ++i) names->emplace_back(sqlite_api::sqlite3_column_name(stmt, i));
  int status = SQLITE_ROW;
  while (status == SQLITE_ROW && rows.size() < max_rows) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) values.push_back(sqlite_value(stmt, i));
    rows.emplace_back(names, std::move(values));
    if (rows.size() < max_rows) status = sqlite_api::sqlite3_step(stmt);
  }
  if (status != SQLITE_ROW && status != SQLITE_DONE) {
    throw std::runtime_error(
        std::string(sqlite_api::sqlite3_errmsg(sqlite_api::sqlite3_db_handle(stmt))) +
        " (SQL: " + excerpt(sql) + ")");
  }
  return rows;
}

// PostgreSQL rows through soci::row, by the column's SOCI data type.
std::vector<Row> postgresql_rows(soci::statement& statement, soci::row& row, bool got_row,
                                 std::size_t max_rows) {
  std::vector<Row> rows;
  std::shared_ptr<std::vector<std::string>> names;
  for (bool got = got_row; got; got = statement.fetch()) {
    if (!names) {
      names = std::make_shared<std::vector<std::string>>();
      for (std::size_t i = 0; i < row.size(); ++i) {
        names->push_back(row.get_properties(i).get_name());
      }
    }
    std::vector<Value> values;
    values.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) values.push_back(postgresql_value(row, i));
    rows.emplace_back(names, std::move(values));
    if (rows.size() == max_rows) break;
  }
  return rows;
}

std::runtime_error sql_error(const soci::soci_error& error, std::string_view sql) {
  // The message names the statement but not the values: they may be personal data or secrets.
  return std::runtime_error(one_line(error.get_error_message()) + " (SQL: " + excerpt(sql) + ")");
}

std::vector<Row> run_query(Connection& connection, std::string_view sql, const Params& params,
                           std::size_t max_rows) {
  check_statement(sql, params);
  const std::string text(sql);
  try {
    Bindings bindings;
    soci::row row;
    soci::statement statement(connection.session());
    bindings.bind(statement, params);
    const bool sqlite = connection.dialect() == Dialect::kSqlite;
    if (!sqlite) statement.exchange(soci::into(row));
    statement.alloc();
    statement.prepare(text, soci::details::st_one_time_query);
    statement.define_and_bind();
    const bool got_row = statement.execute(true);
    return sqlite ? sqlite_rows(statement, got_row, max_rows, sql)
                  : postgresql_rows(statement, row, got_row, max_rows);
  } catch (const soci::soci_error& error) {
    throw sql_error(error, sql);
  }
}

}  // namespace

// --- The pool -----------------------------------------------------------------------------------

class Database::Pool {
 public:
  explicit Pool(std::vector<std::unique_ptr<Connection>> connections)
      : connections_(std::move(connections)) {
    for (auto& c : connections_) idle_.push_back(c.get());
  }

  // A free connection, or nullptr when none came free within `timeout`.
  Connection* acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, timeout, [this] { return !idle_.empty(); })) return nullptr;
    Connection* connection = idle_.back();
    idle_.pop_back();
    return connection;
  }

  void release(Connection* connection) noexcept {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(connection);
    }
    available_.notify_one();
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return PoolStats{connections_.size(), connections_.size() - idle_.size()};
  }

 private:
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
};

Database::Lease::Lease(Lease&& other) noexcept : pool(other.pool), connection(other.connection) {
  other.connection = nullptr;
}

Database::Lease::~Lease() {
  if (connection != nullptr) pool->release(connection);
}

// --- Database -----------------------------------------------------------------------------------

// SQLite's process-wide configuration, set once before its first connection opens:
// - multi-thread mode: a connection (and its statements) is only ever used by the thread that
//   leased it from the pool, so the per-connection mutex SQLite takes on every call of its API
//   (each bind, each step) guards nothing here;
// - no memory statistics, which cost a global mutex on every allocation.
// Both are refused (SQLITE_MISUSE) once SQLite is initialized, for example when something else
// in the process opened a database first; then SQLite keeps its safer defaults.
static void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  const Target target = parse_url(url);
  if (target.dialect == Dialect::kSqlite) {
    configure_sqlite_once();
    create_parent_folder(target);
  }
  std::vector<std::unique_ptr<Connection>> connections;
  for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i) {
    auto connection = std::make_unique<Connection>(target.dialect, target.connect_string);
    try {
      connection->open();
    } catch (const std::exception& error) {
      throw std::runtime_error(open_error(target, error));
    }
    connections.push_back(std::move(connection));
  }
  return std::unique_ptr<Database>(new Database(target.dialect, target.display_url,
                                                std::make_unique<Pool>(std::move(connections))));
}

Database::Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool)
    : dialect_(dialect), display_url_(std::move(display_url)), pool_(std::move(pool)) {}

Database::~Database() = default;

Database::Lease Database::acquire() {
  Connection* connection = pool_->acquire(kAcquireTimeout);
  if (connection == nullptr) {
    throw std::runtime_error(
        "All " + std::to_string(pool_->stats().size) + " connections to " + display_url_ +
        " stayed in use for " + std::to_string(kAcquireTimeout.count()) +
        " s. Is a unit of work waiting for another one on the same thread? Otherwise raise the " +
        "pool size");
  }
  return Lease(pool_.get(), connection);
}

void Database::begin(Connection& connection, bool for_write) {
  const char* sql = "BEGIN";
  if (dialect_ == Dialect::kSqlite && for_write) sql = "BEGIN IMMEDIATE";
  if (dialect_ == Dialect::kPostgresql && !for_write) {
    sql = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  }
  try {
    connection.reconnect_if_broken();
    // A rollback that failed earlier must not leave this connection inside a transaction.
    if (connection.in_sqlite_transaction()) connection.session() << "ROLLBACK";
    connection.session() << sql;
  } catch (const soci::soci_error& error) {
    if (!connection.broken()) {
      throw std::runtime_error("Cannot begin a transaction on " + display_url_ + ": " +
                               one_line(error.get_error_message()));
    }
    // The server dropped the connection since its last use: one fresh try.
    try {
      connection.reconnect_if_broken();
      connection.session() << sql;
    } catch (const std::exception& again) {
      throw std::runtime_error("Lost the connection to " + display_url_ + ": " +
                               one_line(again.what()));
    }
  }
}

void Database::commit(Connection& connection) {
  try {
    connection.session() << "COMMIT";
  } catch (const soci::soci_error& error) {
    throw std::runtime_error("Cannot commit on " + display_url_ + ": " +
                             one_line(error.get_error_message()));
  }
}

void Database::rollback(Connection& connection) noexcept {
  try {
    connection.session() << "ROLLBACK";
  } catch (...) {
    // The connection is broken or already outside a transaction; begin() repairs both.
  }
}

bool Database::ping(std::chrono::milliseconds timeout) noexcept {
  try {
    const auto start = std::chrono::steady_clock::now();
    Connection* connection = pool_->acquire(timeout);
    if (connection == nullptr) return false;
    Lease lease(pool_.get(), connection);
    int one = 0;
    try {
      connection->reconnect_if_broken();
      connection->session() << "SELECT 1", soci::into(one);
    } catch (const soci::soci_error&) {
      if (!connection->broken()) return false;
      connection->reconnect_if_broken();  // the server restarted since this connection's last use
      connection->session() << "SELECT 1", soci::into(one);
    }
    return one == 1 && std::chrono::steady_clock::now() - start <= timeout;
  } catch (...) {
    return false;
  }
}

PoolStats Database::stats() const {
  return pool_->stats();
}

// --- Tx -----------------------------------------------------------------------------------------

Dialect Tx::dialect() const {
  return connection_.dialect();
}

std::int64_t Tx::exec(std::string_view sql, const Params& params) {
  check_statement(sql, params);
  const std::string text(sql);
  try {
    Bindings bindings;
    soci::statement statement(connection_.session());
    bindings.bind(statement, params);
    statement.alloc();
    statement.prepare(text, soci::details::st_one_time_query);
    statement.define_and_bind();
    statement.execute(true);
    return statement.get_affected_rows();
  } catch (const soci::soci_error& error) {
    throw sql_error(error, sql);
  }
}

std::vector<Row> Tx::query(std::string_view sql, const Params& params) {
  return run_query(connection_, sql, params, std::numeric_limits<std::size_t>::max());
}

std::optional<Row> Tx::query_one(std::string_view sql, const Params& params) {
  auto rows = run_query(connection_, sql, params, 1);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

// --- Row ----------------------------------------------------------------------------------------

namespace {

std::string format_real(double value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

}  // namespace

const Value& Row::at(std::string_view name) const {
  for (std::size_t i = 0; i < names_->size(); ++i) {
    if ((*names_)[i] == name) return values_[i];
  }
  std::string known;
  for (const auto& n : *names_) known += (known.empty() ? "" : ", ") + n;
  throw std::out_of_range("No column '" + std::string(name) + "' in this row (it has: " + known +
                          ")");
}

bool Row::is_null(std::string_view name) const {
  return std::holds_alternative<std::nullptr_t>(at(name));
}

std::string Row::text(std::string_view name) const {
  const Value& value = at(name);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return format_real(*real);
  throw std::out_of_range("Column '" + std::string(name) + "' is NULL");
}

std::optional<std::string> Row::optional_text(std::string_view name) const {
  if (is_null(name)) return std::nullopt;
  return text(name);
}

std::int64_t Row::integer(std::string_view name) const {
  const Value& value = at(name);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) {
    // PostgreSQL's SUM of integers is NUMERIC, which arrives as a double.
    if (*real == static_cast<double>(static_cast<std::int64_t>(*real))) {
      return static_cast<std::int64_t>(*real);
    }
    throw std::invalid_argument("Column '" + std::string(name) + "' holds " + format_real(*real) +
                                ", not an integer");
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    const auto result = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (result.ec == std::errc() && result.ptr == text->data() + text->size()) return parsed;
    throw std::invalid_argument("Column '" + std::string(name) + "' holds '" + *text +
                                "', not an integer");
  }
  throw std::out_of_range("Column '" + std::string(name) + "' is NULL");
}

std::optional<std::int64_t> Row::optional_integer(std::string_view name) const {
  if (is_null(name)) return std::nullopt;
  return integer(name);
}

double Row::real(std::string_view name) const {
  const Value& value = at(name);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&value)) {
    double parsed = 0;
    const auto result = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (result.ec == std::errc() && result.ptr == text->data() + text->size()) return parsed;
    throw std::invalid_argument("Column '" + std::string(name) + "' holds '" + *text +
                                "', not a number");
  }
  throw std::out_of_range("Column '" + std::string(name) + "' is NULL");
}

// --- Prepared -----------------------------------------------------------------------------------

namespace {

// The SQL with each :name replaced by $1, $2 … (PostgreSQL's placeholders), numbered in the order
// `names` gives them. Literals, comments and :: casts are left alone, as shape_of() reads them.
std::string numbered_placeholders(std::string_view sql, const std::vector<std::string>& names) {
  std::unordered_map<std::string_view, std::size_t> number;
  for (std::size_t n = 0; n < names.size(); ++n) number.emplace(names[n], n + 1);
  std::string out;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    std::size_t end = i + 1;
    if (c == '-' && next == '-') {
      end = std::min(sql.find('\n', i), sql.size());
    } else if (c == '/' && next == '*') {
      const auto close = sql.find("*/", i + 2);
      end = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (c == '\'' || c == '"') {
      end = skip_quoted(sql, i);
    } else if (c == '$' && skip_dollar_quoted(sql, i) != i) {
      end = skip_dollar_quoted(sql, i);
    } else if (c == ':' && next == ':') {
      end = i + 2;
    } else if (c == ':' && is_name_start(next)) {
      end = i + 1;
      while (end < sql.size() && is_name_char(sql[end])) ++end;
      out += '$' + std::to_string(number.at(sql.substr(i + 1, end - i - 1)));
      i = end;
      continue;
    }
    out.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace

class Prepared::Impl {
 public:
  Impl(Connection& connection, std::string_view sql) : sql_(sql) {
    const SqlShape shape = shape_of(sql);
    if (shape.several_statements) {
      throw std::invalid_argument("Tx::prepare takes one SQL statement: " + excerpt(sql));
    }
    names_ = shape.parameters;
    if (connection.dialect() == Dialect::kSqlite) {
      db_ = static_cast<soci::sqlite3_session_backend*>(connection.session().get_backend())->conn_;
      if (sqlite_api::sqlite3_prepare_v2(db_, sql_.c_str(), static_cast<int>(sql_.size()), &stmt_,
                                         nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string(sqlite_api::sqlite3_errmsg(db_)) +
                                 " (SQL: " + excerpt(sql) + ")");
      }
      // SQLite numbers ":name" parameters in the order they first appear, as shape_of lists
      // them, so when the counts agree the i-th name is parameter i + 1. Asking SQLite for each
      // name instead searches all of them: quadratic for a statement that writes many rows.
      const int count = sqlite_api::sqlite3_bind_parameter_count(stmt_);
      for (std::size_t i = 0; i < names_.size(); ++i) {
        index_.push_back(
            static_cast<std::size_t>(count) == names_.size()
                ? static_cast<int>(i) + 1
                : sqlite_api::sqlite3_bind_parameter_index(stmt_, (":" + names_[i]).c_str()));
      }
    } else {
      pg_ =
          static_cast<soci::postgresql_session_backend*>(connection.session().get_backend())->conn_;
      static std::atomic<std::uint64_t> counter{0};
      name_ = "lodestar_prepared_" + std::to_string(++counter);
      PGresult* result =
          PQprepare(pg_, name_.c_str(), numbered_placeholders(sql, names_).c_str(), 0, nullptr);
      check_pg(result, PGRES_COMMAND_OK);
      PQclear(result);
    }
  }

  ~Impl() {
    if (stmt_ != nullptr) sqlite_api::sqlite3_finalize(stmt_);
    if (pg_ != nullptr && !name_.empty()) {
      // Inside a failed transaction DEALLOCATE fails too; the session's end frees it then.
      PQclear(PQexec(pg_, ("DEALLOCATE " + name_).c_str()));
    }
  }

  const std::vector<std::string>& names() const { return names_; }

  // Runs the statement; each row of a result goes to `on_row` (nullptr: results are ignored).
  std::int64_t run(const std::vector<std::optional<std::string_view>>& values,
                   std::vector<Row>* rows) {
    if (values.size() != names_.size()) {
      throw std::invalid_argument("The prepared SQL takes " + std::to_string(names_.size()) +
                                  " values but was given " + std::to_string(values.size()) + ": " +
                                  excerpt(sql_));
    }
    return stmt_ != nullptr ? run_sqlite(values, rows) : run_pg(values, rows);
  }

 private:
  std::int64_t run_sqlite(const std::vector<std::optional<std::string_view>>& values,
                          std::vector<Row>* rows) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto& value = values[i];
      if (!value) {
        sqlite_api::sqlite3_bind_null(stmt_, index_[i]);
      } else {
        // The caller's text outlives the step below, so SQLite need not copy it.
        sqlite_api::sqlite3_bind_text(stmt_, index_[i], value->data(),
                                      static_cast<int>(value->size()),
                                      static_cast<sqlite_api::sqlite3_destructor_type>(nullptr));
      }
    }
    int status = sqlite_api::sqlite3_step(stmt_);
    while (status == SQLITE_ROW) {
      if (rows != nullptr) rows->push_back(sqlite_row());
      status = sqlite_api::sqlite3_step(stmt_);
    }
    sqlite_api::sqlite3_reset(stmt_);
    if (status != SQLITE_DONE) {
      throw std::runtime_error(std::string(sqlite_api::sqlite3_errmsg(db_)) +
                               " (SQL: " + excerpt(sql_) + ")");
    }
    return sqlite_api::sqlite3_changes(db_);
  }

  Row sqlite_row() {
    const int columns = sqlite_api::sqlite3_column_count(stmt_);
    if (!columns_) {
      columns_ = std::make_shared<std::vector<std::string>>();
      for (int i = 0; i < columns; ++i) {
        columns_->emplace_back(sqlite_api::sqlite3_column_name(stmt_, i));
      }
    }
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) {
      if (sqlite_api::sqlite3_column_type(stmt_, i) == SQLITE_NULL) {
        values.emplace_back(nullptr);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(stmt_, i));
        values.emplace_back(std::string(text, sqlite_api::sqlite3_column_bytes(stmt_, i)));
      }
    }
    return Row(columns_, std::move(values));
  }

  std::int64_t run_pg(const std::vector<std::optional<std::string_view>>& values,
                      std::vector<Row>* rows) {
    // libpq wants NUL-terminated text: copy into buffers reused from call to call.
    buffers_.resize(values.size());
    pointers_.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i]) {
        buffers_[i].assign(values[i]->data(), values[i]->size());
        pointers_[i] = buffers_[i].c_str();
      } else {
        pointers_[i] = nullptr;
      }
    }
    PGresult* result = PQexecPrepared(pg_, name_.c_str(), static_cast<int>(values.size()),
                                      pointers_.data(), nullptr, nullptr, 0);
    const bool tuples = PQresultStatus(result) == PGRES_TUPLES_OK;
    check_pg(result, tuples ? PGRES_TUPLES_OK : PGRES_COMMAND_OK);
    if (tuples && rows != nullptr) {
      if (!columns_) {
        columns_ = std::make_shared<std::vector<std::string>>();
        for (int c = 0; c < PQnfields(result); ++c) columns_->emplace_back(PQfname(result, c));
      }
      for (int r = 0; r < PQntuples(result); ++r) {
        std::vector<Value> row;
        for (int c = 0; c < PQnfields(result); ++c) {
          if (PQgetisnull(result, r, c)) {
            row.emplace_back(nullptr);
          } else {
            row.emplace_back(std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
          }
        }
        rows->emplace_back(columns_, std::move(row));
      }
    }
    const char* changed = PQcmdTuples(result);
    const std::int64_t count = changed[0] == '\0' ? 0 : std::stoll(changed);
    PQclear(result);
    return count;
  }

  void check_pg(PGresult* result, ExecStatusType expected) {
    if (result != nullptr && PQresultStatus(result) == expected) return;
    std::string why =
        one_line(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(pg_));
    PQclear(result);
    throw std::runtime_error(why + " (SQL: " + excerpt(sql_) + ")");
  }

  std::string sql_;
  std::vector<std::string> names_;
  std::shared_ptr<std::vector<std::string>> columns_;
  sqlite_api::sqlite3* db_ = nullptr;
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
  std::vector<int> index_;
  PGconn* pg_ = nullptr;
  std::string name_;
  std::vector<std::string> buffers_;
  std::vector<const char*> pointers_;
};

Prepared::Prepared(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Prepared::~Prepared() = default;

const std::vector<std::string>& Prepared::parameters() const {
  return impl_->names();
}

std::int64_t Prepared::run(const std::vector<std::optional<std::string_view>>& values) {
  return impl_->run(values, nullptr);
}

std::vector<Row> Prepared::query(const std::vector<std::optional<std::string_view>>& values) {
  std::vector<Row> rows;
  impl_->run(values, &rows);
  return rows;
}

std::unique_ptr<Prepared> Tx::prepare(std::string_view sql) {
  return std::make_unique<Prepared>(std::make_unique<Prepared::Impl>(connection_, sql));
}

}  // namespace lodestar::store
