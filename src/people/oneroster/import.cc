#include "people/oneroster/import.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "people/oneroster/csv.h"
#include "people/oneroster/model.h"
#include "people/oneroster/store.h"
#include "people/oneroster/zip.h"
#include "platform/log.h"

namespace lodestar::people {

std::string to_string(const Problem& p) {
  std::string text = p.file;
  if (p.line > 0) text += ":" + std::to_string(p.line);
  if (p.column_number > 0) text += ":" + std::to_string(p.column_number);
  if (!p.column.empty()) text += " (" + p.column + ")";
  return text + ": " + p.message;
}

namespace {

constexpr std::size_t kProgressEvery = 8192;
// Rows written by one statement (one round trip, one statement's overhead): 100 rows of the
// widest file bind 1,600 values, far below SQLite's and PostgreSQL's limits.
constexpr std::size_t kBatchRows = 100;

// A column that names records of another file (or of its own).
struct Reference {
  std::string_view column;
  std::string_view target;  // the file whose sourcedIds it names
  bool list = false;
};

std::vector<Reference> references(std::string_view file) {
  if (file == "academicSessions") return {{"parentSourcedId", "academicSessions"}};
  if (file == "orgs") return {{"parentSourcedId", "orgs"}};
  if (file == "courses")
    return {{"schoolYearSourcedId", "academicSessions"}, {"orgSourcedId", "orgs"}};
  if (file == "classes") {
    return {{"courseSourcedId", "courses"},
            {"schoolSourcedId", "orgs"},
            {"termSourcedIds", "academicSessions", true}};
  }
  if (file == "users") return {{"orgSourcedIds", "orgs", true}, {"agentSourcedIds", "users", true}};
  if (file == "enrollments") {
    return {{"classSourcedId", "classes"}, {"schoolSourcedId", "orgs"}, {"userSourcedId", "users"}};
  }
  return {{"sourcedId", "users"}};  // demographics: one row per user
}

std::string singular(std::string_view file) {
  if (file == "academicSessions") return "academic session";
  if (file == "orgs") return "org";
  if (file == "courses") return "course";
  if (file == "classes") return "class";
  return "user";
}

// A folder made for a zip's contents, removed with everything in it.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lodestar-oneroster-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("Cannot create a temporary folder");
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Rollback {};  // thrown to end the transaction without committing

// The SQLite connection's settings for the length of an import, put back however it ends (the
// connection returns to the pool afterwards):
// - a large page cache keeps the indexes of millions of enrollments in memory while they grow;
// - CHECK constraints are not evaluated for the import's statements. Every value was checked by
//   check_row against the same rules first (model.cc mirrors the schema's CHECKs), and SQLite
//   3.40 builds a temporary index for each `IN (…)` of a CHECK on every row it writes: a fifth
//   of the import's time. The pragma applies to statements prepared while it is on, and only
//   the importer prepares statements on this connection until it is put back.
class SqliteImportSettings {
 public:
  explicit SqliteImportSettings(store::Tx& tx) : tx_(tx) {
    if (tx.dialect() != store::Dialect::kSqlite) return;
    cache_size_ = tx.query_one("PRAGMA cache_size")->integer("cache_size");
    tx.exec("PRAGMA cache_size = -262144");
    tx.exec("PRAGMA ignore_check_constraints = ON");
    active_ = true;
  }
  ~SqliteImportSettings() {
    if (!active_) return;
    try {
      tx_.exec("PRAGMA ignore_check_constraints = OFF");
      tx_.exec("PRAGMA cache_size = " + std::to_string(cache_size_));
    } catch (const std::exception& error) {
      // A destructor cannot throw: say so loudly (SQLite refuses these pragmas only when broken).
      log::error("import_settings_not_restored", {{"reason", error.what()}});
    }
  }
  SqliteImportSettings(const SqliteImportSettings&) = delete;
  SqliteImportSettings& operator=(const SqliteImportSettings&) = delete;

