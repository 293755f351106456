// The reflection journal (private, or shared with one coach or supervisor the owner names) and
// the learning log.
#include <algorithm>

#include "growth/records/service.h"
#include "growth/records/service_support.h"
#include "platform/auth/secrets.h"

namespace lodestar::growth::records {
namespace {

constexpr std::string_view kJournalType = "growth_journal_entry";
constexpr std::string_view kLogType = "growth_log_entry";

db::JournalRow readable_entry(store::Tx& tx, const std::string& person, const std::string& id) {
  auto row = db::journal_entry(tx, id);
  if (!row || (row->person_id != person && row->shared_with != person)) {
    throw NotFound("error.not_found", "no journal entry " + id);
  }
  return *row;
}

// Throws Invalid for input that breaks a rule or a reader the person may not choose (keeping
// the entry's present reader is always allowed).
void check_entry(store::Tx& tx, const std::string& person, const JournalInput& input,
                 const std::string& current_reader) {
  auto problems = journal_problems(input);
  if (!input.shared_with.empty() && input.shared_with != current_reader) {
    auto readers = reader_candidates(tx, person);
    if (std::none_of(readers.begin(), readers.end(),
                     [&](const db::PersonChoice& c) { return c.id == input.shared_with; })) {
      problems.push_back({"shared_with", "records.error.reader", {}});
    }
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
}

// Identifiers only: never the entry's words.
nlohmann::json sharing(const std::string& reader) {
  return reader.empty() ? nlohmann::json{{"visibility", "private"}}
                        : nlohmann::json{{"visibility", "shared"}, {"shared_with", reader}};
}

}  // namespace

std::vector<db::JournalRow> Records::journal(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) { return db::journal_of(tx, person); });
}

std::vector<db::JournalRow> Records::journal_shared_with(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) { return db::journal_shared_with(tx, person); });
}

db::JournalRow Records::journal_entry(const auth::Principal& who, const std::string& id) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) { return readable_entry(tx, person, id); });
}

std::string Records::create_journal(const auth::Principal& who, const JournalInput& input,
                                    audit::Event event) {
  const auto& person = require_person(who);
  return db_.write([&](store::Tx& tx) {
    check_entry(tx, person, input, {});
    db::JournalRow row;
    row.id = auth::random_hex(16);
    row.person_id = person;
    row.title = input.title;
    row.body = input.body;
    row.shared_with = input.shared_with;
    row.created_at = row.updated_at = now();
    db::insert_journal(tx, row);
    finish_event(tx, event, kJournalType, row.id, sharing(row.shared_with));
    return row.id;
  });
}

void Records::update_journal(const auth::Principal& who, const std::string& id,
                             const JournalInput& input, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    auto row = readable_entry(tx, person, id);
    if (row.person_id != person) throw Forbidden("records.error.not_yours");
    check_entry(tx, person, input, row.shared_with);
    nlohmann::json detail = {{"before", sharing(row.shared_with)},
                             {"after", sharing(input.shared_with)}};
    row.title = input.title;
    row.body = input.body;
    row.shared_with = input.shared_with;
    row.updated_at = now();
    db::update_journal(tx, row);
    finish_event(tx, event, kJournalType, id, std::move(detail));
  });
}

std::vector<db::LogRow> Records::log(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) { return db::log_of(tx, person); });
}

std::string Records::add_log(const auth::Principal& who, const LogInput& input,
                             audit::Event event) {
  const auto& person = require_person(who);
  if (auto problems = log_problems(input); !problems.empty()) throw Invalid(problems);
  return db_.write([&](store::Tx& tx) {
    db::LogRow row;
    row.id = auth::random_hex(16);
    row.person_id = person;
    row.kind = input.kind;
    row.title = input.title;
    row.happened_on = input.happened_on;
    row.minutes = parse_hours(input.hours);
    row.note = input.note;
    row.created_at = now();
    db::insert_log(tx, row);
    nlohmann::json detail = {{"kind", row.kind}};
    if (row.minutes) detail["minutes"] = *row.minutes;
    finish_event(tx, event, kLogType, row.id, std::move(detail));
    return row.id;
  });
}

void Records::delete_log(const auth::Principal& who, const std::string& id, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    if (!db::delete_log(tx, person, id)) throw NotFound("error.not_found", "no log entry " + id);
    finish_event(tx, event, kLogType, id, nlohmann::json::object());
  });
}

}  // namespace lodestar::growth::records
