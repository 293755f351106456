#include "learning/routes.h"

namespace lodestar::learning {

void add_routes(http::Router& router, const AppContext& context,
                const frameworks::Alignments& alignments) {
  add_catalog_pages(router, context, alignments);
  add_coaching_pages(router, context);
  add_network_pages(router, context);
}

}  // namespace lodestar::learning
