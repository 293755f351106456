// Local accounts: the rules for an email, a display name and a password, creating an account,
// and turning an account into the Principal the policy reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/clock.h"
#include "platform/auth/passwords.h"
#include "platform/auth/principal.h"
#include "platform/auth/store.h"
#include "platform/errors.h"
#include "platform/store/database.h"

namespace lodestar::auth {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// Lower case, surrounding spaces removed: the form under which an email is unique.
std::string normalize_email(std::string_view email);

// Each returns the problems with one field (empty when it is fine). `field` names the form field.
std::vector<FieldProblem> check_email(std::string_view email, std::string_view field = "email");
std::vector<FieldProblem> check_display_name(std::string_view name,
                                             std::string_view field = "display_name");
// Length at least kMinPasswordLength (in characters), not one character repeated, not the email.
std::vector<FieldProblem> check_password(std::string_view password,
                                         std::string_view field = "password",
                                         std::string_view email = {});

struct NewAccount {
  std::string email;
  std::string display_name;
  std::string password;
  std::string person_id;  // optional: the roster person (people.sourced_id) this account is
  bool administrator = false;
};

// Validates and inserts an account inside `tx`, hashing the password (call it with a hash made
// beforehand to keep hashing out of the transaction: see hash_then_create_account). Throws
// Invalid with FieldProblems (including "auth.error.email_taken"). Returns the new id.
std::string insert_new_account(store::Tx& tx, const NewAccount& account,
                               const std::string& password_hash, const Clock& clock);

// Validates, hashes (outside any transaction), then inserts in one unit of work.
std::string hash_then_create_account(store::Database& db, const PasswordHasher& hasher,
                                     const Clock& clock, const NewAccount& account);

// For `lodestar admin create`: an active administrator account, hashed at the INTERACTIVE
// limits. Throws Invalid with FieldProblems (email, password, display_name). Returns its id.
std::string create_administrator(store::Database& db, std::string_view email,
                                 std::string_view password, std::string_view display_name);

// The Principal for an active account, with the grants of its roster person; nothing when the
// account does not exist or is disabled. session fields are left for the caller.
std::optional<Principal> principal_for(store::Tx& tx, std::string_view account_id);

}  // namespace lodestar::auth
