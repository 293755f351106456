// Operations routes: /healthz (the process answers), /readyz (the database answers), /metrics
// (Prometheus text), /api/v1/status (version and uptime) and /api/v1/openapi.json.
#pragma once

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::ops {

void add_routes(http::Router& router, const AppContext& context);

}  // namespace lodestar::ops
