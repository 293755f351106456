#include "platform/auth/store.h"

namespace lodestar::auth::auth_store {
namespace {

using store::Params;
using store::Row;

std::string s(std::string_view v) {
  return std::string(v);
}

Account account_from(const Row& row) {
  return {.id = row.text("id"),
          .email = row.text("email"),
          .display_name = row.text("display_name"),
          .password_hash = row.text("password_hash"),
          .person_id = row.optional_text("person_sourced_id").value_or(""),
          .administrator = row.integer("is_administrator") != 0,
          .active = row.text("status") == "active",
          .created_at = row.text("created_at"),
          .password_changed_at = row.text("password_changed_at")};
}

constexpr std::string_view kAccountColumns =
    "id, email, display_name, password_hash, person_sourced_id, is_administrator, status, "
    "created_at, password_changed_at";

SessionRecord session_from(const Row& row) {
  return {.id = row.text("id"),
          .account_id = row.text("account_id"),
          .csrf_token = row.text("csrf_token"),
          .created_at = row.text("created_at"),
          .last_seen_at = row.text("last_seen_at"),
          .expires_at = row.text("expires_at"),
          .ip = row.text("ip"),
          .user_agent = row.text("user_agent")};
}

constexpr std::string_view kSessionColumns =
    "id, account_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent";

ApiTokenRecord token_from(const Row& row) {
  return {.id = row.text("id"),
          .account_id = row.text("account_id"),
          .name = row.text("name"),
          .created_at = row.text("created_at"),
          .expires_at = row.text("expires_at"),
          .last_used_at = row.optional_text("last_used_at"),
          .revoked_at = row.optional_text("revoked_at")};
}

constexpr std::string_view kTokenColumns =
    "id, account_id, name, created_at, expires_at, last_used_at, revoked_at";

}  // namespace

std::optional<Account> find_account_by_email(store::Tx& tx, std::string_view email_normalized) {
  auto row = tx.query_one(
      "SELECT " + s(kAccountColumns) + " FROM accounts WHERE email_normalized = :email",
      {{"email", s(email_normalized)}});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::optional<Account> find_account(store::Tx& tx, std::string_view id) {
  auto row = tx.query_one("SELECT " + s(kAccountColumns) + " FROM accounts WHERE id = :id",
                          {{"id", s(id)}});
  if (!row) return std::nullopt;
  return account_from(*row);
}

void insert_account(store::Tx& tx, const Account& account, std::string_view email_normalized) {
  store::Value person =
      account.person_id.empty() ? store::Value(nullptr) : store::Value(account.person_id);
  tx.exec(R"(INSERT INTO accounts (id, email, email_normalized, display_name, password_hash,
               person_sourced_id, is_administrator, status, created_at, password_changed_at)
             VALUES (:id, :email, :normalized, :name, :hash, :person, :admin, :status, :created,
               :changed))",
          {{"id", account.id},
           {"email", account.email},
           {"normalized", s(email_normalized)},
           {"name", account.display_name},
           {"hash", account.password_hash},
           {"person", person},
           {"admin", std::int64_t{account.administrator ? 1 : 0}},
           {"status", s(account.active ? "active" : "disabled")},
           {"created", account.created_at},
           {"changed", account.password_changed_at}});
}

bool any_administrator(store::Tx& tx) {
  return tx
      .query_one("SELECT id FROM accounts WHERE is_administrator = 1 AND status = 'active' LIMIT 1")
      .has_value();
}

void update_password(store::Tx& tx, std::string_view account_id, std::string_view hash,
                     std::string_view at) {
  tx.exec("UPDATE accounts SET password_hash = :hash, password_changed_at = :at WHERE id = :id",
          {{"hash", s(hash)}, {"at", s(at)}, {"id", s(account_id)}});
}

std::vector<RoleGrant> grants_of_person(store::Tx& tx, std::string_view person_id) {
  std::vector<RoleGrant> grants;
  for (const auto& row : tx.query(R"(SELECT role, org_sourced_id FROM role_grants
                                      WHERE person_sourced_id = :person
                                      ORDER BY org_sourced_id, role)",
                                  {{"person", s(person_id)}})) {
    if (auto role = role_from_name(row.text("role"))) {
      grants.push_back({*role, row.text("org_sourced_id")});
    }
  }
  return grants;
}

void insert_session(store::Tx& tx, const SessionRecord& session, std::string_view secret_hash) {
  tx.exec(R"(INSERT INTO sessions (id, secret_hash, account_id, csrf_token, created_at,
               last_seen_at, expires_at, ip, user_agent)
             VALUES (:id, :hash, :account, :csrf, :created, :seen, :expires, :ip, :agent))",
          {{"id", session.id},
           {"hash", s(secret_hash)},
           {"account", session.account_id},
           {"csrf", session.csrf_token},
           {"created", session.created_at},
           {"seen", session.last_seen_at},
           {"expires", session.expires_at},
           {"ip", session.ip},
           {"agent", session.user_agent}});
}

