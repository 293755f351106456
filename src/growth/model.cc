#include "growth/model.h"

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"

namespace lodestar::growth {

std::vector<Level> default_levels() {
  return {
      {1, "Beginning",
       "Is learning what the indicator asks and has started to try it in their own work."},
      {2, "Developing",
       "Practises the indicator now and then, with support, in parts of their work."},
      {3, "Proficient",
       "Practises the indicator consistently and independently across their responsibilities."},
      {4, "Transformative",
       "Leads others in the indicator and changes how the school or district works because of it."},
  };
}

void check_levels(const std::vector<Level>& levels) {
  std::vector<FieldProblem> problems;
  if (levels.size() < kMinLevels || levels.size() > kMaxLevels) {
    problems.push_back({"levels", "growth.rubric.level_count",
                        std::to_string(kMinLevels) + "–" + std::to_string(kMaxLevels)});
  }
  for (std::size_t i = 0; i < levels.size(); ++i) {
    auto n = std::to_string(i + 1);
    if (levels[i].name.empty()) {
      problems.push_back({"level-" + n + "-name", "growth.rubric.name_required", {}});
    } else if (levels[i].name.size() > 60) {
      problems.push_back({"level-" + n + "-name", "growth.rubric.name_too_long", {}});
    }
    if (levels[i].description.size() > 1000) {
      problems.push_back({"level-" + n + "-description", "growth.rubric.description_too_long", {}});
    }
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
}

nlohmann::json to_case_rubric(const Rubric& rubric, const std::vector<CriterionItem>& items,
                              std::string_view base_uri, std::string_view changed_at) {
  auto uri = [&](const std::string& kind, const std::string& id) {
    return std::string(base_uri) + "/" + kind + "/" + id;
  };
  nlohmann::json criteria = nlohmann::json::array();
  int position = 1;
  for (const auto& item : items) {
    auto criterion_id = frameworks::name_uuid(rubric.id + "/criterion/" + item.id);
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& level : rubric.levels) {
      auto level_id = frameworks::name_uuid(criterion_id + "/level/" + std::to_string(level.score));
      levels.push_back({{"identifier", level_id},
                        {"uri", uri("CFRubricCriterionLevels", level_id)},
                        {"description", level.description},
                        {"quality", level.name},
                        {"score", level.score},
                        {"position", level.score},
                        {"rubricCriterionId", criterion_id},
                        {"lastChangeDateTime", changed_at}});
    }
    auto title = item.code.empty() ? item.statement : item.code + " " + item.statement;
    if (title.size() > 80) title = title.substr(0, 77) + "...";
    criteria.push_back(
        {{"identifier", criterion_id},
         {"uri", uri("CFRubricCriteria", criterion_id)},
         {"category", item.code},
         {"description", item.statement},
         {"CFItemURI", {{"title", title}, {"identifier", item.id}, {"uri", item.uri}}},
         {"position", position++},
         {"rubricId", rubric.id},
         {"lastChangeDateTime", changed_at},
         {"CFRubricCriterionLevels", std::move(levels)}});
  }
  return {{"identifier", rubric.id},
          {"uri", uri("CFRubrics", rubric.id)},
          {"title", rubric.title},
          {"description", "Levels for self-assessment and 360° feedback, written by the district."},
          {"lastChangeDateTime", changed_at},
          {"CFRubricCriteria", std::move(criteria)}};
}

const std::vector<std::string>& participant_roles() {
  static const std::vector<std::string> roles = {"district_leader", "technology_director",
                                                 "school_leader",   "coach",
                                                 "educator",        "technology_staff"};
  return roles;
}

const std::vector<std::string>& rater_groups() {
  static const std::vector<std::string> groups = {"staff", "peer", "supervisor"};
  return groups;
}

std::optional<double> mean(const std::vector<int>& levels) {
  if (levels.empty()) return std::nullopt;
  double sum = 0;
  for (int l : levels) sum += l;
  return sum / static_cast<double>(levels.size());
}

std::map<std::string, double> carry_levels(const std::map<std::string, double>& source_levels,
                                           const std::multimap<std::string, std::string>& links) {
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& [source, target] : links) {
    auto found = source_levels.find(source);
    if (found == source_levels.end()) continue;
    auto& [sum, count] = sums[target];
    sum += found->second;
    ++count;
  }
  std::map<std::string, double> out;
  for (const auto& [target, s] : sums) out[target] = s.first / s.second;
  return out;
}

}  // namespace lodestar::growth
