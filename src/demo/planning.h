// The demo's strategic plan: the district's vision with a closed input round, the 2025–2028
// instructional technology plan (goals, strategies, action steps, measures with three years of
// measurements, two quarterly reviews with a course correction), school plans linked to it, and
// the public page's posts. Loaded once by `lodestar demo` after load() and load_growth().
#pragma once

#include "platform/store/database.h"

namespace lodestar::demo {

// Ids the parts refer to.
inline constexpr const char* kDemoDistrict = "lusd";
inline constexpr const char* kDemoPlan = "demo-plan";
// Goals "demo-plan-g1" … "demo-plan-g4"; measures "demo-plan-m1" … (see planning.cc).

// Loads everything below in one transaction unless a plan exists already. Returns whether it
// loaded anything.
bool load_planning(store::Database& db);

// The parts, each in its own file, called by load_planning() in this order after the plan.
void load_planning_vision(store::Tx& tx);   // planning_vision.cc
void load_planning_reviews(store::Tx& tx);  // planning_reviews.cc
void load_planning_schools(store::Tx& tx);  // planning_schools.cc
void load_planning_public(store::Tx& tx);   // planning_public.cc

}  // namespace lodestar::demo
