// The append-only audit log: who did what, to what, when, from where. Services record an event
// inside the same transaction as the change it describes, so the two commit or fail together.
// Record identifiers and actions — never passwords, tokens or the content of student records.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/http/request.h"
#include "platform/store/database.h"

namespace lodestar::audit {

struct Event {
  std::string action;  // dotted, capability first: "auth.sign_in", "students.view", …
  std::string actor_account_id;
  std::string actor_label;  // the actor's e-mail, or "system" / "command line"
  std::string subject_type;
  std::string subject_id;
  std::string org_id;
  std::string ip;
  std::string request_id;
  nlohmann::json detail = nlohmann::json::object();  // before/after, counts, reasons
};

// An event about `request`, its actor (or "anonymous"), address and request id filled in.
Event event_for(const http::Request& request, std::string action);

// Appends `event` inside `tx`. Returns its id. `at` is an ISO-8601 UTC time; empty means now.
std::string record(store::Tx& tx, const Event& event, std::string_view at = {});

struct Entry {
  std::string id, at, actor_account_id, actor_label, action, subject_type, subject_id, org_id, ip,
      request_id, detail;
};

struct Filter {
  std::string action;  // prefix: "auth." matches every sign-in event
  std::string actor;   // the actor's label (e-mail), exact
  std::string subject_id;
  std::string from;    // YYYY-MM-DD, inclusive
  std::string to;      // YYYY-MM-DD, inclusive
  std::string before;  // an id: entries older than it (the next page)
  std::size_t limit = 50;
};

// Newest first. Returns at most filter.limit entries.
std::vector<Entry> search(store::Tx& tx, const Filter& filter);

// RFC 4180 CSV with a header row. Cells that a spreadsheet would run as a formula (starting with
// = + - @) are prefixed with an apostrophe.
std::string to_csv(const std::vector<Entry>& entries);

}  // namespace lodestar::audit
