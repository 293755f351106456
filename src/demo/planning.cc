// The demo district's instructional technology plan 2025–2028, in the shape LAUSD's Instructional
// Technology Initiative gave its own: four goals (leaders, educators, access, privacy), two
// strategies each, dated action steps with owners and funding, and measures whose measurements
// since July 2025 put them on track, at risk and off track.
#include "demo/planning.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "planning/model.h"
#include "planning/store.h"

namespace lodestar::demo {
namespace {

constexpr const char* kNow = "2025-06-15T16:00:00Z";

struct ActionSpec {
  const char* title;
  const char* owner_email;  // nullptr: nobody yet
  const char* starts_on;
  const char* due_on;
  const char* status;
  std::int64_t budget_dollars;
  const char* funding;  // a funding source's name, or nullptr
  const char* budget_line;
};

struct StrategySpec {
  const char* title;
  const char* description;
  std::vector<ActionSpec> actions;
};

struct MeasureSpec {
  const char* name;
  const char* unit;
  const char* direction;
  double baseline, target;
  const char* target_on;
  double monthly;  // change a month the measurements show
  int every;       // months between measurements
};

struct GoalSpec {
  const char* code;
  const char* title;
  const char* description;
  std::vector<const char*> indicators;  // 2024 leaders codes
  std::vector<StrategySpec> strategies;
  std::vector<MeasureSpec> measures;
};

const std::vector<const char*> kFunding = {"E-Rate",           "Title I, Part A",
                                           "Title II, Part A", "Title IV, Part A",
                                           "General fund",     "Bond Measure T"};

std::vector<GoalSpec> goals() {
  return {
      {"G1",
       "Every school leader grows as a visionary, connected leader",
       "Principals and district leaders assess themselves against the ISTE Standards for "
       "Education Leaders each year, set growth goals with a coach and lead their school's "
       "instructional technology plan.",
       {"3.2.b", "3.5.a", "3.5.c"},
       {{"Annual self-assessment and 360° feedback",
         "Every leader completes the self-assessment; the district reads the heatmap.",
         {{"Open the 2025–26 leader self-assessment cycle", "director@lusd.example.org",
           "2025-08-15", "2025-10-31", "done", 0, nullptr, ""},
          {"Train coaches to facilitate growth-goal conversations", "coach@lusd.example.org",
           "2025-09-01", "2025-12-19", "done", 12000, "Title II, Part A", "PD stipends"},
          {"Open the 2026–27 cycle on the 2024 standards", "director@lusd.example.org",
           "2026-08-17", "2026-10-30", "in_progress", 0, nullptr, ""}}},
        {"Leaders' professional learning network",
         "Leaders learn with peers beyond their school.",
         {{"Launch the principals' PLN with monthly meetups", "superintendent@lusd.example.org",
           "2025-09-15", "2026-06-12", "in_progress", 8000, "Title II, Part A", "Meeting costs"},
          {"Send a leadership team to ISTELive", "superintendent@lusd.example.org", "2026-04-01",
           "2026-06-30", "done", 24000, "Title IV, Part A", "Conference travel"}}}},
       {{"Leaders Proficient or above on 3.2.b", "% of leaders", "increase", 38, 75, "2028-06-30",
         1.1, 3},
        {"Leaders with an active growth goal", "% of leaders", "increase", 20, 90, "2027-06-30",
         2.4, 1}}},
      {"G2",
       "Every educator learns on a continuum and applies it in class",
       "Professional learning runs from awareness to advanced, with the 2+1 model: two content "
       "days, a classroom try-out, and a day of critical-friends feedback.",
       {"3.3.a", "3.3.b", "3.3.c"},
       {{"The 2+1 professional learning model",
         "Two content days, a try-out in class, a reconvening day.",
         {{"Design the ISTE Standards for Students suite (seven sessions)",
           "coach@lusd.example.org", "2025-07-15", "2025-09-30", "done", 15000, "Title II, Part A",
           "Curriculum design"},
          {"Run the first 2+1 cohort", "coach@lusd.example.org", "2025-10-01", "2026-03-20", "done",
           30000, "Title II, Part A", "Substitutes"},
          {"Run the second and third 2+1 cohorts", "coach@lusd.example.org", "2026-04-06",
           "2027-03-19", "in_progress", 60000, "Title II, Part A", "Substitutes"}}},
        {"Teacher Leader Network",
         "Teacher leaders share exemplars and coach peers at their schools.",
         {{"Recruit two teacher leaders per school", "principal@lusd.example.org", "2025-08-18",
           "2025-11-26", "done", 0, nullptr, ""},
          {"Publish a library of classroom exemplars", "teacher@lusd.example.org", "2026-01-12",
           "2026-12-18", "blocked", 5000, "General fund", "Platform and stipends"}}}},
       {{"Professional learning hours per educator", "hours a year", "increase", 6, 20,
         "2027-06-30", 0.62, 1},
        {"Educators who completed a classroom try-out", "% of educators", "increase", 10, 60,
         "2027-06-30", 1.2, 3}}},
      {"G3",
       "Every student has a working device and a connection, at school and at home",
       "Devices one-to-one from grade 3, hotspots for families without home internet, and a "
       "refresh cycle the budget can sustain.",
       {"3.1.a", "3.1.b"},
       {{"Devices for every student",
         "One-to-one devices from grade 3, refreshed every four years.",
         {{"Inventory every device and its warranty", "techstaff@lusd.example.org", "2025-07-01",
           "2025-09-30", "done", 0, nullptr, ""},
          {"Refresh the oldest third of student devices", "techstaff@lusd.example.org",
           "2026-01-05", "2026-08-14", "in_progress", 450000, "Bond Measure T", "Devices"}}},
        {"Connectivity at home",
         "Hotspots and low-cost plans for families who need them.",
         {{"Survey families on home internet, in English and Spanish", "director@lusd.example.org",
           "2025-08-25", "2025-10-17", "done", 2000, "Title I, Part A", "Family outreach"},
          {"Lend hotspots to families without home internet", "techstaff@lusd.example.org",
           "2025-11-03", "2026-12-18", "in_progress", 90000, "E-Rate", "Hotspots and service"}}}},
       {{"Students without internet at home", "% of students", "decrease", 18, 3, "2027-06-30",
         -0.9, 1}}},
      {"G4",
       "Student data stays private, and every app in class is vetted",
       "Every app that touches student data has a signed data privacy agreement, and families "
       "read the responsible-use policy in their language.",
       {"3.1.d", "3.4.d"},
       {{"An app registry with privacy reviews",
         "Teachers request apps; technology staff review them before they are used.",
         {{"Publish the approved-app list", "techstaff@lusd.example.org", "2025-08-01",
           "2025-09-12", "done", 0, nullptr, ""},
          {"Sign data privacy agreements with the top 100 vendors", "director@lusd.example.org",
           "2025-09-15", "2026-09-30", "in_progress", 0, nullptr, ""}}},
        {"Responsible use, understood by families",
         "The responsible-use policy in families' languages, with acknowledgements.",
         {{"Translate the responsible-use policy into Spanish", "director@lusd.example.org",
           "2025-07-14", "2025-08-15", "done", 3000, "Title I, Part A", "Translation"},
          {"Collect acknowledgements from every family", "principal@lusd.example.org", "2025-08-18",
           "2026-05-29", "not_started", 0, nullptr, ""}}}},
       {{"Apps in use with a signed privacy agreement", "% of apps", "increase", 45, 95,
         "2027-06-30", 1.75, 2}}},
  };
}

std::optional<std::string> person_with(store::Tx& tx, const char* email) {
  if (!email) return std::nullopt;
  auto row = tx.query_one("SELECT sourced_id FROM people WHERE email = :email",
                          {{"email", std::string(email)}});
  if (!row) return std::nullopt;
  return row->text("sourced_id");
}

// The 2024 leaders' indicator with that code, if the framework is loaded.
std::optional<std::string> indicator(store::Tx& tx, const char* code) {
  auto row = tx.query_one(
      "SELECT i.id FROM case_items i JOIN case_documents d ON d.id = i.document_id WHERE "
      "i.human_coding_scheme = :code AND d.title LIKE '%Leaders%' AND d.title LIKE '%2024%'",
      {{"code", std::string(code)}});
  if (!row) return std::nullopt;
  return row->text("id");
}

// Measurements every `every` months from August 2025 to October 2026: the monthly change with a
// small, repeatable wobble.
void measure_history(store::Tx& tx, const planning::Measure& measure, const MeasureSpec& spec,
                     int seed) {
  for (int month = 1; month <= 16; ++month) {
    if (month % spec.every != 0) continue;
    double wobble = ((month * 7 + seed * 3) % 5 - 2) * 0.4;
    double value = std::round((spec.baseline + spec.monthly * month + wobble) * 10) / 10;
    int year = 2025 + (6 + month) / 12;
    int month_of_year = (6 + month) % 12 + 1;
    planning::Measurement m;
    m.id = fmt::format("{}-v{}", measure.id, month);
    m.measured_on = fmt::format("{:04d}-{:02d}-01", year, month_of_year);
    m.value = value;
    m.source = "manual";
    planning::db::put_measurement(tx, measure.id, m, "", kNow);
  }
}

void load_plan(store::Tx& tx) {
  std::map<std::string, std::string> funding;
  for (std::size_t i = 0; i < kFunding.size(); ++i) {
    planning::db::FundingSource source;
    source.id = fmt::format("demo-funding-{}", i + 1);
    source.org_id = kDemoDistrict;
    source.name = kFunding[i];
    source.position = static_cast<std::int64_t>(i);
    planning::db::insert_funding_source(tx, source);
    funding.emplace(kFunding[i], source.id);
  }

  planning::Plan plan;
  plan.id = kDemoPlan;
  plan.org_id = kDemoDistrict;
  plan.title = "Lodestar Unified instructional technology plan 2025–2028";
  plan.summary =
      "Our three-year plan for technology in teaching and learning: leaders who grow, educators "
      "who learn on a continuum and try it in class, access for every student, and student data "
      "kept private. Written with our staff, families, students and community.";
  plan.starts_on = "2025-07-01";
  plan.ends_on = "2028-06-30";
  plan.status = "adopted";
  plan.published = true;
  planning::db::insert_plan(tx, plan, kNow);

  int measure_number = 0;
  auto all = goals();
  for (std::size_t g = 0; g < all.size(); ++g) {
    const auto& spec = all[g];
    planning::Goal goal;
    goal.id = fmt::format("{}-g{}", kDemoPlan, g + 1);
    goal.plan_id = plan.id;
    goal.code = spec.code;
    goal.title = spec.title;
    goal.description = spec.description;
    planning::db::insert_goal(tx, goal, static_cast<std::int64_t>(g), kNow);
    for (const char* code : spec.indicators) {
      auto item = indicator(tx, code);
      if (!item) continue;
      tx.exec(
          "INSERT INTO alignments (subject_type, subject_id, item_id, status, source, "
          "decided_by, decided_at) VALUES (:type, :subject, :item, 'accepted', 'person', NULL, "
          ":at)",
          {{"type", std::string(planning::kGoalType)},
           {"subject", goal.id},
           {"item", *item},
           {"at", std::string(kNow)}});
    }
    std::string previous_action;
    for (std::size_t s = 0; s < spec.strategies.size(); ++s) {
      const auto& strategy_spec = spec.strategies[s];
      planning::Strategy strategy;
      strategy.id = fmt::format("{}-s{}", goal.id, s + 1);
      strategy.goal_id = goal.id;
      strategy.title = strategy_spec.title;
      strategy.description = strategy_spec.description;
      planning::db::insert_strategy(tx, strategy, static_cast<std::int64_t>(s), kNow);
      for (std::size_t a = 0; a < strategy_spec.actions.size(); ++a) {
        const auto& action_spec = strategy_spec.actions[a];
        planning::Action action;
        action.id = fmt::format("{}-a{}", strategy.id, a + 1);
        action.strategy_id = strategy.id;
        action.title = action_spec.title;
        action.owner_id = person_with(tx, action_spec.owner_email).value_or("");
        action.starts_on = action_spec.starts_on;
        action.due_on = action_spec.due_on;
        action.status = action_spec.status;
        action.budget_cents = action_spec.budget_dollars * 100;
        action.budget_line = action_spec.budget_line;
        if (action_spec.funding) action.funding_source_id = funding.at(action_spec.funding);
        // Within a strategy each step waits for the one before it.
        if (a > 0) action.depends_on.push_back(previous_action);
        planning::db::insert_action(tx, action, static_cast<std::int64_t>(a), kNow);
        previous_action = action.id;
      }
    }
    for (std::size_t m = 0; m < spec.measures.size(); ++m) {
      const auto& measure_spec = spec.measures[m];
      planning::Measure measure;
      measure.id = fmt::format("{}-m{}", kDemoPlan, ++measure_number);
      measure.goal_id = goal.id;
      measure.name = measure_spec.name;
      measure.unit = measure_spec.unit;
      measure.direction = measure_spec.direction;
      measure.baseline = measure_spec.baseline;
      measure.baseline_on = "2025-07-01";
      measure.target = measure_spec.target;
      measure.target_on = measure_spec.target_on;
      planning::db::insert_measure(tx, measure, static_cast<std::int64_t>(m), kNow);
      measure_history(tx, measure, measure_spec, measure_number);
    }
  }
}

}  // namespace

bool load_planning(store::Database& db) {
  return db.write([](store::Tx& tx) {
    if (tx.query_one("SELECT id FROM planning_plans LIMIT 1")) return false;
    if (!tx.query_one("SELECT sourced_id FROM orgs WHERE sourced_id = :id",
                      {{"id", std::string(kDemoDistrict)}})) {
      return false;  // the demo district is not there
    }
    load_plan(tx);
    load_planning_vision(tx);
    load_planning_reviews(tx);
    load_planning_schools(tx);
    load_planning_public(tx);
    return true;
  });
}

}  // namespace lodestar::demo
