// What the parts of the records service (service*.cc) share; not for other callers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "growth/records/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/principal.h"
#include "platform/errors.h"

namespace lodestar::growth::records {

// who.person_id. Throws Forbidden when it is empty (the routes never let it come to that).
const std::string& require_person(const auth::Principal& who);

// The people a journal entry may be shared with: coaches, then supervisors, each once, by name.
std::vector<db::PersonChoice> reader_candidates(store::Tx& tx, const std::string& person_id);

// A problem for field "indicators" when `wanted` holds an id that is not offered.
std::vector<FieldProblem> unknown_indicators(const std::vector<std::string>& offered,
                                             const std::vector<std::string>& wanted);

// Fills in the subject and detail of `event` and records it in `tx`.
void finish_event(store::Tx& tx, audit::Event& event, std::string_view type, const std::string& id,
                  nlohmann::json detail);

}  // namespace lodestar::growth::records
