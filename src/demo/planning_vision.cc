#include "demo/planning.h"

namespace lodestar::demo {

void load_planning_vision(store::Tx&) {}

}  // namespace lodestar::demo
