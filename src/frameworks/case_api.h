// The CASE 1.0 REST API, read-only, at /ims/case/v1p0: documents, packages, items, associations
// and definitions in the specification's JSON shapes, with ETags. Public unless the setting
// kCaseApiRequiresToken is "true"; failures carry imsx_StatusInfo (see the dispatcher).
#pragma once

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::frameworks {

void add_case_api_routes(http::Router& router, const AppContext& context);

}  // namespace lodestar::frameworks