 private:
  store::Tx& tx_;
  std::int64_t cache_size_ = 0;
  bool active_ = false;
};

// Rows of one statement waiting to be written together, copied out of the CSV record (which
// the reader reuses); storage is kept from batch to batch.
class RowBatch {
 public:
  explicit RowBatch(std::size_t columns = 0) : columns_(columns) {}
  void reset(std::size_t columns) {
    columns_ = columns;
    rows_ = 0;
  }
  // REQUIRES: row.size() == the batch's columns.
  void add(const Values& row, std::size_t line) {
    if (rows_ == 0) first_line_ = line;
    last_line_ = line;
    const std::size_t at = rows_ * columns_;
    if (cells_.size() < at + columns_) {
      cells_.resize(at + columns_);
      null_.resize(at + columns_);
    }
    for (std::size_t j = 0; j < columns_; ++j) {
      null_[at + j] = !row[j];
      if (row[j]) cells_[at + j].assign(*row[j]);
    }
    ++rows_;
  }
  std::size_t rows() const { return rows_; }
  std::size_t columns() const { return columns_; }
  std::size_t first_line() const { return first_line_; }
  std::size_t last_line() const { return last_line_; }
  // The rows' values, row after row, viewing the batch's own storage; empties the batch.
  Values take() {
    Values values(rows_ * columns_);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!null_[i]) values[i] = cells_[i];
    }
    rows_ = 0;
    return values;
  }

 private:
  std::size_t columns_ = 0, rows_ = 0, first_line_ = 0, last_line_ = 0;
  std::vector<std::string> cells_;
  std::vector<char> null_;
};

struct Deletion {
  std::string file;
  std::string id;
  std::size_t line;
};

struct Pending {  // a reference to the same file, checked when the whole file has been read
  std::size_t line;
  std::size_t column;
  std::string id;
};

class Importer {
 public:
  Importer(store::Tx& tx, const ImportOptions& options, ImportReport& report)
      : store_(tx), options_(options), report_(report) {}

  void load_known(const std::vector<std::string>& files_read) {
    for (const auto& file : files_read) {
      if (file == "enrollments" || file == "demographics") continue;
      auto& set = known_[file];
      for (auto& id : store_.ids(file)) set.insert(std::move(id));
    }
    // Files not read still need their ids known when others refer to them.
    for (std::string_view file : {"academicSessions", "orgs", "courses", "classes", "users"}) {
      if (known_.count(std::string(file)) == 0) {
        auto& set = known_[std::string(file)];
        for (auto& id : store_.ids(file)) set.insert(std::move(id));
      }
    }
    for (auto& [id, type] : store_.org_types()) org_type_[id] = type;
  }

  void import_file(const FileSpec& spec, const std::filesystem::path& path);
  void delete_marked();

 private:
  void problem(const FileSpec& spec, std::size_t line, std::size_t column, std::string message) {
    report_.problems.push_back(
        Problem{std::string(spec.name) + ".csv", line,
                column < spec.columns.size() ? std::string(spec.columns[column].name) : "",
                column + 1, std::move(message)});
  }
  bool check_header(const FileSpec& spec, const std::vector<std::string>& header);
  void check_row(const FileSpec& spec, const std::vector<std::string>& f, std::size_t line);
  void write_row(const FileSpec& spec, const std::vector<std::string>& f, std::size_t line);
  void resolve_references(const FileSpec& spec);
  void unknown(const FileSpec& spec, const auto& ref, std::size_t line, std::string_view id) {
    if (ref.same_file) {
      pending_.push_back({line, ref.column, std::string(id)});
    } else {
      problem(spec, line, ref.column,
              "no " + singular(ref.target_name) + " has sourcedId '" + std::string(id) + "'");
    }
  }
  void finish_file(const FileSpec& spec);

  RosterStore store_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::unordered_map<std::string, std::unordered_set<std::string>> known_;
  std::unordered_map<std::string, std::string> org_type_;
  std::unordered_set<std::string>
      broken_files_;  // files whose header is wrong: not checked against
  std::vector<Deletion> deletions_;
  // Per file:
  std::unordered_set<std::uint64_t> seen_;  // hashes of the sourcedIds read, to find repeats
  std::vector<Pending> pending_;
  std::vector<std::pair<std::string, std::string>> parents_;  // written once the parent exists
  std::vector<std::pair<std::string, std::vector<std::string>>> agents_;
  struct ResolvedReference {
    std::size_t column;
    std::unordered_set<std::string>* target;
    bool list;
    bool same_file;
    std::string_view target_name;
  };
  std::vector<ResolvedReference> refs_;
  std::unordered_set<std::string>* own_ = nullptr;  // this file's known ids (null: not referable)
  // How each table column of this file is written, worked out once per file, not per row.
  enum class Cell { kPlain, kStatus, kEnabled, kParent };
  const TableMap* map_ = nullptr;
  std::vector<Cell> kinds_;
  Values values_;  // one row's values, its storage reused from row to row
  // Rows are written kBatchRows at a time, except where a row must be compared with what is
  // stored (users and classes already in the database, whose lists and grants are synced one
  // by one). Lists and grants of a batch's new users and classes wait in their own batches and
  // are written after it, because they refer to its rows.
  bool batched_ = false;
  RowBatch rows_batch_, list_batch_{3}, grant_batch_{3};
  std::optional<ListTable> list_table_;  // what list_batch_ holds
  void add_list_items(ListTable table, const std::string& owner, const std::string& field,
                      std::size_t line);
  void flush_batch(const FileSpec& spec);
  bool is_orgs_ = false;
  std::optional<std::size_t> terms_column_, orgs_column_, agents_column_, role_column_;
  std::size_t active_ = 0, changed_ = 0;
  std::int64_t before_ = 0;
};

