#include "planning/routes.h"

namespace lodestar::planning {

void add_measure_pages(http::Router&, const AppContext&) {}

}  // namespace lodestar::planning
