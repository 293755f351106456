// MeasureService::record_review: a review, its snapshot and its course corrections.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "planning/measures/service.h"
#include "planning/store.h"
#include "platform/auth/clock.h"
#include "platform/errors.h"
#include "platform/iso8601.h"

namespace lodestar::planning::measures {
namespace {

// Where every measure stood on `day` and how many steps were in each status.
nlohmann::json snapshot_of(const Plan& plan, std::string_view day) {
  auto measures = nlohmann::json::array();
  std::map<std::string, std::int64_t> counts;
  for (const auto& s : action_statuses()) counts[s] = 0;
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) {
      auto t = track(m, day);
      measures.push_back({{"id", m.id},
                          {"goal", g.code},
                          {"name", m.name},
                          {"unit", m.unit},
                          {"latest", t.latest ? nlohmann::json(*t.latest) : nlohmann::json()},
                          {"target", m.target},
                          {"target_on", m.target_on},
                          {"standing", standing_key(t.standing)}});
    }
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) ++counts[a.status];
    }
  }
  return {{"measures", measures}, {"actions", counts}};
}

struct Subjects {
  std::map<std::string, std::pair<const Goal*, const Measure*>> measures;
  std::map<std::string, std::pair<const Goal*, const Action*>> actions;
  std::map<std::string, const Goal*> goals;
};

Subjects subjects_of(const Plan& plan) {
  Subjects out;
  for (const auto& g : plan.goals) {
    out.goals.emplace(g.id, &g);
    for (const auto& m : g.measures) out.measures.emplace(m.id, std::pair{&g, &m});
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) out.actions.emplace(a.id, std::pair{&g, &a});
    }
  }
  return out;
}

// Checks one correction (fields named c<i>_…) and says what it changes; problems go to `out`.
struct Change {
  db::Correction correction;
  std::optional<double> target;
  std::string target_on, due_on;
  bool drop = false;  // an action step dropped: its status becomes "dropped"
};

Change check_correction(const CorrectionInput& in, std::size_t i, const Subjects& subjects,
                        std::vector<FieldProblem>& out) {
  auto field = [&](const char* name) { return "c" + std::to_string(i) + "_" + name; };
  Change change;
  auto& c = change.correction;
  const auto& kinds = correction_kinds();
  if (std::find(kinds.begin(), kinds.end(), in.kind) == kinds.end()) {
    out.push_back({field("kind"), "planning.reviews.error.kind", {}});
  }
  c.kind = in.kind;
  c.what = in.what;
  c.why = in.why;
  if (in.what.empty()) out.push_back({field("what"), "planning.measures.error.required", {}});
  if (in.why.empty()) out.push_back({field("why"), "planning.measures.error.required", {}});
  const Measure* measure = nullptr;
  const Action* action = nullptr;
  auto colon = in.subject.find(':');
  auto type = in.subject.substr(0, colon);
  auto id = colon == std::string::npos ? std::string() : in.subject.substr(colon + 1);
  c.subject_type = "plan";
  if (type == "measure" && subjects.measures.contains(id)) {
    auto [g, m] = subjects.measures.at(id);
    measure = m;
    c.subject_type = "measure";
    c.subject_id = id;
    c.subject_label = g->code + " · " + m->name;
  } else if (type == "action" && subjects.actions.contains(id)) {
    auto [g, a] = subjects.actions.at(id);
    action = a;
    c.subject_type = "action";
    c.subject_id = id;
    c.subject_label = g->code + " · " + a->title;
  } else if (type == "goal" && subjects.goals.contains(id)) {
    c.subject_type = "goal";
    c.subject_id = id;
    c.subject_label = subjects.goals.at(id)->code + " · " + subjects.goals.at(id)->title;
  } else if (!in.subject.empty()) {
    out.push_back({field("subject"), "planning.reviews.error.subject", {}});
  }
  nlohmann::json applied = nlohmann::json::object();
  if (!in.new_target.empty() || !in.new_target_on.empty()) {
    if (!measure) {
      out.push_back({field("subject"), "planning.reviews.error.needs_measure", {}});
    } else {
      auto target = in.new_target.empty() ? std::optional<double>(measure->target)
                                          : parse_number(in.new_target);
      auto target_on = in.new_target_on.empty() ? measure->target_on : in.new_target_on;
      bool direction_ok =
          target && (measure->direction == "decrease" ? *target < measure->baseline
                                                      : *target > measure->baseline);
      if (!target) {
        out.push_back({field("new_target"), "planning.measures.error.number", {}});
      } else if (!direction_ok) {
        out.push_back(
            {field("new_target"), "planning.measures.error.target_" + measure->direction, {}});
      }
      if (!iso8601::is_date(target_on) || target_on <= measure->baseline_on) {
        out.push_back({field("new_target_on"), "planning.measures.error.target_on", {}});
      }
      change.target = target;
      change.target_on = target_on;
      applied = {{"field", "target"},
                 {"from", {{"target", measure->target}, {"target_on", measure->target_on}}},
                 {"to", {{"target", target.value_or(0)}, {"target_on", target_on}}}};
    }
  }
  if (!in.new_due_on.empty()) {
    if (!action) {
      out.push_back({field("subject"), "planning.reviews.error.needs_action", {}});
    } else if (!iso8601::is_date(in.new_due_on) || in.new_due_on < action->starts_on) {
      out.push_back({field("new_due_on"), "planning.reviews.error.due_on", action->starts_on});
    } else {
      change.due_on = in.new_due_on;
      applied = {{"field", "due_on"}, {"from", action->due_on}, {"to", in.new_due_on}};
    }
  }
  if (in.kind == "action_dropped" && action && action->status != "dropped" &&
      in.new_due_on.empty()) {
    change.drop = true;
    applied = {{"field", "status"}, {"from", action->status}, {"to", "dropped"}};
  }
  c.applied = applied.dump();
  return change;
}

}  // namespace

