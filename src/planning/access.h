// Who reads the plan. The plan, the vision and the measures are the whole district's, and staff
// read them wherever their role is held: a school leader or an educator at a school as much as a
// district leader. The policy reaches down from a grant, never up, so a read is asked about an
// organization where the person holds planning.view (none: denied). Writing stays scoped to the
// record's organization (planning.manage at the district, planning.school at the school).
// Lodestar serves one district per installation (docs/architecture.md), so "somewhere" is
// "somewhere in this district".
#pragma once

#include "platform/auth/policy.h"
#include "platform/http/router.h"

namespace lodestar::planning {

http::Access plan_reader(const auth::Policy& policy);

}  // namespace lodestar::planning
