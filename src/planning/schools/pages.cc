#include "planning/routes.h"

namespace lodestar::planning {

void add_school_pages(http::Router&, const AppContext&) {}

}  // namespace lodestar::planning
