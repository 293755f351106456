// The roster's SQL for import and export. Statements are prepared once per import (Tx::prepare)
// and run once per row, which is what makes a district of millions of rows load quickly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "people/oneroster/model.h"
#include "platform/store/database.h"

namespace lodestar::people {

using Values = std::vector<std::optional<std::string_view>>;

// How one OneRoster file maps onto its table: for each table column, the CSV column it comes
// from. List columns kept in their own tables (orgSourcedIds, agentSourcedIds, termSourcedIds)
// and users.password (Lodestar keeps no OneRoster passwords) have no table column.
struct TableMap {
  std::string table;
  std::vector<std::string> columns;      // table columns, sourced_id first
  std::vector<std::size_t> csv_columns;  // the CSV column index of each
};
const TableMap& table_map(std::string_view file);

// A list stored one item a row: person_orgs, person_agents, class_terms.
enum class ListTable { kPersonOrgs, kPersonAgents, kClassTerms };

class RosterStore {
 public:
  explicit RosterStore(store::Tx& tx) : tx_(tx) {}

  std::int64_t count(std::string_view file);
  std::vector<std::string> ids(std::string_view file);
  std::vector<std::pair<std::string, std::string>> org_types();

  // Inserts or updates one row (values in table_map(file).columns order). Returns true when the
  // row was inserted or changed; false when it already held exactly these values.
  bool upsert(std::string_view file, const Values& values);
  // The same for `rows` rows at once (values row after row): one statement, so one round trip
  // and one statement's overhead for many rows. Returns how many rows were inserted or changed.
  // REQUIRES: no two rows share a sourcedId.
  std::int64_t upsert_rows(std::string_view file, std::size_t rows, const Values& values);
  // Inserts `rows` list items at once: (owner, item, position) row after row. REQUIRES: the
  // owners have no items yet.
  void insert_list_rows(ListTable table, std::size_t rows, const Values& values);
  // Inserts `rows` derived grants at once: (person, role, org) row after row.
  void insert_grant_rows(std::size_t rows, const Values& values);
  void set_parent(std::string_view file, std::string_view id, std::string_view parent);
  // Deletes a record (users and classes: with their enrollments). Returns rows deleted (0 or 1).
  std::int64_t remove(std::string_view file, std::string_view id);

  std::vector<std::string> list(ListTable table, std::string_view owner);
  // `existing` false: the caller knows the owner has no items yet (a record new to an empty
  // table), so there is nothing to remove first.
  void replace_list(ListTable table, std::string_view owner,
                    const std::vector<std::string_view>& items, bool existing = true);

  // Replaces the person's grants of source 'oneroster'; a manual grant of the same role and org
  // is kept as it is. `existing` as for replace_list.
  void replace_derived_grants(std::string_view person,
                              const std::vector<std::pair<std::string, std::string>>& grants,
                              bool existing = true);

 private:
  // The statement cached under `key`, prepared from make_sql() the first time.
  template <typename MakeSql>
  store::Prepared& prepared(std::string_view key, MakeSql&& make_sql) {
    for (auto& [k, statement] : statements_) {
      if (k == key) return *statement;
    }
    statements_.emplace_back(std::string(key), tx_.prepare(make_sql()));
    return *statements_.back().second;
  }

  store::Tx& tx_;
  std::vector<std::pair<std::string, std::unique_ptr<store::Prepared>>> statements_;
};

}  // namespace lodestar::people
