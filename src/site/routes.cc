#include "site/routes.h"

#include <nlohmann/json.hpp>

#include "platform/web/view.h"

namespace lodestar::site {

void add_routes(http::Router& router, const AppContext& /*context*/) {
  router.add({.method = "GET",
              .pattern = "/",
              .handler =
                  [](http::Request& request) {
                    return web::render_page(request, "site/home", "home.title",
                                            nlohmann::json::object());
                  },
              .access = http::Access::anyone(),
              .kind = http::RouteKind::kPage});
}

}  // namespace lodestar::site
