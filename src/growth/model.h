// Leader growth's types and rules, with no I/O: rubrics and their levels, the roles that take part
// in assessment cycles, rater groups, and the arithmetic of levels (means, carrying a level across
// framework versions through a crosswalk).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/errors.h"

namespace lodestar::growth {

// One level of a rubric: its score (1 = lowest), its name and what it looks like.
struct Level {
  int score = 0;
  std::string name;
  std::string description;
};

struct Rubric {
  std::string id;  // a UUID: the CFRubric's identifier
  std::string framework_id;
  std::string title;
  std::vector<Level> levels;  // by score, 1..n
};

// Beginning, Developing, Proficient, Transformative: what a district starts with and may edit.
std::vector<Level> default_levels();

inline constexpr std::size_t kMinLevels = 3;
inline constexpr std::size_t kMaxLevels = 6;

// Checks names and descriptors (fields "level-N-name", "level-N-description", N from 1).
// Throws Invalid naming every problem.
void check_levels(const std::vector<Level>& levels);

// An indicator as the rubric's criterion refers to it.
struct CriterionItem {
  std::string id;
  std::string uri;
  std::string code;
  std::string statement;
};

// The rubric as a CASE 1.0 CFRubric: one CFRubricCriterion per indicator, each with the rubric's
// levels as CFRubricCriterionLevels. Identifiers of criteria and levels derive from the rubric's
// identifier and the indicator, so saving again keeps them. `base_uri` is this server's CASE URI
// prefix ("https://…/ims/case/v1p0"); `changed_at` an ISO-8601 date-time.
nlohmann::json to_case_rubric(const Rubric& rubric, const std::vector<CriterionItem>& items,
                              std::string_view base_uri, std::string_view changed_at);

// The roles that may be invited to a cycle, in the order forms list them.
const std::vector<std::string>& participant_roles();

// Who answers a leader's 360° feedback.
const std::vector<std::string>& rater_groups();

// The fewest responses a rater group needs before its results are shown; a cycle may ask for
// more, never fewer.
inline constexpr int kMinimumRaterResponses = 3;
inline constexpr int kDefaultRaterResponses = 5;

// The mean of the levels given, or nothing for none.
std::optional<double> mean(const std::vector<int>& levels);

// Carries levels from one framework to another through crosswalk links: a target indicator gets
// the mean of the levels of the source indicators linked to it. `links` maps each source
// indicator to the target indicators it is linked to. Indicators with no linked rating are left
// out.
std::map<std::string, double> carry_levels(const std::map<std::string, double>& source_levels,
                                           const std::multimap<std::string, std::string>& links);

}  // namespace lodestar::growth
