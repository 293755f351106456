#include "platform/auth/service.h"

#include "platform/auth/secrets.h"

namespace lodestar::auth {
namespace {

std::string account_key(std::string_view email) {
  return "account:" + normalize_email(email);
}
std::string address_key(std::string_view ip) {
  return "address:" + std::string(ip);
}

bool older_than(const std::string& iso, TimePoint now, std::chrono::seconds age) {
  auto at = from_iso8601(iso);
  return !at || now - *at >= age;
}

}  // namespace

AuthService::AuthService(store::Database& db, const Clock& clock, const PasswordHasher& hasher,
                         AuthOptions options, AuditSink audit)
    : db_(db),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      audit_(std::move(audit)),
      throttle_(clock, options.throttle) {}

void AuthService::audit(std::string action, std::string actor, std::string subject,
                        const Origin& origin, std::string detail) const {
  if (!audit_) return;
  audit_(AuditEvent{std::move(action), std::move(actor), std::move(subject), origin.ip,
                    origin.request_id, std::move(detail)});
}

std::string AuthService::start_session(store::Tx& tx, std::string_view account_id,
                                       const Origin& origin) {
  auto now = clock_.now();
  std::string secret = random_hex(32);
  SessionRecord session{.id = random_hex(16),
                        .account_id = std::string(account_id),
                        .csrf_token = random_hex(32),
                        .created_at = to_iso8601(now),
                        .last_seen_at = to_iso8601(now),
                        .expires_at = to_iso8601(now + options_.absolute_timeout),
                        .ip = origin.ip,
                        .user_agent = origin.user_agent.substr(0, 300)};
  auth_store::insert_session(tx, session, sha256_hex(secret));
  return secret;
}

SignInOutcome AuthService::sign_in(std::string_view email, std::string_view password,
                                   const Origin& origin, std::string_view old_session_secret) {
  const std::string by_account = account_key(email);
  const std::string by_address = address_key(origin.ip);
  std::optional<std::chrono::seconds> wait;
  auto account = db_.read([&](store::Tx& tx) {
    auto a = throttle_.locked(tx, by_account);
    auto b = throttle_.locked(tx, by_address);
    if (a || b)
      wait = std::max(a.value_or(std::chrono::seconds(0)), b.value_or(std::chrono::seconds(0)));
    return auth_store::find_account_by_email(tx, normalize_email(email));
  });
  if (wait) {
    audit("auth.sign_in_failed", {}, "email:" + normalize_email(email), origin, "throttled");
    return {SignInOutcome::Result::kThrottled, {}, *wait};
  }
  // The same hashing work whether or not the account exists: no enumeration by timing.
  bool matches = false;
  if (account && password.size() <= kMaxPasswordLength) {
    matches = hasher_.verify(account->password_hash, password);
  } else {
    hasher_.verify_nothing(password.substr(0, kMaxPasswordLength));
  }
  if (!matches || !account->active) {
    db_.write([&](store::Tx& tx) {
      throttle_.record_failure(tx, by_account, options_.throttle.account_limit);
      throttle_.record_failure(tx, by_address, options_.throttle.address_limit);
    });
    audit("auth.sign_in_failed", {}, "email:" + normalize_email(email), origin,
          "wrong_credentials");
    return {};
  }
  std::string secret = db_.write([&](store::Tx& tx) {
    throttle_.clear(tx, by_account);
    if (!old_session_secret.empty()) {
      if (auto old = auth_store::find_session_by_secret_hash(tx, sha256_hex(old_session_secret)))
        auth_store::delete_session(tx, old->id);
    }
    return start_session(tx, account->id, origin);
  });
  audit("auth.sign_in", account->id, "account:" + account->id, origin);
  return {SignInOutcome::Result::kSignedIn, std::move(secret), {}};
}

std::optional<Principal> AuthService::resume_session(std::string_view secret) {
  if (secret.size() != 64) return std::nullopt;
  std::string hash = sha256_hex(secret);
  auto now = clock_.now();
  std::optional<SessionRecord> session;
  auto principal = db_.read([&](store::Tx& tx) -> std::optional<Principal> {
    session = auth_store::find_session_by_secret_hash(tx, hash);
    if (!session) return std::nullopt;
    return principal_for(tx, session->account_id);
  });
  if (!session) return std::nullopt;
  auto expires = from_iso8601(session->expires_at);
  bool expired = !expires || now >= *expires ||
                 older_than(session->last_seen_at, now, options_.idle_timeout) || !principal;
  if (expired) {
    db_.write([&](store::Tx& tx) { auth_store::delete_session(tx, session->id); });
    return std::nullopt;
  }
  if (older_than(session->last_seen_at, now, options_.touch_interval)) {
    db_.write([&](store::Tx& tx) { auth_store::touch_session(tx, session->id, to_iso8601(now)); });
  }
  principal->session_id = session->id;
  principal->csrf_token = session->csrf_token;
  return principal;
}

std::optional<Principal> AuthService::authenticate_api_token(std::string_view token) {
  if (!token.starts_with(kApiTokenPrefix) || token.size() > 200) return std::nullopt;
  std::string hash = sha256_hex(token);
  auto now = clock_.now();
  std::optional<ApiTokenRecord> record;
  auto principal = db_.read([&](store::Tx& tx) -> std::optional<Principal> {
    record = auth_store::find_api_token_by_hash(tx, hash);
    if (!record) return std::nullopt;
    return principal_for(tx, record->account_id);
  });
  if (!record || !principal || record->revoked_at) return std::nullopt;
  auto expires = from_iso8601(record->expires_at);
  if (!expires || now >= *expires) return std::nullopt;
  if (!record->last_used_at || older_than(*record->last_used_at, now, options_.touch_interval)) {
    db_.write([&](store::Tx& tx) { auth_store::touch_api_token(tx, record->id, to_iso8601(now)); });
  }
  principal->via_api_token = true;
  return principal;
}

void AuthService::sign_out(const Principal& principal, const Origin& origin) {
  if (principal.session_id.empty()) return;
  db_.write([&](store::Tx& tx) { auth_store::delete_session(tx, principal.session_id); });
  audit("auth.sign_out", principal.account_id, "account:" + principal.account_id, origin);
}

void AuthService::sign_out_everywhere(const Principal& principal, const Origin& origin) {
  auto ended = db_.write(
      [&](store::Tx& tx) { return auth_store::delete_sessions_of(tx, principal.account_id); });
  audit("auth.sign_out_everywhere", principal.account_id, "account:" + principal.account_id, origin,
        std::to_string(ended) + " sessions");
}

bool AuthService::setup_needed() {
  return db_.read([](store::Tx& tx) { return !auth_store::any_administrator(tx); });
}

std::string AuthService::set_up(const NewAccount& account, std::string_view confirm_password,
                                const Origin& origin) {
  if (!setup_needed()) throw NotFound("error.404.title");
  NewAccount admin = account;
  admin.administrator = true;
  // Validate before spending a hash on bad input (insert_new_account validates again).
  std::vector<FieldProblem> problems = check_email(admin.email);
  for (auto& p : check_display_name(admin.display_name)) problems.push_back(p);
  auto password_problems = check_password(admin.password, "password", admin.email);
  for (auto& p : password_problems) problems.push_back(p);
  if (password_problems.empty() && admin.password != confirm_password) {
    problems.push_back({"confirm_password", "auth.error.password_mismatch", {}});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  std::string hash = hasher_.hash(admin.password);
  std::string account_id;
  std::string secret = db_.write([&](store::Tx& tx) {
    // The marker's primary key lets exactly one setup through, even on PostgreSQL's
    // READ COMMITTED where two requests could both see no administrator.
    if (auth_store::any_administrator(tx) ||
        !auth_store::insert_secret(tx, "setup_completed", "1", to_iso8601(clock_.now()))) {
      throw NotFound("error.404.title");
    }
    account_id = insert_new_account(tx, admin, hash, clock_);
    return start_session(tx, account_id, origin);
  });
  audit("auth.setup_completed", account_id, "account:" + account_id, origin);
  audit("auth.sign_in", account_id, "account:" + account_id, origin);
  return secret;
}

std::vector<SessionRecord> AuthService::sessions(const Principal& principal) {
  return db_.read([&](store::Tx& tx) { return auth_store::sessions_of(tx, principal.account_id); });
}

std::optional<Account> AuthService::account(std::string_view id) {
  return db_.read([&](store::Tx& tx) { return auth_store::find_account(tx, id); });
}

std::string AuthService::csrf_key() {
  std::lock_guard lock(csrf_key_mutex_);
  if (!csrf_key_.empty()) return csrf_key_;
  auto key = db_.read([](store::Tx& tx) { return auth_store::find_secret(tx, "csrf_key"); });
  if (!key) {
    key = db_.write([&](store::Tx& tx) {
      auth_store::insert_secret(tx, "csrf_key", random_hex(32), to_iso8601(clock_.now()));
      return auth_store::find_secret(tx, "csrf_key");
    });
  }
  csrf_key_ = key.value();
  return csrf_key_;
}

}  // namespace lodestar::auth
