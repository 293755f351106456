#include "demo/planning.h"

namespace lodestar::demo {

void load_planning_schools(store::Tx&) {}

}  // namespace lodestar::demo
