// Professional learning and coaching (issue 7): every route of the capability. Each part keeps a
// folder with its code, templates and locales:
//   catalog/    continuum levels, offerings (triple-tracked, aligned to indicators), series,
//               sessions, registration with capacity, waitlist and approval, attendance, hours,
//               certificates, transcripts and calendar export
//   coaching/   coaches' caseloads, coaching logs and the district's view of coverage
//   network/    the Teacher Leader Network: communities, members, meetings, shared resources
// Later parts (the 2+1 model and cohorts, evaluation, recommendations and impact) add theirs.
#pragma once

#include "frameworks/alignment.h"
#include "platform/app.h"
#include "platform/http/router.h"

namespace lodestar::learning {

void add_routes(http::Router& router, const AppContext& context,
                const frameworks::Alignments& alignments);
// Offerings (and whatever else a part aligns) as kinds of aligned record.
void register_record_types(frameworks::Alignments& alignments);

// The parts.
void add_catalog_pages(http::Router& router, const AppContext& context,
                       const frameworks::Alignments& alignments);
void add_coaching_pages(http::Router& router, const AppContext& context);
void add_network_pages(http::Router& router, const AppContext& context);

}  // namespace lodestar::learning
