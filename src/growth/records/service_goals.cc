// SMART growth goals: the owner writes and edits them, adds action steps and marks them done;
// the coach the owner chose reads them and comments.
#include <algorithm>

#include "growth/records/service.h"
#include "growth/records/service_support.h"
#include "platform/auth/secrets.h"

namespace lodestar::growth::records {
namespace {

// The goal as `person` may read it: the owner's or the coach's. NotFound for anyone else.
db::GoalRow readable_goal(store::Tx& tx, const std::string& person, const std::string& id) {
  auto row = db::goal(tx, id);
  if (!row || (row->person_id != person && row->coach_id != person)) {
    throw NotFound("error.not_found", "no goal " + id);
  }
  return *row;
}

// The goal when `person` owns it; the coach may read but not change it.
db::GoalRow owned_goal(store::Tx& tx, const std::string& person, const std::string& id) {
  auto row = readable_goal(tx, person, id);
  if (row.person_id != person) throw Forbidden("records.error.not_yours");
  return row;
}

// Throws Invalid for input that breaks a rule, a coach who does not serve the person (keeping
// the goal's present coach is always allowed) or an indicator that is not offered.
void check_goal(store::Tx& tx, const std::string& person, const GoalInput& input,
                const std::string& current_coach, const std::vector<std::string>& offered) {
  auto problems = goal_problems(input);
  if (!input.coach_id.empty() && input.coach_id != current_coach) {
    auto coaches = db::coaches_of(tx, person);
    if (std::none_of(coaches.begin(), coaches.end(),
                     [&](const db::PersonChoice& c) { return c.id == input.coach_id; })) {
      problems.push_back({"coach", "records.error.coach", {}});
    }
  }
  for (auto& p : unknown_indicators(offered, input.indicators)) problems.push_back(std::move(p));
  if (!problems.empty()) throw Invalid(std::move(problems));
}

void copy_input(db::GoalRow& row, const GoalInput& input) {
  row.title = input.title;
  row.specific = input.specific;
  row.measurable = input.measurable;
  row.achievable = input.achievable;
  row.relevant = input.relevant;
  row.due_on = input.due_on;
  row.status = input.status;
  row.coach_id = input.coach_id;
}

}  // namespace

std::vector<GoalSummary> Records::goals(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) {
    std::vector<GoalSummary> out;
    for (auto& row : db::goals_of(tx, person)) {
      auto indicators = aligned(tx, kGoalType, row.id);
      out.push_back({std::move(row), std::move(indicators)});
    }
    return out;
  });
}

std::vector<GoalSummary> Records::coached_goals(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) {
    std::vector<GoalSummary> out;
    for (auto& row : db::goals_coached_by(tx, person)) {
      auto indicators = aligned(tx, kGoalType, row.id);
      out.push_back({std::move(row), std::move(indicators)});
    }
    return out;
  });
}

Goal Records::goal(const auth::Principal& who, const std::string& id) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) {
    Goal out;
    out.row = readable_goal(tx, person, id);
    out.indicators = aligned(tx, kGoalType, id);
    out.steps = db::steps(tx, id);
    out.comments = db::comments(tx, id);
    out.may_edit = out.row.person_id == person;
    return out;
  });
}

std::string Records::create_goal(const auth::Principal& who, const GoalInput& given,
                                 audit::Event event) {
  const auto& person = require_person(who);
  auto input = given;
  input.indicators = unique_ids(input.indicators);
  return db_.write([&](store::Tx& tx) {
    check_goal(tx, person, input, {}, offered_indicators(tx));
    db::GoalRow row;
    row.id = auth::random_hex(16);
    row.person_id = person;
    copy_input(row, input);
    row.created_at = row.updated_at = now();
    db::insert_goal(tx, row);
    align(tx, kGoalType, row.id, input.indicators, who);
    finish_event(
        tx, event, kGoalType, row.id,
        {{"status", row.status}, {"coach", row.coach_id}, {"indicators", input.indicators.size()}});
    return row.id;
  });
}

void Records::update_goal(const auth::Principal& who, const std::string& id, const GoalInput& given,
                          audit::Event event) {
  const auto& person = require_person(who);
  auto input = given;
  input.indicators = unique_ids(input.indicators);
  db_.write([&](store::Tx& tx) {
    auto row = owned_goal(tx, person, id);
    check_goal(tx, person, input, row.coach_id, offered_indicators(tx));
    nlohmann::json detail = {{"before", {{"status", row.status}, {"coach", row.coach_id}}}};
    copy_input(row, input);
    row.updated_at = now();
    db::update_goal(tx, row);
    align(tx, kGoalType, id, input.indicators, who);
    detail["after"] = {{"status", row.status}, {"coach", row.coach_id}};
    detail["indicators"] = input.indicators.size();
    finish_event(tx, event, kGoalType, id, std::move(detail));
  });
}

void Records::add_step(const auth::Principal& who, const std::string& goal_id,
                       const StepInput& input, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    owned_goal(tx, person, goal_id);
    if (auto problems = step_problems(input); !problems.empty()) throw Invalid(problems);
    db::StepRow step{auth::random_hex(16), goal_id, input.description, input.due_on, {}, now()};
    db::insert_step(tx, step);
    finish_event(tx, event, kGoalType, goal_id, {{"step", step.id}});
  });
}

void Records::set_step_done(const auth::Principal& who, const std::string& goal_id,
                            const std::string& step_id, bool done, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    owned_goal(tx, person, goal_id);
    if (!db::set_step_done(tx, goal_id, step_id, done ? now() : std::string())) {
      throw NotFound("error.not_found", "no step " + step_id);
    }
    finish_event(tx, event, kGoalType, goal_id, {{"step", step_id}, {"done", done}});
  });
}

void Records::comment(const auth::Principal& who, const std::string& goal_id,
                      const std::string& body, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    readable_goal(tx, person, goal_id);
    if (auto problems = comment_problems(body); !problems.empty()) throw Invalid(problems);
    db::CommentRow comment{auth::random_hex(16), goal_id, person, {}, body, now()};
    db::insert_comment(tx, comment);
    finish_event(tx, event, kGoalType, goal_id, {{"comment", comment.id}});
  });
}

}  // namespace lodestar::growth::records
