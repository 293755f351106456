// Sign-in, sessions, CSRF and API tokens over HTTP against the real server, on both databases.
// Builds its own Router and Dispatcher (with a fake clock) around auth's routes and authenticator.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/auth/accounts.h"
#include "platform/auth/authenticator.h"
#include "platform/auth/policy.h"
#include "platform/auth/routes.h"
#include "platform/auth/service.h"
#include "platform/http/dispatcher.h"
#include "platform/http/metrics.h"
#include "platform/store/migrations.h"
#include "platform/web/view.h"
#include "support/http_client.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace lodestar {
namespace {

using namespace std::chrono_literals;
using testing::fetch;
using testing::HttpResponse;

constexpr const char* kPassword = "correct horse battery";

// Public routes for anyone, signed-in routes for anyone signed in, the rest for administrators.
bool test_policy(const http::Request& request, const http::Access& access) {
  if (access.permission == "public") return true;
  if (!request.principal) return false;
  return access.permission == "signed_in" || request.principal->administrator;
}

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += http::url_encode(name) + "=" + http::url_encode(value);
  }
  return body;
}

std::string hidden_csrf(const std::string& html) {
  auto at = html.find("name=\"csrf_token\" value=\"");
  if (at == std::string::npos) return {};
  at += 25;
  return html.substr(at, html.find('"', at) - at);
}

// "name=value" from a Set-Cookie header.
std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

class AuthHttpTest : public ::testing::Test {
 protected:
  AuthHttpTest()
      : db_(store::Database::open(testing::test_database_url(), 4)),
        clock_(*auth::from_iso8601("2024-08-14T16:00:00Z")),
        hasher_(auth::PasswordLimits::minimum()),
        service_(*db_, clock_, hasher_, options()),
        policy_(*db_),
        context_{*db_, metrics_, policy_, std::chrono::system_clock::now(), {}} {
    store::migrate(*db_, store::builtin_migrations(db_->dialect()));
    auth::add_routes(router_, context_, service_);
    http::DispatcherOptions dispatcher_options;
    dispatcher_options.authenticate = auth::make_authenticator(service_);
    dispatcher_ = std::make_unique<http::Dispatcher>(router_, metrics_, test_policy,
                                                     web::render_error_page, dispatcher_options);
    server_ = std::make_unique<testing::TestServer>(*dispatcher_);
    account_id_ = auth::hash_then_create_account(*db_, hasher_, clock_,
                                                 {.email = "ana@example.org",
                                                  .display_name = "Ana",
                                                  .password = kPassword,
                                                  .person_id = {},
                                                  .administrator = false});
  }

  static auth::AuthOptions options() {
    auth::AuthOptions o;
    o.throttle.account_limit = 3;
    o.throttle.address_limit = 50;
    o.trust_proxy = true;
    return o;
  }

  std::uint16_t port() { return server_->port(); }

  // GET /sign-in: the double-submit cookie ("lodestar_csrf=…") and the form's token.
  // Signed in already (`session` given), the form carries the session's token instead.
  std::pair<std::string, std::string> anonymous_csrf(const std::string& session = {}) {
    if (!session.empty()) return {session, hidden_csrf(get("/sign-in", session).body)};
    auto page = fetch(port(), "GET", "/sign-in");
    return {cookie_pair(page.header("set-cookie")), hidden_csrf(page.body)};
  }

  HttpResponse post_sign_in(const std::string& email, const std::string& password,
                            const std::string& extra_cookie = {}) {
    auto [cookie, token] = anonymous_csrf(extra_cookie);
    return fetch(port(), "POST", "/sign-in",
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                 form_encode({{"email", email},
                              {"password", password},
                              {"csrf_token", token},
                              {"next", "/account"}}));
  }

  // Signs in; returns the session cookie pair.
  std::string session(const std::string& extra_cookie = {}) {
    auto response = post_sign_in("ana@example.org", kPassword, extra_cookie);
    EXPECT_EQ(response.status, 303);
    return cookie_pair(response.header("set-cookie"));
  }

  HttpResponse get(const std::string& path, const std::string& cookie) {
    return fetch(port(), "GET", path, {{"Cookie", cookie}});
  }

  // Posts a form as the session, with the session's CSRF token read from /account.
  HttpResponse post_as(const std::string& cookie, const std::string& path,
                       std::map<std::string, std::string> fields = {}, bool with_token = true) {
    if (with_token) fields["csrf_token"] = hidden_csrf(get("/account", cookie).body);
    return fetch(port(), "POST", path,
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                 form_encode(fields));
  }

