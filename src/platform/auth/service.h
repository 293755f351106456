// The use cases of "who is this": sign-in (throttled, one answer for every failure), database
// sessions (rotated at sign-in, idle and absolute expiry, ended one by one or everywhere), first
// administrator setup, password change and reset, and API tokens. Each runs as its own units of
// work; password hashing always happens outside a transaction.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/accounts.h"
#include "platform/auth/audit_event.h"
#include "platform/auth/clock.h"
#include "platform/auth/passwords.h"
#include "platform/auth/principal.h"
#include "platform/auth/store.h"
#include "platform/auth/throttle.h"
#include "platform/store/database.h"

namespace lodestar::auth {

struct AuthOptions {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  // last_seen_at and last_used_at are written at most this often (a write per request would
  // serialise every request on SQLite's one writer).
  std::chrono::seconds touch_interval{60};
  // Believe X-Forwarded-Proto and X-Forwarded-For (only behind a proxy that sets them).
  bool trust_proxy = false;
  bool secure_cookies = false;  // always mark cookies Secure (serving TLS directly)
  ThrottleOptions throttle;
};

// Where a request came from, for sessions and the audit log.
struct Origin {
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct SignInOutcome {
  enum class Result { kSignedIn, kFailed, kThrottled };
  Result result = Result::kFailed;
  std::string session_secret;           // kSignedIn: the new cookie's value
  std::chrono::seconds retry_after{0};  // kThrottled
};

struct NewApiToken {
  std::string id;
  std::string token;  // shown once; only its hash is stored
  std::string expires_at;
};

inline constexpr std::string_view kApiTokenPrefix = "lst_";

class AuthService {
 public:
  // REQUIRES: db, clock and hasher outlive the service.
  AuthService(store::Database& db, const Clock& clock, const PasswordHasher& hasher,
              AuthOptions options = {}, AuditSink audit = {});

  // Checks the throttle, then the password (hashing as much for an unknown email), then starts
  // a new session, ending the one named by `old_session_secret` (rotation).
  SignInOutcome sign_in(std::string_view email, std::string_view password, const Origin& origin,
                        std::string_view old_session_secret);
  // The principal of a live session (with session_id and csrf_token); ends expired ones.
  std::optional<Principal> resume_session(std::string_view secret);
  // The principal of a live API token (via_api_token); records when it was last used.
  std::optional<Principal> authenticate_api_token(std::string_view token);

  void sign_out(const Principal& principal, const Origin& origin);
  void sign_out_everywhere(const Principal& principal, const Origin& origin);

  // True while no administrator exists.
  bool setup_needed();
  // Creates the first administrator and signs them in; returns the session secret. Throws
  // NotFound once an administrator exists, Invalid for bad input.
  std::string set_up(const NewAccount& account, std::string_view confirm_password,
                     const Origin& origin);

  // Throws Invalid (current_password, new_password, confirm_password). Ends every other session.
  void change_password(const Principal& principal, std::string_view current,
                       std::string_view new_password, std::string_view confirm,
                       const Origin& origin);
  // An administrator sets someone's password; ends all their sessions. Throws NotFound, Invalid.
  void reset_password(const Principal& actor, std::string_view account_id,
                      std::string_view new_password, std::string_view confirm,
                      const Origin& origin);

  // Throws Invalid (name, expires_in_days: one of 7, 30, 90, 365).
  NewApiToken create_api_token(const Principal& principal, std::string_view name,
                               std::string_view expires_in_days, const Origin& origin);
  // Throws NotFound when the principal has no such live token.
  void revoke_api_token(const Principal& principal, std::string_view id, const Origin& origin);
  std::vector<ApiTokenRecord> api_tokens(const Principal& principal);
  std::vector<SessionRecord> sessions(const Principal& principal);
  std::optional<Account> account(std::string_view id);

  // The key that signs CSRF tokens of forms shown to nobody; made once, shared by every server.
  std::string csrf_key();

  const AuthOptions& options() const { return options_; }
  const Clock& clock() const { return clock_; }

 private:
  std::string start_session(store::Tx& tx, std::string_view account_id, const Origin& origin);
  void audit(std::string action, std::string actor, std::string subject, const Origin& origin,
             std::string detail = {}) const;

  store::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  AuthOptions options_;
  AuditSink audit_;
  Throttle throttle_;
  std::mutex csrf_key_mutex_;
  std::string csrf_key_;
};

}  // namespace lodestar::auth
