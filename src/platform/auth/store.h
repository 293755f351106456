// The SQL of accounts, sessions, API tokens, the sign-in throttle and auth's shared secrets
// (migrations/0003_auth_accounts.sql). Every function runs inside the caller's unit of work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/store/database.h"

namespace lodestar::auth {

struct Account {
  std::string id;
  std::string email;
  std::string display_name;
  std::string password_hash;
  std::string person_id;  // empty when not tied to a roster person
  bool administrator = false;
  bool active = true;
  std::string created_at;
  std::string password_changed_at;
};

struct SessionRecord {
  std::string id;
  std::string account_id;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  std::string ip;
  std::string user_agent;
};

struct ApiTokenRecord {
  std::string id;
  std::string account_id;
  std::string name;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};

struct ThrottleRecord {
  std::int64_t failures = 0;
  std::string last_failure_at;
  std::optional<std::string> locked_until;
};

namespace auth_store {

// Accounts. `email_normalized` is the lower-cased, trimmed address.
std::optional<Account> find_account_by_email(store::Tx& tx, std::string_view email_normalized);
std::optional<Account> find_account(store::Tx& tx, std::string_view id);
void insert_account(store::Tx& tx, const Account& account, std::string_view email_normalized);
bool any_administrator(store::Tx& tx);
void update_password(store::Tx& tx, std::string_view account_id, std::string_view hash,
                     std::string_view at);
std::vector<RoleGrant> grants_of_person(store::Tx& tx, std::string_view person_id);

// Sessions, found by the hash of their cookie's secret.
void insert_session(store::Tx& tx, const SessionRecord& session, std::string_view secret_hash);
std::optional<SessionRecord> find_session_by_secret_hash(store::Tx& tx, std::string_view hash);
void touch_session(store::Tx& tx, std::string_view id, std::string_view at);
void delete_session(store::Tx& tx, std::string_view id);
// Deletes every session of the account except `keep` (when not empty). Returns how many.
std::int64_t delete_sessions_of(store::Tx& tx, std::string_view account_id,
                                std::string_view keep = {});
std::vector<SessionRecord> sessions_of(store::Tx& tx, std::string_view account_id);

// API tokens, found by the hash of the token.
void insert_api_token(store::Tx& tx, const ApiTokenRecord& token, std::string_view token_hash);
std::optional<ApiTokenRecord> find_api_token_by_hash(store::Tx& tx, std::string_view hash);
std::vector<ApiTokenRecord> api_tokens_of(store::Tx& tx, std::string_view account_id);
// Returns false when the account has no such token that is not yet revoked.
bool revoke_api_token(store::Tx& tx, std::string_view account_id, std::string_view id,
                      std::string_view at);
void touch_api_token(store::Tx& tx, std::string_view id, std::string_view at);

// The sign-in throttle.
std::optional<ThrottleRecord> find_throttle(store::Tx& tx, std::string_view key);
void save_throttle(store::Tx& tx, std::string_view key, const ThrottleRecord& record);
void delete_throttle(store::Tx& tx, std::string_view key);

// Shared secrets and one-time markers. insert_secret returns false when `name` exists.
std::optional<std::string> find_secret(store::Tx& tx, std::string_view name);
bool insert_secret(store::Tx& tx, std::string_view name, std::string_view value,
                   std::string_view at);

}  // namespace auth_store
}  // namespace lodestar::auth
