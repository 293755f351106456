#include "people/oneroster/store.h"

#include <cctype>
#include <map>
#include <stdexcept>
#include <variant>

namespace lodestar::people {

namespace {

// "dateLastModified" → "date_last_modified".
std::string snake_case(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

const std::map<std::string, std::string, std::less<>> kTables = {
    {"academicSessions", "academic_sessions"},
    {"orgs", "orgs"},
    {"courses", "courses"},
    {"classes", "classes"},
    {"users", "people"},
    {"enrollments", "enrollments"},
    {"demographics", "demographics"}};

TableMap make_map(const FileSpec& spec) {
  TableMap map;
  map.table = kTables.at(std::string(spec.name));
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string_view name = spec.columns[i].name;
    if (name == "orgSourcedIds" || name == "agentSourcedIds" || name == "termSourcedIds" ||
        name == "password") {
      continue;
    }
    std::string column = snake_case(name);
    if (spec.name == "users" && name == "role") column = "oneroster_role";
    if (spec.name == "enrollments" && name == "primary") column = "is_primary";
    map.columns.push_back(std::move(column));
    map.csv_columns.push_back(i);
  }
  return map;
}

// The SQL of an upsert that changes a row only when a value differs, so that sqlite3_changes()
// and PostgreSQL's row count tell a changed row from an unchanged one. Built from the constant
// column names of table_map(); every value is a :parameter.
std::string upsert_sql(const TableMap& map, std::size_t rows = 1) {
  std::string names, params, sets, differs;
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    params += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < map.columns.size(); ++c) {
      params += (c == 0 ? ":v" : ", :v") + std::to_string(n++);
    }
    params += ")";
  }
  for (const auto& c : map.columns) {
    names += (names.empty() ? "" : ", ") + c;
    if (c == "sourced_id") continue;
    sets += (sets.empty() ? "" : ", ") + c + " = excluded." + c;
    differs +=
        (differs.empty() ? "" : " OR ") + map.table + "." + c + " IS DISTINCT FROM excluded." + c;
  }
  return "INSERT INTO " + map.table + " (" + names + ") VALUES " + params +
         " ON CONFLICT (sourced_id) DO UPDATE SET " + sets + " WHERE " + differs;
}

struct ListSql {
  const char* select;
  const char* remove;
  const char* insert;
};

ListSql list_sql(ListTable table) {
  switch (table) {
    case ListTable::kPersonOrgs:
      return {
          R"(SELECT org_sourced_id FROM person_orgs WHERE person_sourced_id = :owner ORDER BY position)",
          R"(DELETE FROM person_orgs WHERE person_sourced_id = :owner)",
          R"(INSERT INTO person_orgs (person_sourced_id, org_sourced_id, position)
                 VALUES (:owner, :item, :position))"};
    case ListTable::kPersonAgents:
      return {
          R"(SELECT agent_sourced_id FROM person_agents WHERE person_sourced_id = :owner ORDER BY position)",
          R"(DELETE FROM person_agents WHERE person_sourced_id = :owner)",
          R"(INSERT INTO person_agents (person_sourced_id, agent_sourced_id, position)
                 VALUES (:owner, :item, :position))"};
    case ListTable::kClassTerms:
      break;
  }
  return {
      R"(SELECT term_sourced_id FROM class_terms WHERE class_sourced_id = :owner ORDER BY position)",
      R"(DELETE FROM class_terms WHERE class_sourced_id = :owner)",
      R"(INSERT INTO class_terms (class_sourced_id, term_sourced_id, position)
             VALUES (:owner, :item, :position))"};
}

}  // namespace

const TableMap& table_map(std::string_view file) {
  static const std::map<std::string, TableMap, std::less<>> maps = [] {
    std::map<std::string, TableMap, std::less<>> all;
    for (const auto& spec : roster_files()) all.emplace(std::string(spec.name), make_map(spec));
    return all;
  }();
  const auto found = maps.find(file);
  if (found == maps.end()) throw std::out_of_range("No OneRoster file " + std::string(file));
  return found->second;
}

std::int64_t RosterStore::count(std::string_view file) {
  const auto row = tx_.query_one("SELECT COUNT(*) AS n FROM " + table_map(file).table);
  return row->integer("n");
}

std::vector<std::string> RosterStore::ids(std::string_view file) {
  std::vector<std::string> out;
  for (const auto& row : tx_.query("SELECT sourced_id FROM " + table_map(file).table)) {
    out.push_back(row.text("sourced_id"));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> RosterStore::org_types() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : tx_.query(R"(SELECT sourced_id, type FROM orgs)")) {
    out.emplace_back(row.text("sourced_id"), row.text("type"));
  }
  return out;
}