bool Importer::check_header(const FileSpec& spec, const std::vector<std::string>& header) {
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    if (i >= header.size()) {
      problem(spec, 1, i,
              "the header lacks the column " + std::string(spec.columns[i].name) +
                  " (OneRoster 1.1 lists " + std::to_string(spec.columns.size()) + " columns)");
      return false;
    }
    if (header[i] != spec.columns[i].name) {
      problem(spec, 1, i,
              "the header has '" + header[i] + "' where OneRoster 1.1 puts " +
                  std::string(spec.columns[i].name));
      return false;
    }
  }
  if (header.size() > spec.columns.size()) {
    problem(spec, 1, spec.columns.size(),
            "the header has an extra column '" + header[spec.columns.size()] + "'");
    return false;
  }
  return true;
}

void Importer::check_row(const FileSpec& spec, const std::vector<std::string>& f,
                         std::size_t line) {
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string why = check_value(spec.columns[i], f[i]);
    if (!why.empty()) problem(spec, line, i, std::string(spec.columns[i].name) + " " + why);
  }
  const std::string& id = f[0];
  if (id.empty()) return;
  if (!seen_.insert(std::hash<std::string_view>{}(id)).second) {
    problem(spec, line, 0, "sourcedId '" + id + "' appears more than once in the file");
  }
  const bool deleted = f[1] == "tobedeleted";
  if (!deleted) {
    for (const auto& ref : refs_) {
      const std::string& value = f[ref.column];
      if (value.empty()) continue;
      auto check = [&](std::string_view item) {
        if (item.empty() || ref.target->count(std::string(item)) > 0) return;
        unknown(spec, ref, line, item);
      };
      if (ref.list) {
        for (const auto item : split_list(value)) check(item);
      } else {
        check(value);
      }
    }
  }
  if (own_ != nullptr) {
    if (deleted) {
      own_->erase(id);
    } else {
      own_->insert(id);
    }
  }
  if (is_orgs_ && !deleted) org_type_[id] = f[4];
  if (deleted) deletions_.push_back({std::string(spec.name), id, line});
}

void Importer::resolve_references(const FileSpec& spec) {
  refs_.clear();
  for (const auto& ref : references(spec.name)) {
    if (broken_files_.count(std::string(ref.target)) > 0) continue;
    refs_.push_back({spec.index(ref.column), &known_[std::string(ref.target)], ref.list,
                     ref.target == spec.name, ref.target});
  }
  const bool referable = spec.name != "enrollments" && spec.name != "demographics";
  own_ = referable ? &known_[std::string(spec.name)] : nullptr;
  is_orgs_ = spec.name == "orgs";
  map_ = &table_map(spec.name);
  kinds_.clear();
  for (const auto& column : map_->columns) {
    kinds_.push_back(column == "status"              ? Cell::kStatus
                     : column == "enabled_user"      ? Cell::kEnabled
                     : column == "parent_sourced_id" ? Cell::kParent
                                                     : Cell::kPlain);
  }
  // A first import of classes or users (the table was empty) has nothing to compare with.
  batched_ = (spec.name != "classes" && spec.name != "users") || before_ == 0;
  rows_batch_.reset(map_->columns.size());
  list_batch_.reset(3);
  grant_batch_.reset(3);
  list_table_ = std::nullopt;
  if (spec.name == "classes") terms_column_ = spec.index("termSourcedIds");
  if (spec.name == "users") {
    orgs_column_ = spec.index("orgSourcedIds");
    agents_column_ = spec.index("agentSourcedIds");
    role_column_ = spec.index("role");
  }
}

