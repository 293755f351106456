// lodestar_planning_gen: writes a large strategic plan straight into a migrated database, for the
// plan page benchmark (bench/planning/run).
//
//   lodestar_planning_gen --database URL [--goals G (40)] [--actions A (400)] [--years Y (5)]
//                         [--measures-per-goal M (2)] [--seed X (1)]
//
// The database (sqlite:PATH or postgresql://…) is migrated, the seed frameworks loaded and the
// demo district loaded (its staff own the action steps; its superintendent, a district leader,
// reads the plan). Then, in one transaction, through the plan's own inserts (planning/store.h):
// G goals, each aligned to two indicators of the 2024 leaders framework, two strategies a goal,
// A action steps spread over them (each after the one before it in its strategy, over the plan's
// Y years, with owners, budgets and funding sources), M measures a goal with a measurement every
// month for Y years. The plan is adopted and published. Finally a session for the
// superintendent.
//
// Standard output: key<TAB>value lines: plan, session (the cookie's secret), csrf, and rows.TABLE
// for each planning table.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "demo/demo.h"
#include "frameworks/service.h"
#include "planning/model.h"
#include "planning/store.h"
#include "platform/auth/clock.h"
#include "platform/auth/secrets.h"
#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "random.h"

namespace {

using namespace lodestar;
using lodestar::bench::Random;

constexpr std::string_view kPublicUrl = "http://127.0.0.1:8080";
constexpr const char* kDistrict = "lusd";
constexpr const char* kNow = "2024-06-01T12:00:00Z";

struct Options {
  std::string database;
  long long goals = 40, actions = 400, years = 5, measures = 2, seed = 1;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    std::string value = argv[i + 1];
    auto number = [&](long long& out) {
      try {
        std::size_t used = 0;
        out = std::stoll(value, &used);
        return used == value.size();
      } catch (const std::exception&) {
        return false;
      }
    };
    bool ok = true;
    if (flag == "--database") {
      o.database = value;
    } else if (flag == "--goals") {
      ok = number(o.goals);
    } else if (flag == "--actions") {
      ok = number(o.actions);
    } else if (flag == "--years") {
      ok = number(o.years);
    } else if (flag == "--measures-per-goal") {
      ok = number(o.measures);
    } else if (flag == "--seed") {
      ok = number(o.seed);
    } else {
      ok = false;
    }
    if (!ok) return false;
  }
  return argc % 2 == 1 && !o.database.empty() && o.goals >= 1 && o.goals <= 1000 &&
         o.actions >= 0 && o.actions <= 100000 && o.years >= 1 && o.years <= 20 &&
         o.measures >= 0 && o.measures <= 20;
}

