// The SQL of coaching logs, coaches' assignments and coverage. Callers hold the transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learning/coaching/model.h"
#include "platform/store/database.h"

namespace lodestar::learning::coaching::db {

struct School {
  std::string id, name;
};
// The active schools, by name.
std::vector<School> schools(store::Tx& tx);
std::optional<School> school(store::Tx& tx, std::string_view id);
// The schools `person_id` coaches (a coach role granted at the school), by name.
std::vector<School> coached_by(store::Tx& tx, std::string_view person_id);

// Staff who hold a role at the school (the people a session may coach), by name.
std::vector<Person> school_staff(store::Tx& tx, std::string_view school_id);

// Every active school with its coaches' names, its logs since `since` (count, minutes, distinct
// people coached) and its latest log ever. Three queries.
std::vector<SchoolActivity> activity(store::Tx& tx, std::string_view since);

// Logs, newest first, with their people and focus: at a school, or by a coach.
std::vector<CoachingLog> logs_at(store::Tx& tx, std::string_view school_id, std::size_t limit);
std::vector<CoachingLog> logs_by(store::Tx& tx, std::string_view coach_id, std::size_t limit);
std::optional<CoachingLog> log(store::Tx& tx, std::string_view id);

// True when `item_id` is an item of a stored framework.
bool item_exists(store::Tx& tx, std::string_view item_id);

// `log.people` by id only. `created_by` is the account that wrote it.
void insert_log(store::Tx& tx, const CoachingLog& log, std::string_view created_by,
                std::string_view now);
// Replaces the log's people too.
void update_log(store::Tx& tx, const CoachingLog& log, std::string_view now);
void delete_log(store::Tx& tx, std::string_view id);

}  // namespace lodestar::learning::coaching::db
