#include "platform/auth/accounts.h"

#include <algorithm>
#include <cctype>

#include "platform/auth/secrets.h"
#include "platform/text.h"

namespace lodestar::auth {
namespace {

using text::trim;

// Characters, not bytes: UTF-8 continuation bytes are not counted.
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

FieldProblem problem(std::string_view field, std::string key, std::string detail = {}) {
  return {std::string(field), std::move(key), std::move(detail)};
}

}  // namespace

std::string normalize_email(std::string_view email) {
  std::string out(trim(email));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<FieldProblem> check_email(std::string_view email, std::string_view field) {
  email = trim(email);
  if (email.empty()) return {problem(field, "auth.error.email_required")};
  auto at = email.find('@');
  bool shaped = email.size() <= 254 && at != std::string_view::npos && at > 0 &&
                email.find('@', at + 1) == std::string_view::npos;
  if (shaped) {
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    shaped = dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
             std::none_of(email.begin(), email.end(), [](char c) {
               return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' ||
                      c == ',' || c == ';' || c == '"';
             });
  }
  if (!shaped) return {problem(field, "auth.error.email_invalid")};
  return {};
}

std::vector<FieldProblem> check_display_name(std::string_view name, std::string_view field) {
  name = trim(name);
  if (name.empty()) return {problem(field, "auth.error.display_name_required")};
  if (character_count(name) > 200) return {problem(field, "auth.error.display_name_too_long")};
  return {};
}

std::vector<FieldProblem> check_password(std::string_view password, std::string_view field,
                                         std::string_view email) {
  if (password.empty()) return {problem(field, "auth.error.password_required")};
  if (character_count(password) < kMinPasswordLength) {
    return {problem(field, "auth.error.password_too_short", std::to_string(kMinPasswordLength))};
  }
  if (password.size() > kMaxPasswordLength) {
    return {problem(field, "auth.error.password_too_long")};
  }
  bool one_character =
      std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); });
  if (one_character || (!email.empty() && normalize_email(password) == normalize_email(email))) {
    return {problem(field, "auth.error.password_too_simple")};
  }
  return {};
}

namespace {

void validate(const NewAccount& account) {
  std::vector<FieldProblem> problems;
  for (auto& p : check_email(account.email)) problems.push_back(std::move(p));
  for (auto& p : check_display_name(account.display_name)) problems.push_back(std::move(p));
  for (auto& p : check_password(account.password, "password", account.email))
    problems.push_back(std::move(p));
  if (!problems.empty()) throw Invalid(std::move(problems));
}

}  // namespace

std::string insert_new_account(store::Tx& tx, const NewAccount& account,
                               const std::string& password_hash, const Clock& clock) {
  validate(account);
  std::string normalized = normalize_email(account.email);
  if (auth_store::find_account_by_email(tx, normalized)) {
    throw Invalid({problem("email", "auth.error.email_taken")});
  }
  std::string now = to_iso8601(clock.now());
  Account record{.id = random_hex(16),
                 .email = std::string(trim(account.email)),
                 .display_name = std::string(trim(account.display_name)),
                 .password_hash = password_hash,
                 .person_id = account.person_id,
                 .administrator = account.administrator,
                 .active = true,
                 .created_at = now,
                 .password_changed_at = now};
  auth_store::insert_account(tx, record, normalized);
  return record.id;
}

std::string hash_then_create_account(store::Database& db, const PasswordHasher& hasher,
                                     const Clock& clock, const NewAccount& account) {
  validate(account);  // before spending a hash on bad input
  std::string hash = hasher.hash(account.password);
  return db.write([&](store::Tx& tx) { return insert_new_account(tx, account, hash, clock); });
}

std::string create_administrator(store::Database& db, std::string_view email,
                                 std::string_view password, std::string_view display_name) {
  PasswordHasher hasher(PasswordLimits::interactive(), 1);
  NewAccount account{.email = std::string(email),
                     .display_name = std::string(display_name),
                     .password = std::string(password),
                     .person_id = {},
                     .administrator = true};
  return hash_then_create_account(db, hasher, SystemClock::instance(), account);
}

std::optional<Principal> principal_for(store::Tx& tx, std::string_view account_id) {
  auto account = auth_store::find_account(tx, account_id);
  if (!account || !account->active) return std::nullopt;
  Principal principal;
  principal.account_id = account->id;
  principal.person_id = account->person_id;
  principal.display_name = account->display_name;
  principal.email = account->email;
  principal.administrator = account->administrator;
  if (!account->person_id.empty()) {
    principal.grants = auth_store::grants_of_person(tx, account->person_id);
  }
  return principal;
}

}  // namespace lodestar::auth
