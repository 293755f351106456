#include "people/oneroster/import.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "people/oneroster/csv.h"
#include "people/oneroster/model.h"
#include "people/oneroster/store.h"
#include "people/oneroster/zip.h"

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
  void write_row(const FileSpec& spec, const std::vector<std::string>& f);
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
    for (const auto& ref : references(spec.name)) {
      if (broken_files_.count(std::string(ref.target)) > 0) continue;
      const std::size_t column = spec.index(ref.column);
      if (f[column].empty()) continue;
      const auto& set = known_[std::string(ref.target)];
      const auto items =
          ref.list ? split_list(f[column]) : std::vector<std::string_view>{f[column]};
      for (const auto item : items) {
        if (item.empty() || set.count(std::string(item)) > 0) continue;
        if (ref.target == spec.name) {
          pending_.push_back({line, column, std::string(item)});
        } else {
          problem(spec, line, column,
                  "no " + singular(ref.target) + " has sourcedId '" + std::string(item) + "'");
        }
      }
    }
  }
  if (known_.count(std::string(spec.name)) > 0 && spec.name != "enrollments" &&
      spec.name != "demographics") {
    auto& own = known_[std::string(spec.name)];
    if (deleted) {
      own.erase(id);
    } else {
      own.insert(id);
    }
  }
  if (spec.name == "orgs" && !deleted) org_type_[id] = f[4];
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
}

void Importer::write_row(const FileSpec& spec, const std::vector<std::string>& f) {
  const TableMap& map = table_map(spec.name);
  Values values;
  values.reserve(map.columns.size());
  for (std::size_t j = 0; j < map.columns.size(); ++j) {
    const std::string& column = map.columns[j];
    const std::string& v = f[map.csv_columns[j]];
    if (column == "status") {
      values.emplace_back("active");  // tobedeleted rows are deleted, not written
    } else if (column == "enabled_user") {
      values.emplace_back(v == "true" ? "1" : "0");
    } else if (v.empty()) {
      values.emplace_back(std::nullopt);
    } else if (column == "parent_sourced_id" && own_->count(v) == 0) {
      values.emplace_back(std::nullopt);  // the parent comes later in this file
      parents_.emplace_back(f[0], v);
    } else {
      values.emplace_back(v);
    }
  }
  bool changed = store_.upsert(spec.name, values);
  const std::string& id = f[0];
  auto sync = [&](ListTable table, const std::string& field) {
    const auto items = field.empty() ? std::vector<std::string_view>{} : split_list(field);
    const auto existing = store_.list(table, id);
    if (std::equal(items.begin(), items.end(), existing.begin(), existing.end())) return false;
    if (table == ListTable::kPersonAgents) {
      agents_.emplace_back(id, std::vector<std::string>(items.begin(), items.end()));
    } else {
      store_.replace_list(table, id, items);
    }
    return true;
  };
  if (spec.name == "classes")
    changed = sync(ListTable::kClassTerms, f[spec.index("termSourcedIds")]) || changed;
  if (spec.name == "users") {
    const std::string& orgs = f[spec.index("orgSourcedIds")];
    changed = sync(ListTable::kPersonOrgs, orgs) || changed;
    changed = sync(ListTable::kPersonAgents, f[spec.index("agentSourcedIds")]) || changed;
    if (changed) {
      std::vector<std::pair<std::string, std::string>> grants;
      for (auto& g :
           derive_role_grants(f[spec.index("role")], split_list(orgs), [&](std::string_view org) {
             const auto found = org_type_.find(std::string(org));
             return found == org_type_.end() ? std::string() : found->second;
           })) {
        grants.emplace_back(std::move(g.role), std::move(g.org));
      }
      store_.replace_derived_grants(id, grants);
    }
  }
  if (changed) ++changed_;
}

void Importer::import_file(const FileSpec& spec, const std::filesystem::path& path) {
  CsvReader reader(path);
  const std::string stage = std::string(spec.name) + ".csv";
  std::vector<std::string> f;
  seen_.clear();
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
        write_row(spec, f);
        ++active_;
      } catch (const std::runtime_error& error) {
        problem(spec, line, 0, std::string("the database refused this row: ") + error.what());
      }
    }
    (void)problems_before;
    if (++rows % kProgressEvery == 0 && options_.progress)
      options_.progress(stage, reader.bytes_read(), reader.size());
  }
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
      const bool sqlite = tx.dialect() == store::Dialect::kSqlite;
      // A large page cache keeps the indexes of millions of enrollments in memory while they grow.
      if (sqlite) tx.exec("PRAGMA cache_size = -262144");
      Importer importer(tx, options, report);
      importer.load_known(files_read);
      for (const auto& spec : roster_files()) {
        if (modes.at(std::string(spec.name)) != "bulk") continue;
        importer.import_file(spec, folder / (std::string(spec.name) + ".csv"));
      }
      importer.delete_marked();
      if (sqlite) tx.exec("PRAGMA cache_size = -2000");
      if (!report.problems.empty() || options.dry_run) throw Rollback{};
    });
    report.imported = true;
  } catch (const Rollback&) {
    report.imported = false;
  }
  return report;
}

}  // namespace lodestar::people
