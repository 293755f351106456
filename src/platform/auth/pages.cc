// Sign-in, sign-out and first-administrator setup (forms shown to nobody).
#include "platform/auth/authenticator.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/routes.h"

namespace lodestar::auth {

void add_account_routes(http::Router& router, AuthService& service);  // account_pages.cc

namespace {

using nlohmann::json;

http::Response show_sign_in(http::Request& request, AuthService& service) {
  json view = {{"next", safe_next(request.query_value("next").value_or("/account"))},
               {"email", ""}};
  add_errors(view, {});
  return form_page(request, service, "platform/auth/sign_in", "auth.sign_in.title", view);
}

http::Response sign_in(http::Request& request, AuthService& service) {
  Form form = request_form(request);
  std::string email = field(form, "email");
  std::string next = safe_next(field(form, "next"));
  auto outcome =
      service.sign_in(email, field(form, "password"), origin_of(request, service.options()),
                      cookie_value(request, kSessionCookie));
  if (outcome.result == SignInOutcome::Result::kSignedIn) {
    auto response = http::Response::redirect(next);
    response.headers.emplace_back(
        "Set-Cookie", session_cookie(outcome.session_secret, request, service.options()));
    return response;
  }
  // One answer for a wrong password and an unknown email; the address is never echoed as
  // known or unknown.
  json view = {{"next", next}, {"email", email}};
  bool throttled = outcome.result == SignInOutcome::Result::kThrottled;
  add_errors(view, {{"email", throttled ? "auth.sign_in.throttled" : "auth.sign_in.failed", {}}});
  view.erase("email_error");
  auto response = form_page(request, service, "platform/auth/sign_in", "auth.sign_in.title", view,
                            throttled ? 429 : 422);
  if (throttled) response.set_header("Retry-After", std::to_string(outcome.retry_after.count()));
  return response;
}

http::Response sign_out(http::Request& request, AuthService& service, bool everywhere) {
  const Principal& principal = signed_in(request);
  auto origin = origin_of(request, service.options());
  if (everywhere) {
    service.sign_out_everywhere(principal, origin);
  } else {
    service.sign_out(principal, origin);
  }
  auto response = http::Response::redirect("/");
  response.headers.emplace_back("Set-Cookie", clear_session_cookie(request, service.options()));
  return response;
}

http::Response show_setup(http::Request& request, AuthService& service) {
  if (!service.setup_needed()) throw NotFound("error.404.title");
  json view = {{"email", ""}, {"display_name", ""}};
  add_errors(view, {});
  return form_page(request, service, "platform/auth/setup", "auth.setup.title", view);
}

http::Response set_up(http::Request& request, AuthService& service) {
  Form form = request_form(request);
  NewAccount account{.email = field(form, "email"),
                     .display_name = field(form, "display_name"),
                     .password = field(form, "password"),
                     .person_id = {},
                     .administrator = true};
  try {
    std::string secret = service.set_up(account, field(form, "confirm_password"),
                                        origin_of(request, service.options()));
    auto response = http::Response::redirect("/account");
    response.headers.emplace_back("Set-Cookie", session_cookie(secret, request, service.options()));
    return response;
  } catch (const Invalid& e) {
    json view = {{"email", account.email}, {"display_name", account.display_name}};
    add_errors(view, e.problems());
    return form_page(request, service, "platform/auth/setup", "auth.setup.title", view, 422);
  }
}

void add_page(http::Router& router, std::string method, std::string pattern, http::Access access,
              std::function<http::Response(http::Request&)> handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = std::move(handler),
              .access = std::move(access),
              .kind = http::RouteKind::kPage});
}

}  // namespace

void add_routes(http::Router& router, const AppContext& /*context*/, AuthService& service) {
  AuthService* s = &service;
  add_page(router, "GET", "/sign-in", http::Access::anyone(),
           [s](http::Request& r) { return show_sign_in(r, *s); });
  add_page(router, "POST", "/sign-in", http::Access::anyone(),
           [s](http::Request& r) { return sign_in(r, *s); });
  add_page(router, "POST", "/sign-out", http::Access::signed_in(),
           [s](http::Request& r) { return sign_out(r, *s, false); });
  add_page(router, "POST", "/sign-out-everywhere", http::Access::signed_in(),
           [s](http::Request& r) { return sign_out(r, *s, true); });
  add_page(router, "GET", "/setup", http::Access::anyone(),
           [s](http::Request& r) { return show_setup(r, *s); });
  add_page(router, "POST", "/setup", http::Access::anyone(),
           [s](http::Request& r) { return set_up(r, *s); });
  add_account_routes(router, service);
}

}  // namespace lodestar::auth
