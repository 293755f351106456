// The signed-in person's own pages (account, password, API tokens), an administrator's password
// reset, and GET /api/v1/me.
#include "platform/auth/authenticator.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/routes.h"

namespace lodestar::auth {
namespace {

using nlohmann::json;

json roles_view(const Principal& principal) {
  json roles = json::array();
  for (const auto& grant : principal.grants) {
    std::string name(role_name(grant.role));
    roles.push_back({{"role", name}, {"role_key", "auth.role." + name}, {"org_id", grant.org_id}});
  }
  return roles;
}

http::Response show_account(http::Request& request, AuthService& service) {
  const Principal& principal = signed_in(request);
  json sessions = json::array();
  for (const auto& session : service.sessions(principal)) {
    sessions.push_back({{"created_at", session.created_at},
                        {"last_seen_at", session.last_seen_at},
                        {"ip", session.ip},
                        {"current", session.id == principal.session_id}});
  }
  json roles = roles_view(principal);
  json view = {{"display_name", principal.display_name},
               {"email", principal.email},
               {"administrator", principal.administrator},
               {"has_roles", !roles.empty()},
               {"roles", roles},
               {"sessions", sessions}};
  return form_page(request, service, "platform/auth/account", "auth.account.title", view);
}

http::Response password_page(http::Request& request, AuthService& service,
                             const std::vector<FieldProblem>& problems, bool changed) {
  json view = {{"changed", changed}, {"email", signed_in(request).email}};
  add_errors(view, problems);
  return form_page(request, service, "platform/auth/password", "auth.password.title", view,
                   problems.empty() ? 200 : 422);
}

http::Response change_password(http::Request& request, AuthService& service) {
  Form form = request_form(request);
  try {
    service.change_password(signed_in(request), field(form, "current_password"),
                            field(form, "new_password"), field(form, "confirm_password"),
                            origin_of(request, service.options()));
  } catch (const Invalid& e) {
    return password_page(request, service, e.problems(), false);
  }
  return password_page(request, service, {}, true);
}

std::string token_status(const ApiTokenRecord& token, const std::string& now) {
  if (token.revoked_at) return "revoked";
  return token.expires_at <= now ? "expired" : "active";
}

http::Response tokens_page(http::Request& request, AuthService& service, json view, int status) {
  const Principal& principal = signed_in(request);
  std::string now = to_iso8601(service.clock().now());
  json tokens = json::array();
  for (const auto& token : service.api_tokens(principal)) {
    std::string state = token_status(token, now);
    tokens.push_back({{"id", token.id},
                      {"name", token.name},
                      {"created_at", token.created_at},
                      {"expires_at", token.expires_at},
                      {"last_used_at", token.last_used_at.value_or("")},
                      {"never_used", !token.last_used_at},
                      {"status_key", "auth.tokens.status." + state},
                      {"revocable", state == "active"}});
  }
  view["tokens"] = tokens;
  view["has_tokens"] = !tokens.empty();
  if (!view.contains("errors")) add_errors(view, {});
  return form_page(request, service, "platform/auth/tokens", "auth.tokens.title", view, status);
}

http::Response create_token(http::Request& request, AuthService& service) {
  Form form = request_form(request);
  try {
    auto created = service.create_api_token(signed_in(request), field(form, "name"),
                                            field(form, "expires_in_days"),
                                            origin_of(request, service.options()));
    json view = {{"created", {{"token", created.token}, {"expires_at", created.expires_at}}}};
    return tokens_page(request, service, view, 201);
  } catch (const Invalid& e) {
    json view = {{"name", field(form, "name")}};
    add_errors(view, e.problems());
    return tokens_page(request, service, view, 422);
  }
}

http::Response revoke_token(http::Request& request, AuthService& service) {
  service.revoke_api_token(signed_in(request), request.param("id"),
                           origin_of(request, service.options()));
  return http::Response::redirect("/account/tokens");
}

http::Response reset_page(http::Request& request, AuthService& service,
                          const std::vector<FieldProblem>& problems, bool done) {
  auto account = service.account(request.param("id"));
  if (!account) throw NotFound("error.404.title");
  json view = {{"account_id", account->id},
               {"display_name", account->display_name},
               {"email", account->email},
               {"done", done}};
  add_errors(view, problems);
  return form_page(request, service, "platform/auth/reset_password", "auth.reset.title", view,
                   problems.empty() ? 200 : 422);
}

http::Response reset_password(http::Request& request, AuthService& service) {
  Form form = request_form(request);
  try {
    service.reset_password(signed_in(request), request.param("id"), field(form, "new_password"),
                           field(form, "confirm_password"), origin_of(request, service.options()));
  } catch (const Invalid& e) {
    return reset_page(request, service, e.problems(), false);
  }
  return reset_page(request, service, {}, true);
}

http::Response me(http::Request& request) {
  const Principal& principal = signed_in(request);
  json roles = json::array();
  for (const auto& grant : principal.grants) {
    roles.push_back({{"role", std::string(role_name(grant.role))}, {"org_id", grant.org_id}});
  }
  return http::Response::json({{"account_id", principal.account_id},
                               {"person_id", principal.person_id},
                               {"display_name", principal.display_name},
                               {"email", principal.email},
                               {"administrator", principal.administrator},
                               {"roles", roles},
                               {"via_api_token", principal.via_api_token}});
}

void add_account_route(http::Router& router, std::string method, std::string pattern,
                       http::Access access, std::function<http::Response(http::Request&)> handler,
                       http::RouteKind kind = http::RouteKind::kPage) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = std::move(handler),
              .access = std::move(access),
              .kind = kind});
}

}  // namespace

void add_account_routes(http::Router& router, AuthService& service) {
  AuthService* s = &service;
  add_account_route(router, "GET", "/account", http::Access::signed_in(),
                    [s](http::Request& r) { return show_account(r, *s); });
  add_account_route(router, "GET", "/account/password", http::Access::signed_in(),
                    [s](http::Request& r) { return password_page(r, *s, {}, false); });
  add_account_route(router, "POST", "/account/password", http::Access::signed_in(),
                    [s](http::Request& r) { return change_password(r, *s); });
  add_account_route(router, "GET", "/account/tokens", http::Access::signed_in(),
                    [s](http::Request& r) { return tokens_page(r, *s, json::object(), 200); });
  add_account_route(router, "POST", "/account/tokens", http::Access::signed_in(),
                    [s](http::Request& r) { return create_token(r, *s); });
  add_account_route(router, "POST", "/account/tokens/{id}/revoke", http::Access::signed_in(),
                    [s](http::Request& r) { return revoke_token(r, *s); });
  add_account_route(router, "GET", "/admin/accounts/{id}/reset-password",
                    http::Access::to("accounts.manage"),
                    [s](http::Request& r) { return reset_page(r, *s, {}, false); });
  add_account_route(router, "POST", "/admin/accounts/{id}/reset-password",
                    http::Access::to("accounts.manage"),
                    [s](http::Request& r) { return reset_password(r, *s); });
  add_account_route(
      router, "GET", "/api/v1/me", http::Access::signed_in(),
      [](http::Request& r) { return me(r); }, http::RouteKind::kApi);
}

}  // namespace lodestar::auth
