#include "demo/learning.h"

namespace lodestar::demo {

void load_learning_network(store::Tx&) {}

}  // namespace lodestar::demo
