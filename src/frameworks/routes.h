// The frameworks capability's routes and the objects they share: pages to browse, compare,
// search and import frameworks; /api/v1 JSON for search, suggestions and alignments; and the
// CASE API (case_api.h).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "frameworks/alignment.h"
#include "frameworks/store.h"
#include "frameworks/suggestions.h"
#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::frameworks {

// Owned by the App: one alignment registry and one suggestion cache for the whole program.
struct Module {
  explicit Module(const AppContext& context);
  Alignments alignments;
  Suggestions suggestions;
};

void add_routes(http::Router& router, const AppContext& context, Module& module);

// Parts shared by pages.cc, import_pages.cc and api.cc.
void add_pages(http::Router& router, const AppContext& context, Module& module);
void add_import_pages(http::Router& router, const AppContext& context, Module& module);
void add_api(http::Router& router, const AppContext& context, Module& module);
void add_align_pages(http::Router& router, const AppContext& context, Module& module);
// The item page's "aligned to" list and, for a person who may align, suggestions to accept or
// reject (align_pages.cc).
nlohmann::json alignment_panel(const AppContext& context, Module& module,
                               const http::Request& request, const ItemRow& item);

}  // namespace lodestar::frameworks
