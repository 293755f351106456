#include "planning/routes.h"

namespace lodestar::planning {

void register_record_types(frameworks::Alignments&) {}

void add_plan_pages(http::Router&, const AppContext&, const frameworks::Alignments&) {}

}  // namespace lodestar::planning