void Importer::write_row(const FileSpec& spec, const std::vector<std::string>& f,
                         std::size_t line) {
  values_.clear();
  for (std::size_t j = 0; j < kinds_.size(); ++j) {
    const std::string& v = f[map_->csv_columns[j]];
    switch (kinds_[j]) {
      case Cell::kStatus:
        values_.emplace_back("active");  // tobedeleted rows are deleted, not written
        continue;
      case Cell::kEnabled:
        values_.emplace_back(v == "true" ? "1" : "0");
        continue;
      case Cell::kParent:
        if (!v.empty() && own_->count(v) == 0) {
          values_.emplace_back(std::nullopt);  // the parent comes later in this file
          parents_.emplace_back(f[0], v);
          continue;
        }
        break;
      case Cell::kPlain:
        break;
    }
    if (v.empty()) {
      values_.emplace_back(std::nullopt);
    } else {
      values_.emplace_back(v);
    }
  }
  const std::string& id = f[0];
  if (batched_) {
    rows_batch_.add(values_, line);
    if (terms_column_) add_list_items(ListTable::kClassTerms, id, f[*terms_column_], line);
    if (orgs_column_) {
      const std::string& orgs = f[*orgs_column_];
      add_list_items(ListTable::kPersonOrgs, id, orgs, line);
      const std::string& agents = f[*agents_column_];
      if (!agents.empty()) {
        const auto items = split_list(agents);
        agents_.emplace_back(id, std::vector<std::string>(items.begin(), items.end()));
      }
      for (const auto& g :
           derive_role_grants(f[*role_column_], split_list(orgs), [&](std::string_view org) {
             const auto found = org_type_.find(std::string(org));
             return found == org_type_.end() ? std::string() : found->second;
           })) {
        grant_batch_.add({id, g.role, g.org}, line);
      }
    }
    if (rows_batch_.rows() == kBatchRows) flush_batch(spec);
    return;
  }
  bool changed = store_.upsert(spec.name, values_);
  // A record new to a table that was empty when the import began has no lists and no grants to
  // compare with or remove: a first import of a district skips those queries.
  const bool fresh = before_ == 0;
  auto sync = [&](ListTable table, const std::string& field) {
    const auto items = field.empty() ? std::vector<std::string_view>{} : split_list(field);
    if (fresh) {
      if (items.empty()) return false;
    } else {
      const auto existing = store_.list(table, id);
      if (std::equal(items.begin(), items.end(), existing.begin(), existing.end())) return false;
    }
    if (table == ListTable::kPersonAgents) {
      agents_.emplace_back(id, std::vector<std::string>(items.begin(), items.end()));
    } else {
      store_.replace_list(table, id, items, /*existing=*/!fresh);
    }
    return true;
  };
  if (terms_column_) changed = sync(ListTable::kClassTerms, f[*terms_column_]) || changed;
  if (orgs_column_) {
    const std::string& orgs = f[*orgs_column_];
    changed = sync(ListTable::kPersonOrgs, orgs) || changed;
    changed = sync(ListTable::kPersonAgents, f[*agents_column_]) || changed;
    if (changed) {
      std::vector<std::pair<std::string, std::string>> grants;
      for (auto& g :
           derive_role_grants(f[*role_column_], split_list(orgs), [&](std::string_view org) {
             const auto found = org_type_.find(std::string(org));
             return found == org_type_.end() ? std::string() : found->second;
           })) {
        grants.emplace_back(std::move(g.role), std::move(g.org));
      }
      store_.replace_derived_grants(id, grants, /*existing=*/!fresh);
    }
  }
  if (changed) ++changed_;
}

void Importer::add_list_items(ListTable table, const std::string& owner, const std::string& field,
                              std::size_t line) {
  if (field.empty()) return;
  list_table_ = table;
  std::size_t position = 0;
  for (const auto item : split_list(field)) {
    const std::string at = std::to_string(position++);
    list_batch_.add({owner, item, at}, line);
  }
}

