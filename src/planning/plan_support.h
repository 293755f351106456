// What the plan part's service files share; not for other callers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/audit/audit.h"
#include "platform/errors.h"
#include "platform/store/database.h"

namespace lodestar::planning {

// Now as ISO-8601 UTC text.
std::string now();
// A problem for `field` when `value` is blank or longer than `max` characters.
void require_text(std::vector<FieldProblem>& problems, std::string_view field,
                  const std::string& value, std::size_t max);
// A problem for `field` when `value` is longer than `max`.
void limit_text(std::vector<FieldProblem>& problems, std::string_view field,
                const std::string& value, std::size_t max);
// Fills in the subject, the district and {before, after} of `event` and records it in `tx`.
void finish(store::Tx& tx, audit::Event& event, std::string_view type, const std::string& id,
            const std::string& org_id, nlohmann::json before, nlohmann::json after);

}  // namespace lodestar::planning
