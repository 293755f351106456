// The plan part's own SQL beyond planning/store.h: updates and deletes of plans, goals,
// strategies and action steps, the district's funding sources, the staff who may own a step,
// goals' aligned indicators and a person's own steps. Callers hold the transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/model.h"
#include "planning/store.h"
#include "platform/store/database.h"

namespace lodestar::planning::plandb {

// The plan (id and district) a goal, strategy or action belongs to; nothing when it does not
// exist.
struct Owner {
  std::string plan_id, org_id;
};
std::optional<Owner> plan_of_goal(store::Tx& tx, std::string_view goal_id);
std::optional<Owner> plan_of_strategy(store::Tx& tx, std::string_view strategy_id);
std::optional<Owner> plan_of_action(store::Tx& tx, std::string_view action_id);

void update_plan(store::Tx& tx, const Plan& plan, std::string_view now);
void delete_plan(store::Tx& tx, std::string_view id);
void update_goal(store::Tx& tx, const Goal& goal, std::string_view now);
void delete_goal(store::Tx& tx, std::string_view id);
void update_strategy(store::Tx& tx, const Strategy& strategy, std::string_view now);
void delete_strategy(store::Tx& tx, std::string_view id);
// Replaces the action's dependencies too.
void update_action(store::Tx& tx, const Action& action, std::string_view now);
void set_action_report(store::Tx& tx, std::string_view id, std::string_view status,
                       std::string_view note, std::string_view evidence, std::string_view now);
void delete_action(store::Tx& tx, std::string_view id);
// The next free position under a parent.
std::int64_t next_goal_position(store::Tx& tx, std::string_view plan_id);
std::int64_t next_strategy_position(store::Tx& tx, std::string_view goal_id);
std::int64_t next_action_position(store::Tx& tx, std::string_view strategy_id);

std::optional<db::FundingSource> funding_source(store::Tx& tx, std::string_view id);
void rename_funding_source(store::Tx& tx, std::string_view id, std::string_view name);
void set_funding_source_active(store::Tx& tx, std::string_view id, bool active);
void set_funding_source_position(store::Tx& tx, std::string_view id, std::int64_t position);
bool funding_name_taken(store::Tx& tx, std::string_view org_id, std::string_view name,
                        std::string_view except_id);
// How many action steps use each of the district's funding sources.
std::map<std::string, std::int64_t> funding_use(store::Tx& tx, std::string_view org_id);

struct Person {
  std::string id, name;
};
// Staff who hold a role at the district or a school under it, by name.
std::vector<Person> staff(store::Tx& tx, std::string_view org_id);

// The districts (orgs of type district), by name.
std::vector<Person> districts(store::Tx& tx);
// True when `org` is `ancestor` or lies under it.
bool within(store::Tx& tx, std::string_view org, std::string_view ancestor);

struct Indicator {
  std::string id, code, statement;
};
// The indicators each goal of the plan is aligned to (accepted), by goal id. One query.
std::map<std::string, std::vector<Indicator>> goal_indicators(store::Tx& tx,
                                                              std::string_view plan_id);

// A person's own action steps across plans, soonest due first.
struct MyAction {
  Action action;
  std::string plan_id, plan_title, goal_code;
};
std::vector<MyAction> actions_of(store::Tx& tx, std::string_view person_id);

}  // namespace lodestar::planning::plandb