bool RosterStore::upsert(std::string_view file, const Values& values) {
  const TableMap& map = table_map(file);
  return prepared(file, [&] { return upsert_sql(map); }).run(values) > 0;
}

std::int64_t RosterStore::upsert_rows(std::string_view file, std::size_t rows,
                                      const Values& values) {
  const TableMap& map = table_map(file);
  const std::string key = "rows." + std::string(file) + "." + std::to_string(rows);
  return prepared(key, [&] { return upsert_sql(map, rows); }).run(values);
}

namespace {

// "(:v0, :v1, :v2), (:v3, …)": `rows` rows of `columns` positional parameters, each row ending
// with `constant` when given (a literal of the caller's, never a value from input).
std::string value_rows(std::size_t rows, std::size_t columns, std::string_view constant = {}) {
  std::string sql;
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < columns; ++c) sql += (c == 0 ? ":v" : ", :v") + std::to_string(n++);
    if (!constant.empty()) sql += ", " + std::string(constant);
    sql += ")";
  }
  return sql;
}

const char* list_table_name(ListTable table) {
  switch (table) {
    case ListTable::kPersonOrgs:
      return "person_orgs (person_sourced_id, org_sourced_id, position)";
    case ListTable::kPersonAgents:
      return "person_agents (person_sourced_id, agent_sourced_id, position)";
    case ListTable::kClassTerms:
      break;
  }
  return "class_terms (class_sourced_id, term_sourced_id, position)";
}

}  // namespace

void RosterStore::insert_list_rows(ListTable table, std::size_t rows, const Values& values) {
  const std::string key = std::string("list.") + list_table_name(table) + std::to_string(rows);
  prepared(key, [&] {
    return std::string("INSERT INTO ") + list_table_name(table) + " VALUES " + value_rows(rows, 3);
  }).run(values);
}

void RosterStore::insert_grant_rows(std::size_t rows, const Values& values) {
  prepared("grants." + std::to_string(rows), [&] {
    return "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source) VALUES " +
           value_rows(rows, 3, "'oneroster'") +
           " ON CONFLICT (person_sourced_id, role, org_sourced_id) DO NOTHING";
  }).run(values);
}

void RosterStore::set_parent(std::string_view file, std::string_view id, std::string_view parent) {
  const std::string table = table_map(file).table;
  prepared("parent." + table, [&] {
    return "UPDATE " + table + " SET parent_sourced_id = :parent WHERE sourced_id = :id";
  }).run({parent, id});
}

std::int64_t RosterStore::remove(std::string_view file, std::string_view id) {
  const std::string table = table_map(file).table;
  if (file == "users") {
    prepared("remove.enrollments.user", [] {
      return R"(DELETE FROM enrollments WHERE user_sourced_id = :id)";
    }).run({id});
  } else if (file == "classes") {
    prepared("remove.enrollments.class", [] {
      return R"(DELETE FROM enrollments WHERE class_sourced_id = :id)";
    }).run({id});
  }
  return prepared("remove." + table,
                  [&] { return "DELETE FROM " + table + " WHERE sourced_id = :id"; })
      .run({id});
}

std::vector<std::string> RosterStore::list(ListTable table, std::string_view owner) {
  const ListSql sql = list_sql(table);
  std::vector<std::string> items;
  for (const auto& row : prepared(sql.select, [&] { return sql.select; }).query({owner})) {
    items.push_back(std::get<std::string>(row.at(0)));
  }
  return items;
}

void RosterStore::replace_list(ListTable table, std::string_view owner,
                               const std::vector<std::string_view>& items, bool existing) {
  const ListSql sql = list_sql(table);
  if (existing) prepared(sql.remove, [&] { return sql.remove; }).run({owner});
  auto& insert = prepared(sql.insert, [&] { return sql.insert; });
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string position = std::to_string(i);
    insert.run({owner, items[i], position});
  }
}

void RosterStore::replace_derived_grants(
    std::string_view person, const std::vector<std::pair<std::string, std::string>>& grants,
    bool existing) {
  if (existing) {
    prepared("grants.remove", [] {
      return R"(DELETE FROM role_grants WHERE person_sourced_id = :person AND source = 'oneroster')";
    }).run({person});
  }
  auto& insert = prepared("grants.insert", [] {
    return R"(
      INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source)
      VALUES (:person, :role, :org, 'oneroster')
      ON CONFLICT (person_sourced_id, role, org_sourced_id) DO NOTHING)";
  });
  for (const auto& [role, org] : grants) insert.run({person, role, org});
}

}  // namespace lodestar::people
