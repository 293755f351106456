#include "demo/planning.h"

namespace lodestar::demo {

void load_planning_public(store::Tx&) {}

}  // namespace lodestar::demo
