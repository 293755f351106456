// A leader's own growth records on the web: SMART goals with action steps and a coach's comments
// (/growth/goals, /growth/coaching), a reflection journal (/growth/journal), a learning log
// (/growth/log), evidence (/growth/evidence) and the portfolio (/growth/portfolio), which its
// owner may share by link (/portfolio/{token}, no sign-in).
//
// Every /growth route is open to any signed-in person; the service decides whose records they
// may read (another person's record is 404). An account without a roster person gets a page
// explaining that its records need one.
#pragma once

#include "frameworks/alignment.h"
#include "frameworks/routes.h"
#include "platform/app.h"
#include "platform/files/blob_store.h"
#include "platform/http/router.h"

namespace lodestar::growth {

// Registers the subject types "growth_goal" and "growth_evidence" with the alignment registry:
// a goal is seen by its owner and its coach, evidence by its owner; only the owner aligns.
// REQUIRES: called once, while the program starts.
void register_record_types(frameworks::Alignments& alignments);

// REQUIRES: `context`, `frameworks` and `blobs` outlive the router; register_record_types was
// called on frameworks.alignments.
void add_record_routes(http::Router& router, const AppContext& context,
                       frameworks::Module& frameworks, files::BlobStore& blobs);

}  // namespace lodestar::growth
