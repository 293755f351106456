#include "demo/learning.h"

namespace lodestar::demo {

void load_learning_catalog(store::Tx&) {}

}  // namespace lodestar::demo
