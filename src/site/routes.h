// The public face of the site: the home page.
#pragma once

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::site {

void add_routes(http::Router& router, const AppContext& context);

}  // namespace lodestar::site
