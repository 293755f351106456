#include "planning/measures/service.h"

#include <map>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "planning/store.h"
#include "platform/auth/clock.h"
#include "platform/errors.h"
#include "platform/iso8601.h"

namespace lodestar::planning::measures {
namespace {

std::string now_iso() {
  return auth::to_iso8601(auth::SystemClock::instance().now());
}

void fail_if(const std::vector<FieldProblem>& problems) {
  if (!problems.empty()) throw Invalid(problems);
}

nlohmann::json parameters_of(const Measure& m) {
  auto parsed = nlohmann::json::parse(m.parameters, nullptr, false);
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

// The computation's parameters that need the database: a cycle that exists and an indicator
// coded in its framework.
void check_parameters(store::Tx& tx, const MeasureInput& input,
                      std::vector<FieldProblem>& problems) {
  const auto* computation = find_computation(input.computation);
  if (!computation || computation->name != "growth_share" || input.cycle.empty()) return;
  bool known = false;
  for (const auto& c : db::cycles(tx)) known = known || c.id == input.cycle;
  if (!known) {
    problems.push_back({"cycle", "planning.measures.error.cycle", {}});
  } else if (!input.indicator.empty() &&
             !db::indicator_in_cycle(tx, input.cycle, input.indicator)) {
    problems.push_back({"indicator", "planning.measures.error.indicator", input.indicator});
  }
}

audit::Event& about(audit::Event& event, std::string_view type, std::string_view id,
                    std::string_view org) {
  event.subject_type = type;
  event.subject_id = id;
  event.org_id = org;
  return event;
}

}  // namespace

const std::vector<std::string>& correction_kinds() {
  static const std::vector<std::string> kinds = {"target_changed",   "action_added",
                                                 "action_dropped",   "action_rescheduled",
                                                 "strategy_changed", "other"};
  return kinds;
}

db::GoalPlace MeasureService::goal(std::string_view id) const {
  auto found = db_.read([&](store::Tx& tx) { return db::goal_place(tx, id); });
  if (!found) throw NotFound("error.not_found");
  return *found;
}

db::MeasureRecord MeasureService::measure(std::string_view id) const {
  auto found = db_.read([&](store::Tx& tx) { return db::measure(tx, id); });
  if (!found) throw NotFound("error.not_found");
  return *found;
}

db::MeasurementRecord MeasureService::measurement(std::string_view id) const {
  auto found = db_.read([&](store::Tx& tx) { return db::measurement(tx, id); });
  if (!found) throw NotFound("error.not_found");
  return *found;
}

Plan MeasureService::plan(std::string_view id) const {
  auto found = db_.read([&](store::Tx& tx) { return planning::db::plan(tx, id); });
  if (!found) throw NotFound("error.not_found");
  return *found;
}

std::vector<db::Choice> MeasureService::cycles() const {
  return db_.read([](store::Tx& tx) { return db::cycles(tx); });
}

std::string MeasureService::create_measure(std::string_view goal_id, const MeasureInput& input,
                                           audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto place = db::goal_place(tx, goal_id);
    if (!place) throw NotFound("error.not_found");
    auto problems = check_measure(input);
    check_parameters(tx, input, problems);
    fail_if(problems);
    auto m = measure_of(input);
    m.id = frameworks::random_uuid();
    m.goal_id = place->goal_id;
    planning::db::insert_measure(tx, m, db::next_measure_position(tx, goal_id), now_iso());
    about(event, "planning_measure", m.id, place->org_id).detail = {
        {"goal", place->goal_code}, {"name", m.name}, {"target", m.target}};
    audit::record(tx, event);
    return m.id;
  });
}

void MeasureService::update_measure(std::string_view id, const MeasureInput& input,
                                    audit::Event event) const {
  db_.write([&](store::Tx& tx) {
    auto before = db::measure(tx, id);
    if (!before) throw NotFound("error.not_found");
    auto problems = check_measure(input);
    check_parameters(tx, input, problems);
    fail_if(problems);
    auto m = measure_of(input);
    m.id = before->measure.id;
    m.goal_id = before->measure.goal_id;
    db::update_measure(tx, m, now_iso());
    about(event, "planning_measure", m.id, before->place.org_id).detail = {
        {"before", {{"target", before->measure.target}, {"target_on", before->measure.target_on}}},
        {"after", {{"target", m.target}, {"target_on", m.target_on}}}};
    audit::record(tx, event);
  });
}

