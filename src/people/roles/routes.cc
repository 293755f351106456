#include "people/roles/routes.h"

#include <nlohmann/json.hpp>

#include "people/roles/roles.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/errors.h"
#include "platform/http/dispatcher.h"
#include "platform/web/view.h"

namespace lodestar::people {
namespace {

// The page; `chosen` keeps what the person picked when the form comes back with an error.
http::Response roles_page(const AppContext& context, const http::Request& request,
                          nlohmann::json view, int status = 200) {
  const auto& id = request.param("person");
  auto person = person_roles(context.db, id);
  view["name"] = person.name;
  view["email"] = person.email;
  view["action"] = "/admin/people/" + http::url_encode(id) + "/roles";
  view["csrf_token"] = request.principal->csrf_token;
  view["grants"] = nlohmann::json::array();
  for (const auto& g : person.grants) {
    view["grants"].push_back({{"role", g.role},
                              {"role_key", "role." + g.role},
                              {"org", g.org_id},
                              {"org_name", g.org_name},
                              {"from_roster", g.from_roster}});
  }
  view["has_grants"] = !person.grants.empty();
  auto chosen_role = view.value("chosen_role", std::string());
  auto chosen_org = view.value("chosen_org", std::string());
  view["roles"] = nlohmann::json::array();
  for (const auto& r : grantable_roles()) {
    view["roles"].push_back({{"value", r}, {"key", "role." + r}, {"selected", r == chosen_role}});
  }
  view["orgs"] = nlohmann::json::array();
  for (const auto& o : org_choices(context.db)) {
    view["orgs"].push_back({{"value", o.id}, {"name", o.name}, {"selected", o.id == chosen_org}});
  }
  view["title_detail"] = person.name;
  return web::render_page(request, "people/roles/roles", "roles.title", std::move(view), status);
}

http::Response grant(const AppContext& context, http::Request& request) {
  auto form = auth::request_form(request);
  auto role = auth::field(form, "role");
  auto org = auth::field(form, "org");
  try {
    grant_role(context.db, request.param("person"), role, org,
               audit::event_for(request, "roles.grant"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"chosen_role", role}, {"chosen_org", org}};
    auth::add_errors(view, invalid.problems());
    return roles_page(context, request, view, 400);
  } catch (const Conflict& conflict) {
    nlohmann::json view = {{"chosen_role", role}, {"chosen_org", org}};
    auth::add_errors(view, {{"role", conflict.what(), {}}});
    return roles_page(context, request, view, 409);
  }
  return http::Response::redirect("/admin/people/" + http::url_encode(request.param("person")) +
                                  "/roles");
}

http::Response revoke(const AppContext& context, http::Request& request) {
  auto form = auth::request_form(request);
  revoke_role(context.db, request.param("person"), auth::field(form, "role"),
              auth::field(form, "org"), audit::event_for(request, "roles.revoke"));
  return http::Response::redirect("/admin/people/" + http::url_encode(request.param("person")) +
                                  "/roles");
}

}  // namespace

void add_role_routes(http::Router& router, const AppContext& context) {
  auto access = http::Access::to("accounts.manage");
  router.add({.method = "GET",
              .pattern = "/admin/people/{person}/roles",
              .handler =
                  [&context](http::Request& r) {
                    return roles_page(context, r, nlohmann::json::object());
                  },
              .access = access});
  router.add({.method = "POST",
              .pattern = "/admin/people/{person}/roles",
              .handler = [&context](http::Request& r) { return grant(context, r); },
              .access = access});
  router.add({.method = "POST",
              .pattern = "/admin/people/{person}/roles/remove",
              .handler = [&context](http::Request& r) { return revoke(context, r); },
              .access = access});
}

}  // namespace lodestar::people
