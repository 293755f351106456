// Importing the roster from the web: GET /admin/roster (upload a OneRoster zip),
// POST /admin/roster/check (validate it: the full report, nothing changed), POST
// /admin/roster/import (the person who uploaded it confirms; all or nothing). The upload waits
// between the two steps in a private folder, readable only by the server, for at most a day.
#pragma once

#include <filesystem>

#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::people {

// `uploads` is where checked files wait for confirmation; created when missing.
void add_roster_routes(http::Router& router, const AppContext& context,
                       std::filesystem::path uploads);

}  // namespace lodestar::people
