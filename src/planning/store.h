// The plan's SQL: reading a plan whole, and the inserts everything else builds on (the editing
// pages, the demo, the benchmark's generator). Callers hold the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/model.h"
#include "platform/store/database.h"

namespace lodestar::planning::db {

struct PlanSummary {
  std::string id, org_id, org_name, title, starts_on, ends_on, status, updated_at;
  bool published = false;
  std::int64_t goals = 0, actions = 0, actions_done = 0;
};
// Every plan, newest first.
std::vector<PlanSummary> plans(store::Tx& tx);

// The plan with its goals, strategies, actions (with owners' names, funding sources and
// dependencies) and measures with their measurements, each list in its order. Five queries
// however large the plan.
std::optional<Plan> plan(store::Tx& tx, std::string_view id);
// Only the plan's own row (no goals).
std::optional<Plan> plan_header(store::Tx& tx, std::string_view id);

struct FundingSource {
  std::string id, org_id, name;
  std::int64_t position = 0;
  bool active = true;
};
std::vector<FundingSource> funding_sources(store::Tx& tx, std::string_view org_id);

// Inserts. Ids are the caller's; `now` is ISO-8601 UTC text.
void insert_funding_source(store::Tx& tx, const FundingSource& source);
void insert_plan(store::Tx& tx, const Plan& plan, std::string_view now);
void insert_goal(store::Tx& tx, const Goal& goal, std::int64_t position, std::string_view now);
void insert_strategy(store::Tx& tx, const Strategy& strategy, std::int64_t position,
                     std::string_view now);
// The action's dependencies are inserted too.
void insert_action(store::Tx& tx, const Action& action, std::int64_t position,
                   std::string_view now);
void insert_measure(store::Tx& tx, const Measure& measure, std::int64_t position,
                    std::string_view now);
// Inserts or replaces the measurement of that measure on that date.
void put_measurement(store::Tx& tx, std::string_view measure_id, const Measurement& measurement,
                     std::string_view recorded_by, std::string_view now);

}  // namespace lodestar::planning::db
