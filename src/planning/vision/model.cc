#include "planning/vision/model.h"

#include <algorithm>
#include <set>

#include "platform/iso8601.h"
#include "platform/privacy.h"

namespace lodestar::planning::vision {
namespace {

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

const std::vector<std::string>& audiences() {
  static const std::vector<std::string> kAudiences = {"staff", "parents", "students", "community"};
  return kAudiences;
}

bool is_audience(std::string_view audience) {
  const auto& all = audiences();
  return std::find(all.begin(), all.end(), audience) != all.end();
}

std::vector<FieldProblem> version_problems(const VersionInput& input) {
  std::vector<FieldProblem> problems;
  if (input.note.size() > kMaxComment)
    problems.push_back({"note", "planning.vision.error.too_long", {}});
  std::size_t kept = 0;
  for (std::size_t i = 0; i < input.parts.size(); ++i) {
    const auto& part = input.parts[i];
    auto index = std::to_string(i);
    if (blank(part.heading) && !blank(part.body)) {
      problems.push_back({"heading-" + index, "planning.vision.error.heading_required", {}});
    }
    if (part.heading.size() > kMaxTitle) {
      problems.push_back({"heading-" + index, "planning.vision.error.too_long", {}});
    }
    if (part.body.size() > 20000) {
      problems.push_back({"body-" + index, "planning.vision.error.too_long", {}});
    }
    if (!blank(part.heading)) ++kept;
  }
  if (kept == 0 && problems.empty()) {
    problems.push_back({"heading-0", "planning.vision.error.no_parts", {}});
  }
  return problems;
}

std::vector<Part> kept_parts(const std::vector<Part>& parts) {
  std::vector<Part> out;
  for (const auto& p : parts) {
    if (!blank(p.heading)) out.push_back(p);
  }
  return out;
}

std::vector<PartComparison> compare(const std::vector<Part>& before,
                                    const std::vector<Part>& after) {
  std::vector<PartComparison> out;
  std::set<std::string> seen;
  auto find_before = [&](const std::string& heading) -> const Part* {
    for (const auto& p : before) {
      if (p.heading == heading) return &p;
    }
    return nullptr;
  };
  for (const auto& part : after) {
    if (!seen.insert(part.heading).second) continue;
    PartComparison row{part.heading, std::nullopt, part.body, true};
    if (const auto* old = find_before(part.heading)) {
      row.before = old->body;
      row.changed = old->body != part.body;
    }
    out.push_back(std::move(row));
  }
  for (const auto& part : before) {
    if (!seen.insert(part.heading).second) continue;
    out.push_back({part.heading, part.body, std::nullopt, true});
  }
  return out;
}

std::vector<FieldProblem> round_problems(const RoundInput& input) {
  std::vector<FieldProblem> problems;
  if (blank(input.title)) {
    problems.push_back({"title", "planning.vision.error.required", {}});
  } else if (input.title.size() > kMaxTitle) {
    problems.push_back({"title", "planning.vision.error.too_long", {}});
  }
  bool opens = iso8601::is_date(input.opens_on), closes = iso8601::is_date(input.closes_on);
  if (!opens) problems.push_back({"opens_on", "planning.vision.error.date", {}});
  if (!closes) problems.push_back({"closes_on", "planning.vision.error.date", {}});
  if (opens && closes && input.closes_on < input.opens_on) {
    problems.push_back({"closes_on", "planning.vision.error.closes_before_opens", {}});
  }
  if (!input.subject.starts_with("version:") && !input.subject.starts_with("plan:")) {
    problems.push_back({"subject", "planning.vision.error.subject", {}});
  }
  if (input.audiences.empty()) {
    problems.push_back({"audiences", "planning.vision.error.audiences", {}});
  }
  for (const auto& a : input.audiences) {
    if (!is_audience(a)) {
      problems.push_back({"audiences", "planning.vision.error.audiences", {}});
      break;
    }
  }
  return problems;
}

std::vector<FieldProblem> answer_problems(const std::vector<AnswerInput>& answers) {
  std::vector<FieldProblem> problems;
  bool any = false;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& a = answers[i];
    auto index = std::to_string(i);
    if (!a.rating.empty()) {
      any = true;
      if (a.rating.size() != 1 || a.rating[0] < '1' || a.rating[0] > '5') {
        problems.push_back({"rating-" + index, "planning.vision.error.rating", {}});
      }
    }
    if (!blank(a.comment)) any = true;
    if (a.comment.size() > kMaxComment) {
      problems.push_back({"comment-" + index, "planning.vision.error.too_long", {}});
    }
  }
  if (!any && problems.empty()) {
    problems.push_back({"answers", "planning.vision.error.empty_answer", {}});
  }
  return problems;
}

std::map<std::pair<std::string, std::string>, std::int64_t> theme_counts(
    const std::vector<Answer>& answers) {
  std::map<std::pair<std::string, std::string>, std::int64_t> out;
  for (const auto& a : answers) {
    if (blank(a.comment)) continue;
    if (a.theme_ids.empty()) ++out[{a.audience, ""}];
    for (const auto& t : a.theme_ids) ++out[{a.audience, t}];
  }
  return out;
}

std::map<std::pair<std::string, std::string>, MeanRating> mean_ratings(
    const std::vector<Answer>& answers) {
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> sums;
  for (const auto& a : answers) {
    if (!a.rating) continue;
    auto& [n, sum] = sums[{a.part_key, a.audience}];
    ++n;
    sum += *a.rating;
  }
  std::map<std::pair<std::string, std::string>, MeanRating> out;
  for (const auto& [key, value] : sums) {
    MeanRating m;
    m.ratings = value.first;
    m.withheld = privacy::suppressed(value.first);
    if (!m.withheld && value.first > 0) {
      m.mean = static_cast<double>(value.second) / static_cast<double>(value.first);
    }
    out[key] = m;
  }
  return out;
}

}  // namespace lodestar::planning::vision