// Plan-like text of about `words` words.
std::string text(Random& r, std::size_t words) {
  static const std::vector<std::string_view> vocabulary = {
      "leaders",   "educators", "students", "devices",   "coaching", "learning",  "families",
      "privacy",   "access",    "design",   "classroom", "digital",  "community", "equity",
      "standards", "feedback",  "network",  "schools",   "practice", "support",   "evidence"};
  std::string out;
  for (std::size_t i = 0; i < words; ++i) {
    if (i > 0) out += ' ';
    out += vocabulary[r.below(vocabulary.size())];
  }
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

int run(const Options& o) {
  auto db = store::Database::open(o.database, 1);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  frameworks::load_seed_frameworks(*db, kPublicUrl);
  if (!demo::load(*db).loaded) {
    std::fprintf(stderr, "lodestar_planning_gen: %s is not empty; give it a fresh database\n",
                 db->display_url().c_str());
    return 1;
  }
  Random r{static_cast<std::uint64_t>(o.seed)};
  const std::int64_t start = planning::day_number("2024-07-01");
  const std::int64_t days = o.years * 365;
  std::string plan_id = fmt::format("bench-plan-{}", o.seed);

  std::string secret, csrf;
  db->write([&](store::Tx& tx) {
    std::vector<std::string> staff, indicators, funding;
    for (const auto& row : tx.query(
             "SELECT sourced_id FROM people WHERE oneroster_role IN ('administrator', 'teacher') "
             "ORDER BY sourced_id")) {
      staff.push_back(row.text("sourced_id"));
    }
    for (const auto& row : tx.query(
             "SELECT i.id FROM case_items i JOIN case_documents d ON d.id = i.document_id WHERE "
             "d.title LIKE '%Leaders%' AND d.title LIKE '%2024%' AND i.human_coding_scheme LIKE "
             "'_._._' ORDER BY i.human_coding_scheme")) {
      indicators.push_back(row.text("id"));
    }
    for (int i = 0; i < 6; ++i) {
      planning::db::FundingSource f{fmt::format("bench-funding-{}", i), kDistrict,
                                    fmt::format("Funding source {}", i + 1), i, true};
      planning::db::insert_funding_source(tx, f);
      funding.push_back(f.id);
    }
    planning::Plan plan;
    plan.id = plan_id;
    plan.org_id = kDistrict;
    plan.title = fmt::format("Instructional technology plan, {} years", o.years);
    plan.summary = text(r, 60);
    plan.starts_on = planning::date_of_day(start);
    plan.ends_on = planning::date_of_day(start + days - 1);
    plan.status = "adopted";
    plan.published = true;
    planning::db::insert_plan(tx, plan, kNow);

    const long long strategies = o.goals * 2;
    for (long long g = 0; g < o.goals; ++g) {
      planning::Goal goal;
      goal.id = fmt::format("{}-g{}", plan_id, g + 1);
      goal.plan_id = plan_id;
      goal.code = fmt::format("G{}", g + 1);
      goal.title = text(r, 10);
      goal.description = text(r, 40);
      planning::db::insert_goal(tx, goal, g, kNow);
      for (std::size_t k = 0; k < 2 && !indicators.empty(); ++k) {
        tx.exec(
            "INSERT INTO alignments (subject_type, subject_id, item_id, status, source, "
            "decided_by, decided_at) VALUES ('plan_goal', :goal, :item, 'accepted', 'person', "
            "NULL, :at)",
            {{"goal", goal.id},
             {"item", indicators[(g * 2 + k) % indicators.size()]},
             {"at", std::string(kNow)}});
      }
      for (long long s = 0; s < 2; ++s) {
        planning::Strategy strategy;
        strategy.id = fmt::format("{}-s{}", goal.id, s + 1);
        strategy.goal_id = goal.id;
        strategy.title = text(r, 8);
        strategy.description = text(r, 25);
        planning::db::insert_strategy(tx, strategy, s, kNow);
        // This strategy's share of the actions, in sequence over the plan's years.
        const long long index = g * 2 + s;
        const long long first = o.actions * index / strategies;
        const long long last = o.actions * (index + 1) / strategies;
        const long long count = last - first;
        std::string previous;
        for (long long a = 0; a < count; ++a) {
          planning::Action action;
          action.id = fmt::format("{}-a{}", strategy.id, a + 1);
          action.strategy_id = strategy.id;
          action.title = text(r, 7);
          action.description = text(r, 20);
          action.owner_id = staff.empty() ? "" : staff[r.below(staff.size())];
          auto begin = start + days * a / std::max<long long>(count, 1);
          auto end = start + days * (a + 1) / std::max<long long>(count, 1) - 1;
          action.starts_on = planning::date_of_day(begin);
          action.due_on = planning::date_of_day(std::max(begin, end));
          static const char* statuses[] = {"done", "in_progress", "not_started", "blocked",
                                           "dropped"};
          action.status = statuses[r.below(5)];
          action.budget_cents = static_cast<std::int64_t>(r.below(200)) * 50000;
          action.funding_source_id = funding[r.below(funding.size())];
          action.budget_line = text(r, 2);
          if (!previous.empty()) action.depends_on.push_back(previous);
          planning::db::insert_action(tx, action, a, kNow);
          previous = action.id;
        }
      }
      for (long long m = 0; m < o.measures; ++m) {
        planning::Measure measure;
        measure.id = fmt::format("{}-m{}", goal.id, m + 1);
        measure.goal_id = goal.id;
        measure.name = text(r, 5);
        measure.unit = "%";
        measure.direction = m % 2 == 0 ? "increase" : "decrease";
        measure.baseline = m % 2 == 0 ? 20 : 60;
        measure.target = m % 2 == 0 ? 80 : 10;
        measure.baseline_on = planning::date_of_day(start);
        measure.target_on = planning::date_of_day(start + days - 1);
        planning::db::insert_measure(tx, measure, m, kNow);
        const double pace = 0.6 + r.unit() * 0.8;  // of the rate that reaches the target
        for (long long month = 1; month <= o.years * 12; ++month) {
          planning::Measurement value;
          value.id = fmt::format("{}-v{}", measure.id, month);
          value.measured_on = planning::date_of_day(start + month * 365 / 12);
          double share = pace * static_cast<double>(month) / static_cast<double>(o.years * 12);
          value.value =
              measure.baseline + (measure.target - measure.baseline) * share + (r.unit() - 0.5) * 4;
          value.source = "manual";
          planning::db::put_measurement(tx, measure.id, value, "", kNow);
        }
      }
    }

    // A session for the superintendent (a district leader), as the server makes them.
    auto account = tx.query_one(
        "SELECT id FROM accounts WHERE email_normalized = 'superintendent@lusd.example.org'");
    if (!account) throw std::runtime_error("the demo district has no superintendent account");
    secret = auth::random_hex(32);
    csrf = auth::random_hex(32);
    auto expires = auth::to_iso8601(auth::SystemClock::instance().now() + std::chrono::hours(24));
    auto now = auth::to_iso8601(auth::SystemClock::instance().now());
    tx.exec(
        "INSERT INTO sessions (id, secret_hash, account_id, csrf_token, created_at, "
        "last_seen_at, expires_at, ip, user_agent) VALUES (:id, :hash, :account, :csrf, :now, "
        ":now, :expires, '127.0.0.1', 'lodestar_planning_gen')",
        {{"id", auth::random_hex(16)},
         {"hash", auth::sha256_hex(secret)},
         {"account", account->text("id")},
         {"csrf", csrf},
         {"now", now},
         {"expires", expires}});
  });
  if (db->dialect() == store::Dialect::kPostgresql) {
    db->write([](store::Tx& tx) { tx.exec("ANALYZE"); });
  }

  std::printf("plan\t%s\nsession\t%s\ncsrf\t%s\n", plan_id.c_str(), secret.c_str(), csrf.c_str());
  db->read([&](store::Tx& tx) {
    for (const char* table :
         {"planning_goals", "planning_strategies", "planning_actions",
          "planning_action_dependencies", "planning_measures", "planning_measurements"}) {
      auto n = tx.query_one(std::string("SELECT COUNT(*) AS n FROM ") + table)->integer("n");
      std::printf("rows.%s\t%lld\n", table, static_cast<long long>(n));
    }
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: lodestar_planning_gen --database URL [--goals G (1-1000, default 40)]\n"
                 "                             [--actions A (0-100000, 400)] [--years Y (1-20, "
                 "5)]\n"
                 "                             [--measures-per-goal M (0-20, 2)] [--seed X (1)]\n");
    return 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lodestar_planning_gen: %s\n", e.what());
    return 1;
  }
}