std::string review_snapshot(const Plan& plan, std::string_view day) {
  return snapshot_of(plan, day).dump();
}

std::string MeasureService::record_review(std::string_view plan_id, const ReviewInput& input,
                                          std::string_view by, audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto plan = planning::db::plan(tx, plan_id);
    if (!plan) throw NotFound("error.not_found");
    std::vector<FieldProblem> problems;
    if (!iso8601::is_date(input.held_on)) {
      problems.push_back({"held_on", "planning.measures.error.date", {}});
    }
    if (input.decisions.empty())
      problems.push_back({"decisions", "planning.measures.error.required", {}});
    auto subjects = subjects_of(*plan);
    std::vector<Change> changes;
    for (std::size_t i = 0; i < input.corrections.size(); ++i) {
      if (input.corrections[i].blank()) continue;
      changes.push_back(check_correction(input.corrections[i], i + 1, subjects, problems));
    }
    if (!problems.empty()) throw Invalid(problems);

    auto now = auth::to_iso8601(auth::SystemClock::instance().now());
    db::Review review;
    review.id = frameworks::random_uuid();
    review.plan_id = plan->id;
    review.held_on = input.held_on;
    review.attendees = input.attendees;
    review.decisions = input.decisions;
    review.snapshot = review_snapshot(*plan, input.held_on);
    db::insert_review(tx, review, by, now);
    auto corrections = nlohmann::json::array();
    for (std::size_t i = 0; i < changes.size(); ++i) {
      auto& c = changes[i].correction;
      c.id = frameworks::random_uuid();
      db::insert_correction(tx, review.id, static_cast<std::int64_t>(i), c);
      if (changes[i].target) {
        db::set_target(tx, c.subject_id, *changes[i].target, changes[i].target_on, now);
      }
      if (!changes[i].due_on.empty()) db::set_action_due(tx, c.subject_id, changes[i].due_on, now);
      if (changes[i].drop) db::set_action_dropped(tx, c.subject_id, now);
      corrections.push_back({{"kind", c.kind},
                             {"subject", c.subject_id},
                             {"applied", nlohmann::json::parse(c.applied)}});
    }
    event.subject_type = "planning_review";
    event.subject_id = review.id;
    event.org_id = plan->org_id;
    event.detail = {{"plan", plan->id}, {"held_on", review.held_on}, {"corrections", corrections}};
    audit::record(tx, event);
    return review.id;
  });
}

}  // namespace lodestar::planning::measures
