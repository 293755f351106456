// export_oneroster: the roster back out as OneRoster 1.1 bulk CSV.
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

#include "people/oneroster/import.h"
#include "people/oneroster/model.h"
#include "people/oneroster/store.h"
#include "people/oneroster/zip.h"

namespace lodestar::people {

namespace {

constexpr int kPage = 5000;

class CsvWriter {
 public:
  explicit CsvWriter(const std::filesystem::path& path)
      : file_(std::fopen(path.c_str(), "wb"), &std::fclose) {
    if (!file_) throw std::runtime_error("Cannot write " + path.string());
    path_ = path.string();
  }
  void row(const std::vector<std::string>& fields) {
    line_.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line_ += ',';
      append(fields[i]);
    }
    line_ += "\r\n";  // RFC 4180 ends records with CRLF
    if (std::fwrite(line_.data(), 1, line_.size(), file_.get()) != line_.size()) {
      throw std::runtime_error("Cannot write " + path_ + " (is the disk full?)");
    }
  }

 private:
  void append(const std::string& field) {
    const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote) {
      line_ += field;
      return;
    }
    line_ += '"';
    for (char c : field) {
      if (c == '"') line_ += '"';
      line_ += c;
    }
    line_ += '"';
  }

  std::unique_ptr<std::FILE, decltype(&std::fclose)> file_;
  std::string path_;
  std::string line_;
};

struct ListSource {
  std::string_view csv_column;
  const char* sql;  // rows (owner, item) for owners in (:after, :last], by owner and position
};

std::vector<ListSource> list_sources(std::string_view file) {
  if (file == "users") {
    return {{"orgSourcedIds",
             R"(SELECT person_sourced_id AS owner, org_sourced_id AS item FROM person_orgs
              WHERE person_sourced_id > :after AND person_sourced_id <= :last
              ORDER BY person_sourced_id, position)"},
            {"agentSourcedIds",
             R"(SELECT person_sourced_id AS owner, agent_sourced_id AS item FROM person_agents
              WHERE person_sourced_id > :after AND person_sourced_id <= :last
              ORDER BY person_sourced_id, position)"}};
  }
  if (file == "classes") {
    return {{"termSourcedIds",
             R"(SELECT class_sourced_id AS owner, term_sourced_id AS item FROM class_terms
              WHERE class_sourced_id > :after AND class_sourced_id <= :last
              ORDER BY class_sourced_id, position)"}};
  }
  return {};
}

void export_file(store::Tx& tx, const FileSpec& spec, const std::filesystem::path& dir) {
  const TableMap& map = table_map(spec.name);
  CsvWriter out(dir / (std::string(spec.name) + ".csv"));
  std::vector<std::string> header;
  for (const auto& c : spec.columns) header.emplace_back(c.name);
  out.row(header);
  std::string columns;
  for (const auto& c : map.columns) columns += (columns.empty() ? "" : ", ") + c;
  // Keyset pages in sourcedId order: memory stays flat however many rows there are.
  const std::string page_sql = "SELECT " + columns + " FROM " + map.table +
                               " WHERE sourced_id > :after ORDER BY sourced_id LIMIT " +
                               std::to_string(kPage);
  const auto lists = list_sources(spec.name);
  std::string after;
  for (;;) {
    const auto rows = tx.query(page_sql, {{"after", after}});
    if (rows.empty()) break;
    const std::string last = rows.back().text("sourced_id");
    std::vector<std::map<std::string, std::string>> joined(lists.size());
    for (std::size_t l = 0; l < lists.size(); ++l) {
      for (const auto& item : tx.query(lists[l].sql, {{"after", after}, {"last", last}})) {
        std::string& text = joined[l][item.text("owner")];
        text += (text.empty() ? "" : ",") + item.text("item");
      }
    }
    std::vector<std::string> fields(spec.columns.size());
    for (const auto& row : rows) {
      for (auto& field : fields) field.clear();
      for (std::size_t j = 0; j < map.columns.size(); ++j) {
        std::string value = row.optional_text(map.columns[j]).value_or("");
        if (map.columns[j] == "enabled_user") value = value == "0" ? "false" : "true";
        fields[map.csv_columns[j]] = std::move(value);
      }
      const std::string id = row.text("sourced_id");
      for (std::size_t l = 0; l < lists.size(); ++l) {
        const auto found = joined[l].find(id);
        if (found != joined[l].end()) fields[spec.index(lists[l].csv_column)] = found->second;
      }
      out.row(fields);
    }
    after = last;
  }
}

void write_manifest(const std::filesystem::path& dir) {
  CsvWriter out(dir / "manifest.csv");
  out.row({"propertyName", "value"});
  out.row({"manifest.version", "1.0"});
  out.row({"oneroster.version", "1.1"});
  for (const char* file :
       {"academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
        "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users"}) {
    const std::string name = file;
    const bool kept = name == "academicSessions" || name == "classes" || name == "courses" ||
                      name == "demographics" || name == "enrollments" || name == "orgs" ||
                      name == "users";
    out.row({"file." + name, kept ? "bulk" : "absent"});
  }
  out.row({"source.systemName", "Lodestar"});
  out.row({"source.systemCode", "lodestar"});
}

}  // namespace

void export_oneroster(store::Database& db, const std::filesystem::path& dir) {
  const bool zip = dir.extension() == ".zip";
  std::filesystem::path folder = dir;
  if (zip) {
    folder = dir;
    folder += ".parts";
  }
  std::filesystem::create_directories(folder);
  db.read([&](store::Tx& tx) {
    for (const auto& spec : roster_files()) export_file(tx, spec, folder);
  });
  write_manifest(folder);
  if (zip) {
    write_csv_zip(folder, dir);
    std::filesystem::remove_all(folder);
  }
}

}  // namespace lodestar::people
