// The district's vision and stakeholder input rounds as values, and the rules that need no
// database: what a valid draft, round, answer and change look like, how two versions compare
// part by part, and the round's summaries (counts by group and theme, mean ratings withheld for
// small groups). ISTE Standards for Education Leaders 2018 2a–2e / 2024 3.2.a–e (Visionary
// Planner): a shared vision built with stakeholders, whose input visibly changes it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.h"

namespace lodestar::planning::vision {

// The groups a round invites, in the order pages show them.
const std::vector<std::string>& audiences();  // staff, parents, students, community
bool is_audience(std::string_view audience);

struct Part {
  std::string id;  // empty for a part not yet saved
  std::string heading, body;
};

struct Version {
  std::string id, org_id;
  std::int64_t number = 0;
  std::string status;  // draft, adopted, superseded
  std::string note, created_at, updated_at, adopted_at;
  std::vector<Part> parts;
};

// What the draft's edit form sends: the note and the parts in order (a part with an empty
// heading and body is dropped; one with a body but no heading is a problem).
struct VersionInput {
  std::string note;
  std::vector<Part> parts;
};
// Problems with fields "note", "heading-<i>", "body-<i>" (i from 0), "parts".
std::vector<FieldProblem> version_problems(const VersionInput& input);
// The parts worth keeping: those with a heading.
std::vector<Part> kept_parts(const std::vector<Part>& parts);

// One row of a comparison of two versions.
struct PartComparison {
  std::string heading;
  std::optional<std::string> before, after;  // missing on one side: added or removed
  bool changed = false;
};
// Parts are matched by heading (case-sensitive), in the order of `after`, then those only in
// `before`.
std::vector<PartComparison> compare(const std::vector<Part>& before,
                                    const std::vector<Part>& after);

// A part a round asks about: a vision part or a plan goal.
struct RoundPart {
  std::string key, label, body;  // body: Markdown (a vision part's) or the goal's description
};

struct RoundInput {
  std::string title, opens_on, closes_on;
  std::string subject;  // "version:<id>" or "plan:<id>"
  std::vector<std::string> audiences;
};
// Problems with fields "title", "opens_on", "closes_on", "subject", "audiences".
std::vector<FieldProblem> round_problems(const RoundInput& input);

// One part's answer as typed: the rating ("" or "1"…"5") and the comment.
struct AnswerInput {
  std::string rating, comment;
};
// Problems with fields "rating-<i>" and "comment-<i>" (i: the part's position), and "answers"
// when nothing at all was given.
std::vector<FieldProblem> answer_problems(const std::vector<AnswerInput>& answers);

inline constexpr std::size_t kMaxComment = 4000;
inline constexpr std::size_t kMaxTitle = 160;
inline constexpr std::size_t kMaxThemeName = 60;

// A comment (or rating) as the leader's page reads it.
struct Answer {
  std::string id, response_id, audience, part_key, part_label, language, submitted_at, comment;
  std::int64_t position = 0;
  std::optional<int> rating;
  std::vector<std::string> theme_ids;
};

struct Theme {
  std::string id, name;
};

struct Round {
  std::string id, org_id, title, version_id, plan_id, opens_on, closes_on, status, created_at;
  std::string subject_label;  // "Vision, version 2" or the plan's title
  std::int64_t version_number = 0;
  std::int64_t responses = 0;
};

// What changed because of a round's input.
struct Change {
  std::string id, round_id, round_title, description, part_key, part_label, theme_id, theme_name,
      version_id, created_at;
  std::int64_t version_number = 0;
};

// The count of tagged comments for each (audience, theme id), and per audience the comments
// without a theme (theme id "").
std::map<std::pair<std::string, std::string>, std::int64_t> theme_counts(
    const std::vector<Answer>& answers);

struct MeanRating {
  std::int64_t ratings = 0;
  std::optional<double> mean;  // empty when there are none, or when withheld
  bool withheld = false;       // fewer than privacy::kSmallGroup ratings
};
// Mean rating of each (part key, audience), withheld below the small-group limit.
std::map<std::pair<std::string, std::string>, MeanRating> mean_ratings(
    const std::vector<Answer>& answers);

}  // namespace lodestar::planning::vision