std::string MeasureService::delete_measure(std::string_view id, audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto before = db::measure(tx, id);
    if (!before) throw NotFound("error.not_found");
    db::delete_measure(tx, id);
    about(event, "planning_measure", id, before->place.org_id).detail = {
        {"name", before->measure.name}, {"measurements", before->measure.measurements.size()}};
    audit::record(tx, event);
    return before->place.plan_id;
  });
}

void MeasureService::add_measurement(std::string_view measure_id, const MeasurementInput& input,
                                     std::string_view by, audit::Event event) const {
  db_.write([&](store::Tx& tx) {
    auto m = db::measure(tx, measure_id);
    if (!m) throw NotFound("error.not_found");
    fail_if(check_measurement(input, m->measure));
    Measurement v{frameworks::random_uuid(), input.measured_on, *parse_number(input.value),
                  input.note, "manual"};
    planning::db::put_measurement(tx, measure_id, v, by, now_iso());
    about(event, "planning_measure", measure_id, m->place.org_id).detail = {{"date", v.measured_on},
                                                                            {"value", v.value}};
    audit::record(tx, event);
  });
}

std::string MeasureService::update_measurement(std::string_view id, const MeasurementInput& input,
                                               std::string_view by, audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto v = db::measurement(tx, id);
    if (!v) throw NotFound("error.not_found");
    auto m = db::measure(tx, v->measure_id);
    auto problems = check_measurement(input, m->measure);
    if (problems.empty() && input.measured_on != v->measurement.measured_on) {
      if (db::measurement_on(tx, v->measure_id, input.measured_on)) {
        problems.push_back({"measured_on", "planning.measures.error.taken", input.measured_on});
      }
    }
    fail_if(problems);
    Measurement after{v->measurement.id, input.measured_on, *parse_number(input.value), input.note,
                      "manual"};
    db::update_measurement(tx, id, after, by, now_iso());
    about(event, "planning_measurement", id, m->place.org_id).detail = {
        {"measure", v->measure_id},
        {"before", {{"date", v->measurement.measured_on}, {"value", v->measurement.value}}},
        {"after", {{"date", after.measured_on}, {"value", after.value}}}};
    audit::record(tx, event);
    return v->measure_id;
  });
}

std::string MeasureService::delete_measurement(std::string_view id, audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto v = db::measurement(tx, id);
    if (!v) throw NotFound("error.not_found");
    auto org = db::org_of(tx, "measure", v->measure_id).value_or("");
    db::delete_measurement(tx, id);
    about(event, "planning_measurement", id, org).detail = {{"measure", v->measure_id},
                                                            {"date", v->measurement.measured_on},
                                                            {"value", v->measurement.value}};
    audit::record(tx, event);
    return v->measure_id;
  });
}

Computed MeasureService::compute(std::string_view measure_id, std::string_view by,
                                 audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto record = db::measure(tx, measure_id);
    if (!record) throw NotFound("error.not_found");
    const auto& m = record->measure;
    const auto* computation = m.computation ? find_computation(*m.computation) : nullptr;
    if (!computation) throw Conflict("planning.measures.compute.not_computed");
    auto params = parameters_of(m);
    auto today = planning::today();
    Computed out;
    if (computation->name == "growth_share") {
      auto cycle = params.value("cycle", std::string());
      auto item = db::indicator_in_cycle(tx, cycle, params.value("indicator", std::string()));
      if (!item) {
        out.withheld_key = "planning.measures.compute.nothing";
      } else {
        auto n = db::growth_at_level(tx, cycle, *item, params.value("level", std::int64_t{1}));
        out = share_percent(n.count, n.of, true);
      }
    } else if (computation->name == "learning_hours") {
      auto plan = planning::db::plan_header(tx, record->place.plan_id);
      auto to = std::min(today, plan->ends_on);
      auto n = db::leader_minutes(tx, plan->org_id, plan->starts_on, to);
      out = mean_hours(n.count, n.of);
    } else {
      auto n = db::actions_done(tx, record->place.plan_id);
      out = share_percent(n.count, n.of, false);
    }
    about(event, "planning_measure", measure_id, record->place.org_id).detail = {
        {"computation", computation->name}, {"date", today}};
    if (out.value) {
      planning::db::put_measurement(tx, measure_id,
                                    {frameworks::random_uuid(), today, *out.value, "", "computed"},
                                    by, now_iso());
      event.detail["value"] = *out.value;
    } else {
      event.detail["withheld"] = out.withheld_key;
    }
    audit::record(tx, event);
    return out;
  });
}