  std::unique_ptr<store::Database> db_;
  auth::ManualClock clock_;
  auth::PasswordHasher hasher_;
  auth::AuthService service_;
  http::Metrics metrics_;
  auth::Policy policy_;
  AppContext context_;
  http::Router router_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
  std::unique_ptr<testing::TestServer> server_;
  std::string account_id_;
};

TEST_F(AuthHttpTest, SignInSetsAHardenedSessionCookie) {
  auto response = post_sign_in("ana@example.org", kPassword);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("location"), "/account");
  std::string cookie = response.header("set-cookie");
  EXPECT_TRUE(cookie.starts_with("lodestar_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_EQ(get("/account", cookie_pair(cookie)).status, 200);
}

TEST_F(AuthHttpTest, CookiesAreSecureBehindATrustedHttpsProxy) {
  auto [cookie, token] = anonymous_csrf();
  auto response = fetch(
      port(), "POST", "/sign-in",
      {{"Content-Type", "application/x-www-form-urlencoded"},
       {"Cookie", cookie},
       {"X-Forwarded-Proto", "https"}},
      form_encode({{"email", "ana@example.org"}, {"password", kPassword}, {"csrf_token", token}}));
  EXPECT_NE(response.header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_F(AuthHttpTest, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  auto [cookie, token] = anonymous_csrf();
  auto attempt = [&, cookie = cookie, token = token](const std::string& email) {
    return fetch(port(), "POST", "/sign-in",
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                 form_encode({{"email", email},
                              {"password", "wrong password!"},
                              {"csrf_token", token},
                              {"next", "/account"}}));
  };
  auto wrong = attempt("ana@example.org");
  auto nobody = attempt("zed@example.org");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(nobody.status, 422);
  auto strip_email = [](std::string body, const std::string& email) {
    auto at = body.find("value=\"" + email + "\"");
    if (at != std::string::npos) body.erase(at, email.size() + 8);
    return body;
  };
  EXPECT_EQ(strip_email(wrong.body, "ana@example.org"),
            strip_email(nobody.body, "zed@example.org"));
  EXPECT_EQ(wrong.body.find("value=\"wrong password!\""), std::string::npos);
}

TEST_F(AuthHttpTest, ThrottleKicksInAndLiftsWithTheClock) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(post_sign_in("ana@example.org", "nope nope nope").status, 422);
  auto throttled = post_sign_in("ana@example.org", kPassword);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.header("retry-after"), "30");
  clock_.advance(31s);
  EXPECT_EQ(post_sign_in("ana@example.org", kPassword).status, 303);
}

TEST_F(AuthHttpTest, SignInRotatesAndTheOldCookieStopsWorking) {
  auto first = session();
  auto second = session(first);
  EXPECT_NE(first, second);
  EXPECT_EQ(get("/account", first).status, 303);  // sent to sign in
  EXPECT_EQ(get("/account", second).status, 200);
}

TEST_F(AuthHttpTest, IdleAndAbsoluteExpiry) {
  auto cookie = session();
  clock_.advance(31min);
  auto response = get("/account", cookie);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("location"), "/sign-in?next=/account");
  cookie = session();
  for (int i = 0; i < 24; ++i) {
    clock_.advance(29min);
    ASSERT_EQ(get("/account", cookie).status, i < 24 && 29 * (i + 1) < 720 ? 200 : 303) << i;
  }
}

TEST_F(AuthHttpTest, SignOutEverywhereEndsEverySession) {
  auto a = session();
  auto b = session();
  EXPECT_EQ(post_as(a, "/sign-out-everywhere").status, 303);
  EXPECT_EQ(get("/account", a).status, 303);
  EXPECT_EQ(get("/account", b).status, 303);
}

TEST_F(AuthHttpTest, CsrfMissingOrWrongIsForbidden) {
  auto cookie = session();
  EXPECT_EQ(post_as(cookie, "/sign-out", {}, false).status, 403);
  EXPECT_EQ(post_as(cookie, "/sign-out", {{"csrf_token", "0123"}}, false).status, 403);
  EXPECT_EQ(get("/account", cookie).status, 200);  // still signed in
  EXPECT_EQ(post_as(cookie, "/sign-out").status, 303);
  EXPECT_EQ(get("/account", cookie).status, 303);
  // The sign-in form: a token that does not match the cookie's nonce is refused.
  auto [csrf_cookie, token] = anonymous_csrf();
  auto [other_cookie, other_token] = anonymous_csrf();
  auto forged = fetch(
      port(), "POST", "/sign-in",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", csrf_cookie}},
      form_encode(
          {{"email", "ana@example.org"}, {"password", kPassword}, {"csrf_token", other_token}}));
  EXPECT_EQ(forged.status, 403);
}

