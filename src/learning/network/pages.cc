#include "learning/routes.h"

namespace lodestar::learning {

void add_network_pages(http::Router&, const AppContext&) {}

}  // namespace lodestar::learning