namespace {

std::vector<UploadTarget> targets_of(const Plan& plan) {
  std::vector<UploadTarget> out;
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) out.push_back({g.code, m.name, m.id, m.baseline_on});
  }
  return out;
}

}  // namespace

UploadCheck MeasureService::check_upload(std::string_view plan_id, std::string_view csv) const {
  return measures::check_upload(csv, targets_of(plan(plan_id)));
}

UploadResult MeasureService::apply_upload(std::string_view plan_id, std::string_view csv,
                                          std::string_view by, audit::Event event) const {
  return db_.write([&](store::Tx& tx) {
    auto p = planning::db::plan(tx, plan_id);
    if (!p) throw NotFound("error.not_found");
    auto check = measures::check_upload(csv, targets_of(*p));
    if (!check.problems.empty()) {
      throw Invalid(
          std::vector<FieldProblem>{{"file", "planning.measures.upload.has_problems", {}}});
    }
    UploadResult result;
    auto now = now_iso();
    for (auto& row : check.rows) {
      auto existing = db::measurement_on(tx, row.measure_id, row.measurement.measured_on);
      if (existing && existing->value == row.measurement.value &&
          existing->note == row.measurement.note && existing->source == "upload") {
        ++result.unchanged;
        continue;
      }
      row.measurement.id = frameworks::random_uuid();
      planning::db::put_measurement(tx, row.measure_id, row.measurement, by, now);
      ++result.changed;
    }
    about(event, "planning_plan", plan_id, p->org_id).detail = {
        {"rows", check.rows.size()}, {"changed", result.changed}, {"unchanged", result.unchanged}};
    audit::record(tx, event);
    return result;
  });
}

MeasureService::Reviews MeasureService::reviews(std::string_view plan_id) const {
  return db_.read([&](store::Tx& tx) {
    auto header = planning::db::plan_header(tx, plan_id);
    if (!header) throw NotFound("error.not_found");
    Reviews out{*header,
                db::schedule(tx, plan_id),
                db::last_held_on(tx, plan_id),
                {},
                db::reviews(tx, plan_id)};
    if (out.schedule) {
      out.next_due = next_review_on(out.schedule->starts_on,
                                    static_cast<int>(out.schedule->every_months), out.last_held);
    }
    return out;
  });
}

void MeasureService::set_schedule(std::string_view plan_id, std::string_view every,
                                  std::string_view starts_on, audit::Event event) const {
  db_.write([&](store::Tx& tx) {
    auto header = planning::db::plan_header(tx, plan_id);
    if (!header) throw NotFound("error.not_found");
    std::vector<FieldProblem> problems;
    auto months = parse_number(every);
    if (!months || *months < 1 || *months > 24 || *months != static_cast<int>(*months)) {
      problems.push_back({"every_months", "planning.reviews.error.every", {}});
    }
    if (!iso8601::is_date(starts_on)) {
      problems.push_back({"starts_on", "planning.measures.error.date", {}});
    }
    fail_if(problems);
    db::Schedule s{static_cast<std::int64_t>(*months), std::string(starts_on)};
    db::put_schedule(tx, plan_id, s, now_iso());
    about(event, "planning_plan", plan_id, header->org_id).detail = {
        {"every_months", s.every_months}, {"starts_on", s.starts_on}};
    audit::record(tx, event);
  });
}

std::vector<db::StaleAction> MeasureService::stale_actions(std::string_view plan_id) const {
  return db_.read([&](store::Tx& tx) {
    if (!planning::db::plan_header(tx, plan_id)) throw NotFound("error.not_found");
    return db::stale_actions(tx, plan_id, db::last_held_on(tx, plan_id).value_or(""));
  });
}

db::Review MeasureService::review(std::string_view id) const {
  auto found = db_.read([&](store::Tx& tx) { return db::review(tx, id); });
  if (!found) throw NotFound("error.not_found");
  return *found;
}

}  // namespace lodestar::planning::measures
