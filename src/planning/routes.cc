#include "planning/routes.h"

namespace lodestar::planning {

void add_routes(http::Router& router, const AppContext& context, auth::AuthService& auth,
                const frameworks::Alignments& alignments) {
  add_vision_pages(router, context, auth);
  add_plan_pages(router, context, alignments);
  add_measure_pages(router, context);
  add_school_pages(router, context);
  add_public_pages(router, context, alignments);
}

}  // namespace lodestar::planning