void Importer::flush_batch(const FileSpec& spec) {
  // A batch is written in chunks of kBatchRows, then of powers of two, so that whatever its size
  // only a handful of statements are ever prepared.
  auto write = [&](RowBatch& batch, auto&& run) {
    if (batch.rows() == 0) return;
    const std::size_t first = batch.first_line(), last = batch.last_line();
    std::size_t rows = batch.rows();
    const std::size_t columns = batch.columns();
    const Values values = batch.take();
    try {
      std::size_t at = 0;
      while (rows > 0) {
        std::size_t chunk = kBatchRows;
        if (rows < kBatchRows) {
          chunk = 1;
          while (chunk * 2 <= rows) chunk *= 2;
        }
        run(chunk, Values(values.begin() + static_cast<std::ptrdiff_t>(at * columns),
                          values.begin() + static_cast<std::ptrdiff_t>((at + chunk) * columns)));
        at += chunk;
        rows -= chunk;
      }
    } catch (const std::runtime_error& error) {
      problem(spec, first, 0,
              "the database refused a row between this line and line " + std::to_string(last) +
                  ": " + error.what());
    }
  };
  write(rows_batch_, [&](std::size_t rows, const Values& values) {
    changed_ += static_cast<std::size_t>(store_.upsert_rows(spec.name, rows, values));
  });
  write(list_batch_, [&](std::size_t rows, const Values& values) {
    store_.insert_list_rows(*list_table_, rows, values);
  });
  write(grant_batch_,
        [&](std::size_t rows, const Values& values) { store_.insert_grant_rows(rows, values); });
}

void Importer::import_file(const FileSpec& spec, const std::filesystem::path& path) {
  CsvReader reader(path);
  const std::string stage = std::string(spec.name) + ".csv";
  std::vector<std::string> f;
  seen_.clear();
  terms_column_ = orgs_column_ = agents_column_ = role_column_ = std::nullopt;
  seen_.reserve(reader.size() / 48 + 16);
  pending_.clear();
  parents_.clear();
  agents_.clear();
  active_ = changed_ = 0;
  if (!reader.next(f) || !check_header(spec, f)) {
    if (f.empty()) problem(spec, 1, 0, "the file is empty: it needs at least the header line");
    broken_files_.insert(std::string(spec.name));
    return;
  }
  if (report_.problems.empty()) before_ = store_.count(spec.name);
  resolve_references(spec);
  std::size_t rows = 0;
  while (reader.next(f)) {
    const std::size_t line = reader.line();
    if (!reader.error().empty()) problem(spec, line, f.size() - 1, reader.error());
    if (f.size() != spec.columns.size()) {
      problem(spec, line, std::min(f.size(), spec.columns.size()),
              "the line has " + std::to_string(f.size()) + " fields but the header has " +
                  std::to_string(spec.columns.size()));
      continue;
    }
    const std::size_t problems_before = report_.problems.size();
    check_row(spec, f, line);
    if (report_.problems.empty() && f[1] != "tobedeleted") {
      try {
        write_row(spec, f, line);
        ++active_;
      } catch (const std::runtime_error& error) {
        problem(spec, line, 0, std::string("the database refused this row: ") + error.what());
      }
    }
    (void)problems_before;
    if (++rows % kProgressEvery == 0 && options_.progress)
      options_.progress(stage, reader.bytes_read(), reader.size());
  }
  if (report_.problems.empty()) flush_batch(spec);
  if (options_.progress) options_.progress(stage, reader.size(), reader.size());
  finish_file(spec);
}

void Importer::finish_file(const FileSpec& spec) {
  const auto& own = known_[std::string(spec.name)];
  for (const auto& p : pending_) {
    if (own.count(p.id) == 0)
      problem(spec, p.line, p.column,
              "no " + singular(spec.name) + " has sourcedId '" + p.id + "'");
  }
  if (!report_.problems.empty()) return;
  for (const auto& [id, parent] : parents_) store_.set_parent(spec.name, id, parent);
  for (const auto& [id, agents] : agents_) {
    store_.replace_list(ListTable::kPersonAgents, id,
                        std::vector<std::string_view>(agents.begin(), agents.end()));
  }
  Counts& counts = report_.counts[std::string(spec.name) + ".csv"];
  counts.inserted = static_cast<std::size_t>(store_.count(spec.name) - before_);
  counts.updated = changed_ - counts.inserted;
  counts.unchanged = active_ - changed_;
}

void Importer::delete_marked() {
  if (!report_.problems.empty()) return;
  // Dependents before what they depend on: the reverse of the reading order.
  std::stable_sort(deletions_.begin(), deletions_.end(), [](const Deletion& a, const Deletion& b) {
    auto rank = [](const std::string& file) {
      const auto& files = roster_files();
      return std::find_if(files.begin(), files.end(),
                          [&](const FileSpec& s) { return s.name == file; }) -
             files.begin();
    };
    return rank(a.file) > rank(b.file);
  });
  for (const auto& d : deletions_) {
    Counts& counts = report_.counts[d.file + ".csv"];
    try {
      if (store_.remove(d.file, d.id) > 0) {
        ++counts.deleted;
      } else {
        ++counts.unchanged;
      }
    } catch (const std::runtime_error& error) {
      report_.problems.push_back(Problem{
          d.file + ".csv", d.line, "status", 2,
          "cannot delete '" + d.id +
              "': other records still refer to it (mark them tobedeleted too) — " + error.what()});
      return;  // PostgreSQL has aborted the transaction
    }
  }
}

