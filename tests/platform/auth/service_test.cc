// Accounts, sessions, the throttle and API tokens on SQLite, with a clock the test moves.
#include "platform/auth/service.h"

#include <gtest/gtest.h>

#include "platform/auth/accounts.h"
#include "platform/auth/csrf.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/secrets.h"
#include "platform/store/migrations.h"
#include "support/test_database.h"

namespace lodestar::auth {
namespace {

using namespace std::chrono_literals;

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : db_(store::Database::open(testing::test_database_url(), 2)),
        clock_(*from_iso8601("2024-08-14T16:00:00Z")),
        hasher_(PasswordLimits::minimum()),
        service_(*db_, clock_, hasher_, options(),
                 [this](const AuditEvent& e) { events_.push_back(e); }) {
    store::migrate(*db_, store::builtin_migrations(db_->dialect()));
    account_id_ = hash_then_create_account(*db_, hasher_, clock_,
                                           {.email = "Ana@Example.org",
                                            .display_name = "Ana",
                                            .password = std::string(kPassword),
                                            .person_id = {},
                                            .administrator = false});
  }

  static AuthOptions options() {
    AuthOptions o;
    o.throttle.account_limit = 3;
    o.throttle.address_limit = 5;
    return o;
  }

  SignInOutcome sign_in(std::string_view email, std::string_view password,
                        std::string_view ip = "192.0.2.1", std::string_view old = {}) {
    return service_.sign_in(email, password, {std::string(ip), "test", "req"}, old);
  }

  static constexpr std::string_view kPassword = "correct horse battery";
  std::unique_ptr<store::Database> db_;
  ManualClock clock_;
  PasswordHasher hasher_;
  std::vector<AuditEvent> events_;
  AuthService service_;
  std::string account_id_;
};

TEST_F(AuthServiceTest, StoresArgon2idHashes) {
  auto account = service_.account(account_id_);
  ASSERT_TRUE(account);
  EXPECT_TRUE(account->password_hash.starts_with("$argon2id$")) << account->password_hash;
  PasswordHasher interactive;
  EXPECT_TRUE(interactive.hash("another long password").starts_with("$argon2id$"));
}

TEST_F(AuthServiceTest, SignsInWithAnyCaseOfTheEmailAndAudits) {
  auto outcome = sign_in(" ana@example.ORG ", kPassword);
  ASSERT_EQ(outcome.result, SignInOutcome::Result::kSignedIn);
  auto principal = service_.resume_session(outcome.session_secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->account_id, account_id_);
  EXPECT_FALSE(principal->csrf_token.empty());
  EXPECT_NE(principal->session_id, outcome.session_secret);
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(events_.back().action, "auth.sign_in");
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownEmailFailAlike) {
  EXPECT_EQ(sign_in("ana@example.org", "wrong password!").result, SignInOutcome::Result::kFailed);
  EXPECT_EQ(sign_in("nobody@example.org", "wrong password!").result,
            SignInOutcome::Result::kFailed);
  EXPECT_EQ(events_.back().action, "auth.sign_in_failed");
}

TEST_F(AuthServiceTest, ThrottlesAnAccountAfterRepeatedFailuresUntilTheClockMoves) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(sign_in("ana@example.org", "nope nope nope", "192.0.2." + std::to_string(i)).result,
              SignInOutcome::Result::kFailed);
  auto throttled = sign_in("ana@example.org", kPassword, "192.0.2.99");
  EXPECT_EQ(throttled.result, SignInOutcome::Result::kThrottled);
  EXPECT_EQ(throttled.retry_after, 30s);
  // Unknown emails are throttled just the same.
  for (int i = 0; i < 3; ++i) sign_in("ghost@example.org", "nope nope nope", "192.0.2.50");
  EXPECT_EQ(sign_in("ghost@example.org", "x", "192.0.2.51").result,
            SignInOutcome::Result::kThrottled);
  clock_.advance(31s);
  EXPECT_EQ(sign_in("ana@example.org", kPassword, "192.0.2.99").result,
            SignInOutcome::Result::kSignedIn);
}

TEST_F(AuthServiceTest, DelaysGrowWithEachFurtherFailure) {
  for (int i = 0; i < 3; ++i)
    sign_in("ana@example.org", "nope nope nope", "192.0.2." + std::to_string(i));
  clock_.advance(31s);
  sign_in("ana@example.org", "nope nope nope", "192.0.2.10");
  auto again = sign_in("ana@example.org", kPassword, "192.0.2.11");
  EXPECT_EQ(again.result, SignInOutcome::Result::kThrottled);
  EXPECT_EQ(again.retry_after, 60s);
}

