// The audit log's pages: GET /admin/audit (filter, read, page back through time) and
// GET /admin/audit.csv (the same filter as CSV; the export is itself audited).
#pragma once

#include "platform/app.h"
#include "platform/audit/audit.h"
#include "platform/http/router.h"

namespace lodestar::audit {

void add_routes(http::Router& router, const AppContext& context);

// Reads a Filter from the query string. Throws Invalid naming each malformed field.
Filter filter_from_query(const http::Request& request);

}  // namespace lodestar::audit
