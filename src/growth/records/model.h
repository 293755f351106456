// A leader's own growth records — SMART goals, reflection journal, learning log, evidence — as
// plain data, and the rules their input must meet. No I/O: the service stores what passes here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.h"

namespace lodestar::growth::records {

inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxText = 4000;        // one SMART part, a step, a comment, a note
inline constexpr std::size_t kMaxJournal = 100'000;  // a journal entry's Markdown
inline constexpr std::size_t kMaxUrl = 2000;

// not_started, in_progress, done, dropped (the order forms list them).
const std::vector<std::string>& goal_statuses();
// conference, reading, network, mentoring, course, other.
const std::vector<std::string>& log_kinds();

struct GoalInput {
  std::string title;
  std::string specific;
  std::string measurable;
  std::string achievable;
  std::string relevant;
  std::string due_on;  // YYYY-MM-DD: the time-bound part
  std::string status = "not_started";
  std::string coach_id;                 // "" for none
  std::vector<std::string> indicators;  // item ids
};

struct StepInput {
  std::string description;
  std::string due_on;
};

struct JournalInput {
  std::string title;
  std::string body;         // Markdown
  std::string shared_with;  // a person id, or "" for private
};

struct LogInput {
  std::string kind;
  std::string title;
  std::string happened_on;
  std::string hours;  // as typed: "", "2", "1.5", "1,5"
  std::string note;
};

struct NewFile {
  std::string name;   // as uploaded
  std::string bytes;  // empty when the form was sent without a file
};
struct EvidenceInput {
  std::string title;
  std::string url;              // a link, or
  std::optional<NewFile> file;  // a file
  std::vector<std::string> indicators;
};

// The problems of each kind of input, by field name (the form's field ids): required fields,
// lengths, dates, the status and kind from their lists. Choices that need the database (coach,
// indicators, who to share with) are the service's to check.
std::vector<FieldProblem> goal_problems(const GoalInput& input);
std::vector<FieldProblem> step_problems(const StepInput& input);
std::vector<FieldProblem> journal_problems(const JournalInput& input);
std::vector<FieldProblem> log_problems(const LogInput& input);
std::vector<FieldProblem> comment_problems(std::string_view body);
// Title; a file or a link, not both and not neither ("file" or "url"); an http(s) link; a file
// within kMaxEvidenceBytes ("records.evidence.error.too_large"). The file's type is checked by
// content in the service.
std::vector<FieldProblem> evidence_problems(const EvidenceInput& input);

// The ids once each, in order of first appearance.
std::vector<std::string> unique_ids(const std::vector<std::string>& ids);

// Hours as typed ("1.5", "1,5", "2") in whole minutes, rounded to the nearest minute; nothing
// for text that is not a number, a negative one, or more than 24 × 366 hours.
std::optional<std::int64_t> parse_hours(std::string_view text);
// Minutes as hours for people: 90 → "1.5", 120 → "2", 20 → "0.33".
std::string format_hours(std::int64_t minutes);

// True for an absolute http:// or https:// URL with a host and no whitespace or control
// characters: a link evidence may point to (never javascript:, data:, file:).
bool is_web_link(std::string_view url);

// The name a downloaded evidence file gets: the uploaded name's stem, reduced to letters,
// digits, '-', '_' and '.', with the extension of the type its content was found to be
// ("Plan (final).docx" as docx → "Plan_final.docx"; "" → "evidence.pdf").
std::string download_name(std::string_view original, std::string_view extension);

// Every value of field `name` in an application/x-www-form-urlencoded body, in order (a group of
// checkboxes sends one pair per box ticked). Malformed pairs are skipped.
std::vector<std::string> form_values(std::string_view body, std::string_view name);

// A portfolio share token: 32 random bytes, base64url without padding (43 characters).
std::string new_share_token();
// True for text shaped like a share token (so a malformed one is refused before any lookup).
bool is_share_token(std::string_view text);

}  // namespace lodestar::growth::records