// manifest.csv: propertyName,value. Returns each roster file's mode (bulk or absent).
std::map<std::string, std::string> read_manifest(const std::filesystem::path& folder,
                                                 ImportReport& report) {
  std::map<std::string, std::string> modes;
  const auto path = folder / "manifest.csv";
  auto fail = [&](std::size_t line, std::size_t column, std::string message) {
    report.problems.push_back(Problem{"manifest.csv", line,
                                      column == 1 ? "propertyName" : (column == 2 ? "value" : ""),
                                      column, std::move(message)});
  };
  if (!std::filesystem::exists(path)) {
    fail(0, 0, "manifest.csv is missing: a OneRoster 1.1 bulk export begins with it");
    return modes;
  }
  CsvReader reader(path);
  std::vector<std::string> f;
  if (!reader.next(f) || f.size() != 2 || f[0] != "propertyName" || f[1] != "value") {
    fail(1, 1, "the header must be propertyName,value");
    return modes;
  }
  std::map<std::string, std::string> properties;
  std::map<std::string, std::size_t> lines;
  while (reader.next(f)) {
    if (f.size() != 2) {
      fail(reader.line(), 1, "a manifest line has two fields: propertyName,value");
      continue;
    }
    properties[f[0]] = f[1];
    lines[f[0]] = reader.line();
  }
  if (properties["manifest.version"] != "1.0") {
    fail(lines["manifest.version"], 2, "manifest.version must be 1.0");
  }
  if (properties["oneroster.version"] != "1.1") {
    fail(lines["oneroster.version"], 2,
         "oneroster.version must be 1.1 (found '" + properties["oneroster.version"] + "')");
  }
  for (const auto& spec : roster_files()) {
    const std::string key = "file." + std::string(spec.name);
    const auto found = properties.find(key);
    const std::string mode = found == properties.end() ? "absent" : found->second;
    if (mode == "delta") {
      fail(lines[key], 2,
           key + " is delta: Lodestar imports bulk files only; export a bulk file instead");
    } else if (mode == "bulk") {
      if (!std::filesystem::exists(folder / (std::string(spec.name) + ".csv"))) {
        fail(lines[key], 2, key + " is bulk but " + std::string(spec.name) + ".csv is missing");
      }
    } else if (mode != "absent") {
      fail(lines[key], 2, key + " is '" + mode + "': use bulk, delta or absent");
    }
    modes[std::string(spec.name)] = mode;
  }
  for (const auto& [key, value] : properties) {
    if (key.starts_with("file.") && value == "bulk" && modes.count(key.substr(5)) == 0) {
      report.notes.push_back(key.substr(5) + ".csv was skipped: Lodestar does not keep OneRoster " +
                             key.substr(5));
    }
  }
  return modes;
}

}  // namespace

ImportReport import_oneroster(store::Database& db, const std::filesystem::path& folder_or_zip,
                              const ImportOptions& options) {
  ImportReport report;
  std::optional<TempFolder> unzipped;
  std::filesystem::path folder = folder_or_zip;
  if (!std::filesystem::exists(folder_or_zip)) {
    throw std::runtime_error("There is no file or folder " + folder_or_zip.string());
  }
  if (!std::filesystem::is_directory(folder_or_zip)) {
    unzipped.emplace();
    extract_csv_zip(folder_or_zip, unzipped->path());
    folder = unzipped->path();
  }
  const auto modes = read_manifest(folder, report);
  if (!report.problems.empty()) return report;
  std::vector<std::string> files_read;
  for (const auto& [file, mode] : modes) {
    if (mode == "bulk") files_read.push_back(file);
  }
  try {
    db.write([&](store::Tx& tx) {
      SqliteImportSettings settings(tx);
      Importer importer(tx, options, report);
      importer.load_known(files_read);
      for (const auto& spec : roster_files()) {
        if (modes.at(std::string(spec.name)) != "bulk") continue;
        importer.import_file(spec, folder / (std::string(spec.name) + ".csv"));
      }
      importer.delete_marked();
      if (!report.problems.empty() || options.dry_run) throw Rollback{};
    });
    report.imported = true;
  } catch (const Rollback&) {
    report.imported = false;
  }
  return report;
}

}  // namespace lodestar::people
