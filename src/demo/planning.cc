#include "demo/planning.h"

namespace lodestar::demo {

bool load_planning(store::Database& db) {
  return db.write([](store::Tx& tx) {
    if (tx.query_one("SELECT id FROM planning_plans LIMIT 1")) return false;
    load_planning_vision(tx);
    load_planning_reviews(tx);
    load_planning_schools(tx);
    load_planning_public(tx);
    return true;
  });
}

}  // namespace lodestar::demo
