#include "learning/coaching/service.h"

#include <set>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "frameworks/store.h"
#include "planning/model.h"
#include "platform/auth/clock.h"
#include "platform/errors.h"

namespace lodestar::learning::coaching {
namespace {

constexpr std::size_t kRecentLogs = 20;
constexpr std::size_t kSchoolLogs = 100;

std::string now_text() {
  return auth::to_iso8601(auth::SystemClock::instance().now());
}

nlohmann::json log_json(const CoachingLog& log) {
  auto people = nlohmann::json::array();
  for (const auto& p : log.people) people.push_back(p.id);
  // Notes are about a teacher's practice: the audit log records that they changed, not them.
  return {{"held_on", log.held_on},
          {"activity", log.activity},
          {"minutes", log.minutes},
          {"focus", log.focus_item_id},
          {"people", people},
          {"notes_length", log.notes.size()},
          {"next_steps_length", log.next_steps.size()}};
}

void record(store::Tx& tx, audit::Event& event, const std::string& id, const std::string& school,
            nlohmann::json before, nlohmann::json after) {
  event.subject_type = "learning_coaching_log";
  event.subject_id = id;
  event.org_id = school;
  event.detail = {{"before", std::move(before)}, {"after", std::move(after)}};
  audit::record(tx, event);
}

}  // namespace

bool CoachingService::district_coach(const auth::Principal& who) const {
  return policy_.can(who, "coaching.log", std::nullopt);
}

LogView CoachingService::view_of(const auth::Principal& who, CoachingLog log) const {
  const bool own = !who.person_id.empty() && log.coach_id == who.person_id;
  const bool district = district_coach(who);
  LogView view{std::move(log), own || district, own || district};
  if (!view.notes_visible) {
    view.log.notes.clear();
    view.log.next_steps.clear();
  }
  return view;
}

Caseload CoachingService::caseload(const auth::Principal& who) const {
  Caseload out;
  db_.read([&](store::Tx& tx) {
    if (!who.person_id.empty()) {
      out.schools = db::coached_by(tx, who.person_id);
    }
    // A school leader reads their own school's coaching.
    for (const auto& scope : policy_.scopes(who, "coaching.view")) {
      auto found = db::school(tx, scope);
      bool listed = false;
      for (const auto& s : out.schools) listed = listed || s.id == scope;
      if (found && !listed) out.schools.push_back(*found);
    }
    if (!who.person_id.empty()) {
      for (auto& log : db::logs_by(tx, who.person_id, kRecentLogs)) {
        out.recent.push_back(view_of(who, std::move(log)));
      }
    }
    return 0;
  });
  out.sees_coverage = policy_.can(who, "coaching.view", std::nullopt);
  return out;
}

SchoolLogs CoachingService::school(const auth::Principal& who, const std::string& school_id) const {
  return db_.read([&](store::Tx& tx) {
    auto found = db::school(tx, school_id);
    if (!found) throw NotFound("error.not_found");
    SchoolLogs out;
    out.school = std::move(*found);
    for (auto& log : db::logs_at(tx, school_id, kSchoolLogs)) {
      out.logs.push_back(view_of(who, std::move(log)));
    }
    out.may_log = policy_.can(who, "coaching.log", school_id);
    return out;
  });
}

Coverage CoachingService::coverage(std::string_view today) const {
  const auto since = planning::date_of_day(planning::day_number(today) - kStaleDays);
  auto schools = db_.read([&](store::Tx& tx) { return db::activity(tx, since); });
  return coaching::coverage(schools, today);
}

std::vector<Person> CoachingService::staff(const std::string& school_id) const {
  return db_.read([&](store::Tx& tx) { return db::school_staff(tx, school_id); });
}

std::vector<FocusGroup> CoachingService::focus_choices() const {
  return db_.read([&](store::Tx& tx) {
    std::vector<FocusGroup> out;
    for (const auto& d : frameworks::documents(tx)) {
      auto items = frameworks::items_of(tx, d.id);
      std::set<std::string> parents;
      for (const auto& i : items) {
        if (!i.parent_id.empty()) parents.insert(i.parent_id);
      }
      FocusGroup group{d.title, {}};
      for (const auto& i : items) {
        if (parents.contains(i.id)) continue;
        group.items.push_back({i.id, i.code.empty() ? i.statement : i.code + " " + i.statement});
      }
      if (!group.items.empty()) out.push_back(std::move(group));
    }
    return out;
  });
}

CoachingLog CoachingService::log_to_change(const auth::Principal& who, const std::string& school_id,
                                           const std::string& log_id) const {
  auto found = db_.read([&](store::Tx& tx) { return db::log(tx, log_id); });
  if (!found || found->school_id != school_id) throw NotFound("error.not_found");
  if (!view_of(who, *found).may_change) throw Forbidden("error.403.title");
  return *found;
}

CoachingLog CoachingService::checked(store::Tx& tx, const std::string& school_id,
                                     const LogInput& input) const {
  auto problems = check_log(input, planning::today());
  std::set<std::string> staff;
  for (const auto& p : db::school_staff(tx, school_id)) staff.insert(p.id);
  std::set<std::string> picked;
  for (const auto& id : input.people) {
    if (!staff.contains(id)) {
      problems.push_back({"people", "learning.coaching.error.people", {}});
      break;
    }
    picked.insert(id);
  }
  if (!input.focus_item_id.empty() && !db::item_exists(tx, input.focus_item_id)) {
    problems.push_back({"focus_item_id", "learning.coaching.error.focus", {}});
  }
  if (!problems.empty()) throw Invalid(problems);
  CoachingLog log;
  log.school_id = school_id;
  log.held_on = input.held_on;
  log.activity = input.activity;
  log.minutes = minutes_of(input);
  log.focus_item_id = input.focus_item_id;
  log.notes = input.notes;
  log.next_steps = input.next_steps;
  for (const auto& id : picked) log.people.push_back({id, {}});
  return log;
}

std::string CoachingService::create(const auth::Principal& who, const std::string& school_id,
                                    const LogInput& input, audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    if (!db::school(tx, school_id)) throw NotFound("error.not_found");
    if (!policy_.can(who, "coaching.log", school_id)) throw Forbidden("error.403.title");
    auto log = checked(tx, school_id, input);
    log.id = frameworks::random_uuid();
    log.coach_id = who.person_id;
    db::insert_log(tx, log, who.account_id, now_text());
    record(tx, event, log.id, school_id, nullptr, log_json(log));
    return log.id;
  });
}

void CoachingService::update(const auth::Principal& who, const std::string& school_id,
                             const std::string& log_id, const LogInput& input, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto before = db::log(tx, log_id);
    if (!before || before->school_id != school_id) throw NotFound("error.not_found");
    if (!view_of(who, *before).may_change) throw Forbidden("error.403.title");
    auto log = checked(tx, school_id, input);
    log.id = log_id;
    log.coach_id = before->coach_id;
    db::update_log(tx, log, now_text());
    record(tx, event, log_id, school_id, log_json(*before), log_json(log));
  });
}

void CoachingService::remove(const auth::Principal& who, const std::string& school_id,
                             const std::string& log_id, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto before = db::log(tx, log_id);
    if (!before || before->school_id != school_id) throw NotFound("error.not_found");
    if (!view_of(who, *before).may_change) throw Forbidden("error.403.title");
    db::delete_log(tx, log_id);
    record(tx, event, log_id, school_id, log_json(*before), nullptr);
  });
}

}  // namespace lodestar::learning::coaching
