// The pages and API of "who is this": sign-in and sign-out, first-administrator setup, the
// account page (who am I, my roles, my sessions), password change, API tokens, an
// administrator's password reset, and GET /api/v1/me.
#pragma once

#include "platform/app.h"
#include "platform/auth/service.h"
#include "platform/http/router.h"

namespace lodestar::auth {

// REQUIRES: `service` outlives the router.
void add_routes(http::Router& router, const AppContext& context, AuthService& service);

}  // namespace lodestar::auth
