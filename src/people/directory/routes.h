// Pages of the people directory: GET /people, /people/schools/{org},
// /people/schools/{org}/students.
#pragma once

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::people {

void add_directory_routes(http::Router& router, const AppContext& context);

}  // namespace lodestar::people