std::optional<SessionRecord> find_session_by_secret_hash(store::Tx& tx, std::string_view hash) {
  auto row =
      tx.query_one("SELECT " + s(kSessionColumns) + " FROM sessions WHERE secret_hash = :hash",
                   {{"hash", s(hash)}});
  if (!row) return std::nullopt;
  return session_from(*row);
}

void touch_session(store::Tx& tx, std::string_view id, std::string_view at) {
  tx.exec("UPDATE sessions SET last_seen_at = :at WHERE id = :id", {{"at", s(at)}, {"id", s(id)}});
}

void delete_session(store::Tx& tx, std::string_view id) {
  tx.exec("DELETE FROM sessions WHERE id = :id", {{"id", s(id)}});
}

std::int64_t delete_sessions_of(store::Tx& tx, std::string_view account_id, std::string_view keep) {
  return tx.exec("DELETE FROM sessions WHERE account_id = :account AND id <> :keep",
                 {{"account", s(account_id)}, {"keep", s(keep)}});
}

std::vector<SessionRecord> sessions_of(store::Tx& tx, std::string_view account_id) {
  std::vector<SessionRecord> sessions;
  for (const auto& row : tx.query("SELECT " + s(kSessionColumns) +
                                      " FROM sessions WHERE account_id = :account "
                                      "ORDER BY last_seen_at DESC, id",
                                  {{"account", s(account_id)}})) {
    sessions.push_back(session_from(row));
  }
  return sessions;
}

void insert_api_token(store::Tx& tx, const ApiTokenRecord& token, std::string_view token_hash) {
  tx.exec(R"(INSERT INTO api_tokens (id, token_hash, account_id, name, created_at, expires_at)
             VALUES (:id, :hash, :account, :name, :created, :expires))",
          {{"id", token.id},
           {"hash", s(token_hash)},
           {"account", token.account_id},
           {"name", token.name},
           {"created", token.created_at},
           {"expires", token.expires_at}});
}

std::optional<ApiTokenRecord> find_api_token_by_hash(store::Tx& tx, std::string_view hash) {
  auto row =
      tx.query_one("SELECT " + s(kTokenColumns) + " FROM api_tokens WHERE token_hash = :hash",
                   {{"hash", s(hash)}});
  if (!row) return std::nullopt;
  return token_from(*row);
}

std::vector<ApiTokenRecord> api_tokens_of(store::Tx& tx, std::string_view account_id) {
  std::vector<ApiTokenRecord> tokens;
  for (const auto& row : tx.query("SELECT " + s(kTokenColumns) +
                                      " FROM api_tokens WHERE account_id = :account "
                                      "ORDER BY created_at DESC, id",
                                  {{"account", s(account_id)}})) {
    tokens.push_back(token_from(row));
  }
  return tokens;
}

bool revoke_api_token(store::Tx& tx, std::string_view account_id, std::string_view id,
                      std::string_view at) {
  return tx.exec(R"(UPDATE api_tokens SET revoked_at = :at
                    WHERE id = :id AND account_id = :account AND revoked_at IS NULL)",
                 {{"at", s(at)}, {"id", s(id)}, {"account", s(account_id)}}) > 0;
}

void touch_api_token(store::Tx& tx, std::string_view id, std::string_view at) {
  tx.exec("UPDATE api_tokens SET last_used_at = :at WHERE id = :id",
          {{"at", s(at)}, {"id", s(id)}});
}

std::optional<ThrottleRecord> find_throttle(store::Tx& tx, std::string_view key) {
  auto row = tx.query_one(
      "SELECT failures, last_failure_at, locked_until FROM sign_in_throttle "
      "WHERE throttle_key = :key",
      {{"key", s(key)}});
  if (!row) return std::nullopt;
  return ThrottleRecord{row->integer("failures"), row->text("last_failure_at"),
                        row->optional_text("locked_until")};
}

void save_throttle(store::Tx& tx, std::string_view key, const ThrottleRecord& record) {
  store::Value locked =
      record.locked_until ? store::Value(*record.locked_until) : store::Value(nullptr);
  tx.exec(R"(INSERT INTO sign_in_throttle (throttle_key, failures, last_failure_at, locked_until)
             VALUES (:key, :failures, :last, :locked)
             ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures,
               last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until)",
          {{"key", s(key)},
           {"failures", record.failures},
           {"last", record.last_failure_at},
           {"locked", locked}});
}

void delete_throttle(store::Tx& tx, std::string_view key) {
  tx.exec("DELETE FROM sign_in_throttle WHERE throttle_key = :key", {{"key", s(key)}});
}

std::optional<std::string> find_secret(store::Tx& tx, std::string_view name) {
  auto row = tx.query_one("SELECT value FROM auth_secrets WHERE name = :name", {{"name", s(name)}});
  if (!row) return std::nullopt;
  return row->text("value");
}

bool insert_secret(store::Tx& tx, std::string_view name, std::string_view value,
                   std::string_view at) {
  return tx.exec(R"(INSERT INTO auth_secrets (name, value, created_at) VALUES (:name, :value, :at)
                    ON CONFLICT (name) DO NOTHING)",
                 {{"name", s(name)}, {"value", s(value)}, {"at", s(at)}}) > 0;
}

}  // namespace lodestar::auth::auth_store