TEST_F(AuthServiceTest, ThrottlesAnAddressAcrossAccounts) {
  for (int i = 0; i < 5; ++i)
    sign_in("user" + std::to_string(i) + "@example.org", "nope nope nope");
  EXPECT_EQ(sign_in("ana@example.org", kPassword).result, SignInOutcome::Result::kThrottled);
  EXPECT_EQ(sign_in("ana@example.org", kPassword, "198.51.100.7").result,
            SignInOutcome::Result::kSignedIn);
  clock_.advance(31s);
  EXPECT_EQ(sign_in("ana@example.org", kPassword).result, SignInOutcome::Result::kSignedIn);
}

TEST_F(AuthServiceTest, SessionsExpireWhenIdle) {
  auto secret = sign_in("ana@example.org", kPassword).session_secret;
  clock_.advance(29min);
  ASSERT_TRUE(service_.resume_session(secret));  // activity resets the idle timer
  clock_.advance(29min);
  ASSERT_TRUE(service_.resume_session(secret));
  clock_.advance(31min);
  EXPECT_FALSE(service_.resume_session(secret));
}

TEST_F(AuthServiceTest, SessionsExpireAbsolutelyEvenWhenActive) {
  auto secret = sign_in("ana@example.org", kPassword).session_secret;
  for (int i = 0; i < 23; ++i) {
    clock_.advance(30min - 1s);
    ASSERT_TRUE(service_.resume_session(secret)) << i;
  }
  clock_.advance(30min);
  EXPECT_FALSE(service_.resume_session(secret));
}

TEST_F(AuthServiceTest, SignInRotatesTheSession) {
  auto first = sign_in("ana@example.org", kPassword).session_secret;
  auto second = sign_in("ana@example.org", kPassword, "192.0.2.1", first).session_secret;
  EXPECT_NE(first, second);
  EXPECT_FALSE(service_.resume_session(first));
  EXPECT_TRUE(service_.resume_session(second));
}

TEST_F(AuthServiceTest, SignOutEverywhereEndsEverySession) {
  auto a = sign_in("ana@example.org", kPassword).session_secret;
  auto b = sign_in("ana@example.org", kPassword, "198.51.100.7").session_secret;
  auto principal = service_.resume_session(a);
  ASSERT_TRUE(principal);
  EXPECT_EQ(service_.sessions(*principal).size(), 2u);
  service_.sign_out_everywhere(*principal, {});
  EXPECT_FALSE(service_.resume_session(a));
  EXPECT_FALSE(service_.resume_session(b));
}

TEST_F(AuthServiceTest, PasswordChangeChecksTheCurrentOneAndEndsOtherSessions) {
  auto a = sign_in("ana@example.org", kPassword).session_secret;
  auto b = sign_in("ana@example.org", kPassword).session_secret;
  auto principal = *service_.resume_session(a);
  EXPECT_THROW(
      service_.change_password(principal, "wrong", "brand new password", "brand new password", {}),
      Invalid);
  EXPECT_THROW(service_.change_password(principal, kPassword, "short", "short", {}), Invalid);
  EXPECT_THROW(service_.change_password(principal, kPassword, "brand new password", "other", {}),
               Invalid);
  service_.change_password(principal, kPassword, "brand new password", "brand new password", {});
  EXPECT_TRUE(service_.resume_session(a));
  EXPECT_FALSE(service_.resume_session(b));
  EXPECT_EQ(sign_in("ana@example.org", kPassword, "198.51.100.1").result,
            SignInOutcome::Result::kFailed);
  EXPECT_EQ(sign_in("ana@example.org", "brand new password", "198.51.100.2").result,
            SignInOutcome::Result::kSignedIn);
}

