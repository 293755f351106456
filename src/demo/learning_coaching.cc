#include "demo/learning.h"

namespace lodestar::demo {

void load_learning_coaching(store::Tx&) {}

}  // namespace lodestar::demo
