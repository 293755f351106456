#include "demo/planning.h"

namespace lodestar::demo {

void load_planning_reviews(store::Tx&) {}

}  // namespace lodestar::demo