TEST_F(AuthServiceTest, ApiTokensWorkUntilRevokedOrExpiredAndAreStoredHashed) {
  auto principal = *service_.resume_session(sign_in("ana@example.org", kPassword).session_secret);
  auto token = service_.create_api_token(principal, "reports", "7", {});
  EXPECT_TRUE(token.token.starts_with("lst_"));
  auto by_token = service_.authenticate_api_token(token.token);
  ASSERT_TRUE(by_token);
  EXPECT_TRUE(by_token->via_api_token);
  EXPECT_TRUE(by_token->csrf_token.empty());
  auto stored = db_->read([&](store::Tx& tx) {
    return tx.query_one("SELECT token_hash, last_used_at FROM api_tokens WHERE id = :id",
                        {{"id", token.id}});
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->text("token_hash"), sha256_hex(token.token));
  EXPECT_FALSE(stored->is_null("last_used_at"));

  clock_.advance(std::chrono::hours(24 * 7));
  EXPECT_FALSE(service_.authenticate_api_token(token.token));

  auto other = service_.create_api_token(principal, "sync", "30", {});
  service_.revoke_api_token(principal, other.id, {});
  EXPECT_FALSE(service_.authenticate_api_token(other.token));
  EXPECT_THROW(service_.revoke_api_token(principal, other.id, {}), NotFound);
  EXPECT_THROW(service_.create_api_token(principal, "", "12", {}), Invalid);
}

TEST_F(AuthServiceTest, SetupOnlyWhileNoAdministratorExists) {
  EXPECT_TRUE(service_.setup_needed());
  NewAccount admin{.email = "root@example.org",
                   .display_name = "Root",
                   .password = "an admin password",
                   .person_id = {},
                   .administrator = false};
  EXPECT_THROW(service_.set_up(admin, "mismatch", {}), Invalid);
  auto secret = service_.set_up(admin, admin.password, {});
  auto principal = service_.resume_session(secret);
  ASSERT_TRUE(principal);
  EXPECT_TRUE(principal->administrator);
  EXPECT_FALSE(service_.setup_needed());
  admin.email = "second@example.org";
  EXPECT_THROW(service_.set_up(admin, admin.password, {}), NotFound);
}

TEST_F(AuthServiceTest, GrantsComeFromTheAccountsPerson) {
  db_->write([](store::Tx& tx) {
    tx.exec("INSERT INTO orgs (sourced_id, name, type) VALUES ('d1', 'District', 'district')");
    tx.exec(R"(INSERT INTO people (sourced_id, oneroster_role, username, given_name, family_name)
               VALUES ('p1', 'teacher', 'luis', 'Luis', 'Ortiz'))");
    tx.exec(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id) VALUES ('p1', 'coach', "
        "'d1')");
  });
  hash_then_create_account(*db_, hasher_, clock_,
                           {.email = "luis@example.org",
                            .display_name = "Luis",
                            .password = "luis password 1",
                            .person_id = "p1",
                            .administrator = false});
  auto principal =
      service_.resume_session(sign_in("luis@example.org", "luis password 1").session_secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->person_id, "p1");
  ASSERT_EQ(principal->grants.size(), 1u);
  EXPECT_EQ(principal->grants[0].role, Role::kCoach);
  EXPECT_EQ(principal->grants[0].org_id, "d1");
}

TEST_F(AuthServiceTest, CreateAdministratorValidates) {
  try {
    create_administrator(*db_, "not-an-email", "aaaaaaaaaaaaaaa", "");
    FAIL() << "expected Invalid";
  } catch (const Invalid& e) {
    std::set<std::string> keys;
    for (const auto& p : e.problems()) keys.insert(p.field + ":" + p.message_key);
    EXPECT_EQ(keys, (std::set<std::string>{"email:auth.error.email_invalid",
                                           "display_name:auth.error.display_name_required",
                                           "password:auth.error.password_too_simple"}));
  }
  EXPECT_THROW(create_administrator(*db_, "ana@example.org", "long enough pass", "Ana"), Invalid);
  auto id = create_administrator(*db_, "boss@example.org", "long enough pass", "Boss");
  EXPECT_TRUE(service_.account(id)->administrator);
}

TEST(AuthCsrf, SignedTokensMatchOnlyTheirNonce) {
  std::string key = random_hex(32);
  std::string nonce = random_hex(16);
  std::string token = signed_csrf_token(key, nonce);
  EXPECT_TRUE(check_signed_csrf_token(key, nonce, token));
  EXPECT_FALSE(check_signed_csrf_token(key, random_hex(16), token));
  EXPECT_FALSE(check_signed_csrf_token(random_hex(32), nonce, token));
  EXPECT_FALSE(check_signed_csrf_token(key, nonce, ""));
  EXPECT_FALSE(check_signed_csrf_token(key, "", signed_csrf_token(key, "")));
}

TEST(AuthForms, ParsesUrlencodedBodiesAndKeepsNextLocal) {
  auto form = parse_form("email=a%40b.org&password=x+y&bad=%zz&email=second");
  EXPECT_EQ(field(form, "email"), "a@b.org");
  EXPECT_EQ(field(form, "password"), "x y");
  EXPECT_EQ(field(form, "missing"), "");
  EXPECT_EQ(safe_next("/plans?x=1"), "/plans?x=1");
  EXPECT_EQ(safe_next("//evil.example"), "/account");
  EXPECT_EQ(safe_next("/\\evil.example"), "/account");
  EXPECT_EQ(safe_next("https://evil.example"), "/account");
  EXPECT_EQ(safe_next(""), "/account");
}

TEST(AuthClock, FormatsAndParsesIsoTimes) {
  auto at = from_iso8601("2024-02-29T23:59:59Z");
  ASSERT_TRUE(at);
  EXPECT_EQ(to_iso8601(*at), "2024-02-29T23:59:59Z");
  EXPECT_FALSE(from_iso8601("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(from_iso8601("2024-02-29 00:00:00"));
}

}  // namespace
}  // namespace lodestar::auth
