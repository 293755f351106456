// The database: a pool of connections to SQLite or PostgreSQL through SOCI, and units of work
// on it. SOCI is seen only here and in database.cc; stores speak SQL through Tx with named
// parameters (":name"), and never concatenate a value into SQL.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lodestar::store {

enum class Dialect { kSqlite, kPostgresql };

// A value bound to a named parameter or read from a column.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<std::pair<std::string, Value>>;

// One row of a result, with its columns by name or position.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  const Value& at(std::size_t i) const { return values_.at(i); }
  // REQUIRES: the column exists (a typo is a programming error: throws std::out_of_range).
  const Value& at(std::string_view name) const;
  bool is_null(std::string_view name) const;
  // Text of the column; numbers are formatted. Throws std::out_of_range for NULL.
  std::string text(std::string_view name) const;
  std::optional<std::string> optional_text(std::string_view name) const;
  // Integer of the column; text holding a number is parsed. Throws std::out_of_range for NULL.
  std::int64_t integer(std::string_view name) const;
  std::optional<std::int64_t> optional_integer(std::string_view name) const;
  double real(std::string_view name) const;

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};

class Connection;

// A statement prepared once and run many times: for bulk loads (an import of millions of rows)
// where preparing per call would cost more than the work. Obtained from Tx::prepare() and valid
// only while that Tx is open (destroy it first). Its values are given by position, in the order
// the SQL's :names first appear (parameters() lists them), as text or NULL: the database converts
// text to the column's type (SQLite by column affinity, PostgreSQL by the inferred parameter type).
// Not thread-safe, like its Tx.
class Prepared {
 public:
  class Impl;
  explicit Prepared(std::unique_ptr<Impl> impl);
  ~Prepared();
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  // The :names of the SQL, without the colon, in the order their values are given.
  const std::vector<std::string>& parameters() const;
  // Runs the statement. REQUIRES: values.size() == parameters().size() (else
  // std::invalid_argument). The views need live only for the call. Returns the rows changed.
  std::int64_t run(const std::vector<std::optional<std::string_view>>& values);
  // Runs a query; every column comes back as text or NULL.
  std::vector<Row> query(const std::vector<std::optional<std::string_view>>& values);

 private:
  std::unique_ptr<Impl> impl_;
};

// A unit of work: one transaction on one pooled connection. Obtained from Database::write() or
// Database::read(); committed when the function given to them returns, rolled back when it
// throws. Not thread-safe: one Tx belongs to one thread.
class Tx {
 public:
  explicit Tx(Connection& connection) : connection_(connection) {}

  Dialect dialect() const;
  // Runs one statement. Returns the number of rows it changed.
  std::int64_t exec(std::string_view sql, const Params& params = {});
  std::vector<Row> query(std::string_view sql, const Params& params = {});
  // The first row, or nothing.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Prepares one statement (":name" parameters, as above) to run many times; see Prepared.
  // Throws std::invalid_argument for several statements in one string, std::runtime_error when
  // the database refuses the SQL.
  std::unique_ptr<Prepared> prepare(std::string_view sql);

 private:
  Connection& connection_;
};

struct PoolStats {
  std::size_t size = 0;
  std::size_t in_use = 0;
};

class Database {
 public:
  // Opens a pool of `pool_size` connections. `url` is "sqlite:PATH" (the file and its folder are
  // created; ":memory:" is refused because each connection would see its own database) or a
  // libpq URI "postgresql://user@host:port/db". Throws std::runtime_error with a message that
  // names the database (without its password) and what to do.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  // The URL with any password removed: safe to print and log.
  const std::string& display_url() const { return display_url_; }

  // Runs `work` in one write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of
  // failing to upgrade). Commits when `work` returns, rolls back and rethrows when it throws.
  template <typename Work>
  auto write(Work&& work) {
    return run(true, std::forward<Work>(work));
  }
  // The same for work that only reads: a consistent snapshot, never blocking writers.
  template <typename Work>
  auto read(Work&& work) {
    return run(false, std::forward<Work>(work));
  }

  // True when a connection answers "SELECT 1" within `timeout`. Never throws.
  bool ping(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) noexcept;

  PoolStats stats() const;

  // How many write transactions this process has committed. A cache of what it read may trust
  // its copy while this number is unchanged (nothing here changed the data since) and for a
  // short time after (other app servers' writes reach it that much later).
  std::uint64_t committed_writes() const {
    return committed_writes_.load(std::memory_order_acquire);
  }

  class Pool;

 private:
  Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool);

  template <typename Work>
  auto run(bool for_write, Work&& work) {
    Lease lease = acquire();
    begin(*lease.connection, for_write);
    try {
      Tx tx(*lease.connection);
      if constexpr (std::is_void_v<std::invoke_result_t<Work, Tx&>>) {
        work(tx);
        commit(*lease.connection);
        if (for_write) committed_writes_.fetch_add(1, std::memory_order_release);
      } else {
        auto result = work(tx);
        commit(*lease.connection);
        if (for_write) committed_writes_.fetch_add(1, std::memory_order_release);
        return result;
      }
    } catch (...) {
      rollback(*lease.connection);
      throw;
    }
  }

  struct Lease {
    Pool* pool = nullptr;
    Connection* connection = nullptr;
    Lease() = default;
    Lease(Pool* p, Connection* c) : pool(p), connection(c) {}
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
  };
  Lease acquire();
  void begin(Connection& connection, bool for_write);
  void commit(Connection& connection);
  void rollback(Connection& connection) noexcept;

  Dialect dialect_;
  std::string display_url_;
  std::unique_ptr<Pool> pool_;
  std::atomic<std::uint64_t> committed_writes_{0};
};

// Splits an SQL script into statements at semicolons that end a line, ignoring "--" comment
// lines. Migrations are written that way so they run on drivers that take one statement a call.
std::vector<std::string> split_statements(std::string_view script);

}  // namespace lodestar::store
