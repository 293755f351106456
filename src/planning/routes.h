// Vision, strategic plan and improvement cycle: every route of the capability. The plan's model
// and SQL are here (model.h, store.h), with its own pages (plan_pages.cc: plans, goals →
// strategies → action steps, funding sources, the timeline and the board). Each other part keeps
// a folder with its code, templates and locales:
//   vision/    the vision's drafts and versions, stakeholder input rounds, and the public form
//              behind an input round's link
//   measures/  measures and measurements (by hand, CSV upload, computed), trends, and the plan's
//              reviews with their decisions and course corrections
//   schools/   schools' instructional technology plans linked to district goals
//   public/    the public plan page, its posts, the printable report and the downloads
#pragma once

#include "frameworks/alignment.h"
#include "platform/app.h"
#include "platform/auth/service.h"
#include "platform/http/router.h"

namespace lodestar::planning {

void add_routes(http::Router& router, const AppContext& context, auth::AuthService& auth,
                const frameworks::Alignments& alignments);
// Plan goals (and whatever else a part aligns) as kinds of aligned record.
void register_record_types(frameworks::Alignments& alignments);

// The parts.
// The input round's public form signs its CSRF token with `auth`'s key.
void add_vision_pages(http::Router& router, const AppContext& context, auth::AuthService& auth);
void add_plan_pages(http::Router& router, const AppContext& context,
                    const frameworks::Alignments& alignments);
void add_measure_pages(http::Router& router, const AppContext& context);
void add_school_pages(http::Router& router, const AppContext& context);
void add_public_pages(http::Router& router, const AppContext& context,
                      const frameworks::Alignments& alignments);

}  // namespace lodestar::planning
