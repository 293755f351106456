// AuthService: passwords (change, reset) and API tokens.
#include <set>

#include "platform/auth/secrets.h"
#include "platform/auth/service.h"

namespace lodestar::auth {
namespace {

// The new password's own problems, then whether the confirmation matches.
std::vector<FieldProblem> new_password_problems(std::string_view password, std::string_view confirm,
                                                std::string_view email) {
  auto problems = check_password(password, "new_password", email);
  if (problems.empty() && password != confirm) {
    problems.push_back({"confirm_password", "auth.error.password_mismatch", {}});
  }
  return problems;
}

}  // namespace

void AuthService::change_password(const Principal& principal, std::string_view current,
                                  std::string_view new_password, std::string_view confirm,
                                  const Origin& origin) {
  auto record = account(principal.account_id);
  if (!record) throw NotFound("error.404.title");
  std::vector<FieldProblem> problems;
  if (current.empty() || current.size() > kMaxPasswordLength ||
      !hasher_.verify(record->password_hash, current)) {
    problems.push_back({"current_password", "auth.error.current_password_wrong", {}});
  }
  for (auto& p : new_password_problems(new_password, confirm, record->email))
    problems.push_back(std::move(p));
  if (!problems.empty()) throw Invalid(std::move(problems));
  std::string hash = hasher_.hash(new_password);
  db_.write([&](store::Tx& tx) {
    auth_store::update_password(tx, record->id, hash, to_iso8601(clock_.now()));
    auth_store::delete_sessions_of(tx, record->id, principal.session_id);
  });
  audit("auth.password_changed", principal.account_id, "account:" + record->id, origin);
}

void AuthService::reset_password(const Principal& actor, std::string_view account_id,
                                 std::string_view new_password, std::string_view confirm,
                                 const Origin& origin) {
  auto record = account(account_id);
  if (!record) throw NotFound("error.404.title");
  auto problems = new_password_problems(new_password, confirm, record->email);
  if (!problems.empty()) throw Invalid(std::move(problems));
  std::string hash = hasher_.hash(new_password);
  db_.write([&](store::Tx& tx) {
    auth_store::update_password(tx, record->id, hash, to_iso8601(clock_.now()));
    auth_store::delete_sessions_of(tx, record->id);
  });
  audit("auth.password_reset", actor.account_id, "account:" + record->id, origin);
}

NewApiToken AuthService::create_api_token(const Principal& principal, std::string_view name,
                                          std::string_view expires_in_days, const Origin& origin) {
  static const std::set<std::string_view> kDays = {"7", "30", "90", "365"};
  std::vector<FieldProblem> problems;
  std::string trimmed(name);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(trimmed.begin());
  if (trimmed.empty()) problems.push_back({"name", "auth.error.token_name_required", {}});
  if (trimmed.size() > 100) problems.push_back({"name", "auth.error.token_name_too_long", {}});
  if (!kDays.contains(expires_in_days)) {
    problems.push_back({"expires_in_days", "auth.error.token_expiry_invalid", {}});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  auto now = clock_.now();
  int days = std::stoi(std::string(expires_in_days));
  NewApiToken created{random_hex(16), std::string(kApiTokenPrefix) + random_hex(32),
                      to_iso8601(now + std::chrono::hours(24 * days))};
  ApiTokenRecord record{.id = created.id,
                        .account_id = principal.account_id,
                        .name = trimmed,
                        .created_at = to_iso8601(now),
                        .expires_at = created.expires_at,
                        .last_used_at = std::nullopt,
                        .revoked_at = std::nullopt};
  db_.write(
      [&](store::Tx& tx) { auth_store::insert_api_token(tx, record, sha256_hex(created.token)); });
  audit("auth.api_token_created", principal.account_id, "api_token:" + created.id, origin);
  return created;
}

void AuthService::revoke_api_token(const Principal& principal, std::string_view id,
                                   const Origin& origin) {
  bool revoked = db_.write([&](store::Tx& tx) {
    return auth_store::revoke_api_token(tx, principal.account_id, id, to_iso8601(clock_.now()));
  });
  if (!revoked) throw NotFound("error.404.title");
  audit("auth.api_token_revoked", principal.account_id, "api_token:" + std::string(id), origin);
}

std::vector<ApiTokenRecord> AuthService::api_tokens(const Principal& principal) {
  return db_.read(
      [&](store::Tx& tx) { return auth_store::api_tokens_of(tx, principal.account_id); });
}

}  // namespace lodestar::auth
