// /admin/people/{person}/roles: a technology director grants and removes a person's roles.
#pragma once

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::people {

void add_role_routes(http::Router& router, const AppContext& context);

}  // namespace lodestar::people
