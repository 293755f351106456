// The SQL of a person's growth records (migrations/0010_growth_records.sql), and the roster
// questions they ask: who coaches a person, who supervises them. Callers hold the transaction
// (service.h) and have checked ownership; these functions neither check nor audit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/store/database.h"

namespace lodestar::growth::records::db {

struct GoalRow {
  std::string id;
  std::string person_id;
  std::string owner_name;  // read only
  std::string title;
  std::string specific;
  std::string measurable;
  std::string achievable;
  std::string relevant;
  std::string due_on;
  std::string status;
  std::string coach_id;    // "" for none
  std::string coach_name;  // read only
  std::string created_at;
  std::string updated_at;
  std::int64_t steps = 0;       // read only
  std::int64_t steps_done = 0;  // read only
};
void insert_goal(store::Tx& tx, const GoalRow& goal);
// Updates the editable parts (title, SMART parts, due date, status, coach, updated_at).
void update_goal(store::Tx& tx, const GoalRow& goal);
std::optional<GoalRow> goal(store::Tx& tx, std::string_view id);
// By due date, then title.
std::vector<GoalRow> goals_of(store::Tx& tx, std::string_view person_id);
std::vector<GoalRow> goals_coached_by(store::Tx& tx, std::string_view coach_id);

struct StepRow {
  std::string id;
  std::string goal_id;
  std::string description;
  std::string due_on;
  std::string done_at;  // "" while not done
  std::string created_at;
};
void insert_step(store::Tx& tx, const StepRow& step);
std::vector<StepRow> steps(store::Tx& tx, std::string_view goal_id);
// Sets or clears done_at ("" clears). Returns false when the goal has no such step.
bool set_step_done(store::Tx& tx, std::string_view goal_id, std::string_view step_id,
                   std::string_view done_at);

struct CommentRow {
  std::string id;
  std::string goal_id;
  std::string author_id;
  std::string author_name;  // read only
  std::string body;
  std::string created_at;
};
void insert_comment(store::Tx& tx, const CommentRow& comment);
// Oldest first.
std::vector<CommentRow> comments(store::Tx& tx, std::string_view goal_id);

struct JournalRow {
  std::string id;
  std::string person_id;
  std::string owner_name;  // read only
  std::string title;
  std::string body;
  std::string shared_with;       // "" when private
  std::string shared_with_name;  // read only
  std::string created_at;
  std::string updated_at;
};
void insert_journal(store::Tx& tx, const JournalRow& entry);
// Updates title, body, shared_with and updated_at.
void update_journal(store::Tx& tx, const JournalRow& entry);
std::optional<JournalRow> journal_entry(store::Tx& tx, std::string_view id);
// Newest first.
std::vector<JournalRow> journal_of(store::Tx& tx, std::string_view person_id);
std::vector<JournalRow> journal_shared_with(store::Tx& tx, std::string_view person_id);

struct LogRow {
  std::string id;
  std::string person_id;
  std::string kind;
  std::string title;
  std::string happened_on;
  std::optional<std::int64_t> minutes;
  std::string note;
  std::string created_at;
};
void insert_log(store::Tx& tx, const LogRow& entry);
// Newest first.
std::vector<LogRow> log_of(store::Tx& tx, std::string_view person_id);
// Returns false when `person_id` has no such entry.
bool delete_log(store::Tx& tx, std::string_view person_id, std::string_view id);

struct EvidenceRow {
  std::string id;
  std::string person_id;
  std::string title;
  std::string kind;  // "file" or "link"
  std::string url;
  std::string blob_hash;
  std::string mime;
  std::int64_t size_bytes = 0;
  std::string file_name;
  std::string created_at;
};
void insert_evidence(store::Tx& tx, const EvidenceRow& evidence);
std::optional<EvidenceRow> evidence(store::Tx& tx, std::string_view id);
// Newest first.
std::vector<EvidenceRow> evidence_of(store::Tx& tx, std::string_view person_id);
void delete_evidence(store::Tx& tx, std::string_view id);

struct ShareRow {
  std::string id;
  std::string person_id;
  std::string created_at;
};
std::optional<ShareRow> active_share(store::Tx& tx, std::string_view person_id);
std::optional<ShareRow> share_by_token_hash(store::Tx& tx, std::string_view token_hash);
void insert_share(store::Tx& tx, const ShareRow& share, std::string_view token_hash);
// Revokes every active link of the person. Returns how many there were.
std::int64_t revoke_shares(store::Tx& tx, std::string_view person_id, std::string_view now);

// A person offered as a coach or a reader of a journal entry; `roles` are role_grants roles.
struct PersonChoice {
  std::string id;
  std::string name;
  std::vector<std::string> roles;
};
// People with a coach grant at one of the person's organizations or an organization above it
// (the coaches who serve their school), the person excluded. By name.
std::vector<PersonChoice> coaches_of(store::Tx& tx, std::string_view person_id);
// School leaders of the person's schools and district leaders above them, the person excluded.
std::vector<PersonChoice> supervisors_of(store::Tx& tx, std::string_view person_id);
// "Given Family", or "" for an unknown person.
std::string person_name(store::Tx& tx, std::string_view person_id);

}  // namespace lodestar::growth::records::db