TEST_F(AuthHttpTest, ApiTokensAuthenticateUntilRevokedOrExpired) {
  auto cookie = session();
  auto created =
      post_as(cookie, "/account/tokens", {{"name", "reports"}, {"expires_in_days", "7"}});
  ASSERT_EQ(created.status, 201);
  auto at = created.body.find("<code>lst_");
  ASSERT_NE(at, std::string::npos);
  std::string token = created.body.substr(at + 6, created.body.find('<', at + 6) - at - 6);
  auto me = fetch(port(), "GET", "/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["email"], "ana@example.org");
  // Exempt from CSRF: a Bearer POST carries no token and is not refused for it.
  EXPECT_NE(fetch(port(), "POST", "/sign-out", {{"Authorization", "Bearer " + token}}).status, 403);
  // Only the hash is stored.
  bool leaked = db_->read([&](store::Tx& tx) {
    for (const auto& row : tx.query("SELECT * FROM api_tokens")) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (auto* text = std::get_if<std::string>(&row.at(i)); text && *text == token) return true;
      }
    }
    return false;
  });
  EXPECT_FALSE(leaked);
  EXPECT_EQ(fetch(port(), "GET", "/api/v1/me", {{"Authorization", "Bearer lst_nope"}}).status, 401);
  auto id = db_->read(
      [](store::Tx& tx) { return tx.query_one("SELECT id FROM api_tokens")->text("id"); });
  EXPECT_EQ(post_as(cookie, "/account/tokens/" + id + "/revoke").status, 303);
  EXPECT_EQ(fetch(port(), "GET", "/api/v1/me", {{"Authorization", "Bearer " + token}}).status, 401);

  auto second = post_as(cookie, "/account/tokens", {{"name", "sync"}, {"expires_in_days", "7"}});
  at = second.body.find("<code>lst_");
  std::string token2 = second.body.substr(at + 6, second.body.find('<', at + 6) - at - 6);
  EXPECT_EQ(fetch(port(), "GET", "/api/v1/me", {{"Authorization", "Bearer " + token2}}).status,
            200);
  clock_.advance(std::chrono::hours(24 * 7));
  EXPECT_EQ(fetch(port(), "GET", "/api/v1/me", {{"Authorization", "Bearer " + token2}}).status,
            401);
}

TEST_F(AuthHttpTest, SetupPageOnlyUntilAnAdministratorExists) {
  auto page = fetch(port(), "GET", "/setup");
  ASSERT_EQ(page.status, 200);
  std::string cookie = cookie_pair(page.header("set-cookie"));
  auto bad = fetch(port(), "POST", "/setup",
                   {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                   form_encode({{"email", "root@example.org"},
                                {"display_name", "Root"},
                                {"password", "short"},
                                {"confirm_password", "short"},
                                {"csrf_token", hidden_csrf(page.body)}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("value=\"root@example.org\""), std::string::npos);
  EXPECT_NE(bad.body.find("aria-describedby=\"password-hint password-error\""), std::string::npos);
  auto done = fetch(port(), "POST", "/setup",
                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                    form_encode({{"email", "root@example.org"},
                                 {"display_name", "Root"},
                                 {"password", "an admin password"},
                                 {"confirm_password", "an admin password"},
                                 {"csrf_token", hidden_csrf(page.body)}}));
  EXPECT_EQ(done.status, 303);
  auto admin = cookie_pair(done.header("set-cookie"));
  EXPECT_EQ(get("/account", admin).status, 200);
  EXPECT_EQ(fetch(port(), "GET", "/setup").status, 404);
  // The administrator resets Ana's password; her sessions end.
  auto ana = session();
  auto reset =
      post_as(admin, "/admin/accounts/" + account_id_ + "/reset-password",
              {{"new_password", "a fresh password"}, {"confirm_password", "a fresh password"}});
  EXPECT_EQ(reset.status, 200);
  EXPECT_EQ(get("/account", ana).status, 303);
  auto fresh = post_sign_in("ana@example.org", "a fresh password");
  ASSERT_EQ(fresh.status, 303);
  ana = cookie_pair(fresh.header("set-cookie"));
  EXPECT_EQ(
      post_as(ana, "/admin/accounts/" + account_id_ + "/reset-password",
              {{"new_password", "a fresh password"}, {"confirm_password", "a fresh password"}})
          .status,
      403);
}

}  // namespace
}  // namespace lodestar
