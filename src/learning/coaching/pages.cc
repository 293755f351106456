#include "learning/routes.h"

namespace lodestar::learning {

void add_coaching_pages(http::Router&, const AppContext&) {}

}  // namespace lodestar::learning
