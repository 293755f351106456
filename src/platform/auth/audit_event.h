// What auth tells the audit log. Auth does not write the log itself: it calls an AuditSink (which
// the application connects to platform/audit) on sign-in success and failure, sign-out, password
// change and reset, and API token creation and revocation.
#pragma once

#include <functional>
#include <string>

namespace lodestar::auth {

struct AuditEvent {
  std::string action;            // "auth.sign_in", "auth.sign_in_failed", "auth.sign_out", …
  std::string actor_account_id;  // who did it; empty for a failed sign-in or nobody
  std::string subject;           // what it was done to: "account:<id>", "api_token:<id>"
  std::string ip;
  std::string request_id;
  std::string detail;  // a short reason ("throttled", "unknown_or_wrong", …); never a secret
};

using AuditSink = std::function<void(const AuditEvent&)>;

}  // namespace lodestar::auth
