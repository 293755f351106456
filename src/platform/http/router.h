// Maps a method and a path to a handler. Patterns are literal segments and {name} parameters
// ("/frameworks/{id}/items/{item}"); a trailing "{name...}" takes the rest of the path. A path
// that matches a pattern under another method answers 405 with Allow; HEAD is answered by GET.
//
// Every route declares the access it needs. There is no default: a route cannot be registered
// without one, and the policy denies what it does not recognise.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.h"
#include "platform/http/response.h"

namespace lodestar::http {

using Handler = std::function<Response(Request&)>;

// Finds the organization a request touches (from a path parameter, a query value, or a record
// it names). Returns nothing when the request names none: the policy then asks for the
// permission at district level. May throw NotFound for a record that does not exist.
using OrgResolver = std::function<std::optional<std::string>(const Request&)>;

// What a route asks of the person making the request. The policy decides (see Dispatcher).
struct Access {
  // "public": anyone, signed in or not; "signed_in": any signed-in person; anything else is a
  // permission the policy grants to roles (platform/auth/policy.h).
  std::string permission;
  OrgResolver org;  // unset: the route is not about one organization
  // When set and true for a request, the route is open to anyone for it: an API that a setting
  // makes public or private (the CASE API is public unless the district requires a token).
  std::function<bool(const Request&)> public_when;

  static Access anyone() { return {"public", {}, {}}; }
  static Access signed_in() { return {"signed_in", {}, {}}; }
  static Access to(std::string permission, OrgResolver org = {}) {
    return {std::move(permission), std::move(org), {}};
  }
};

// The organization named by path parameter `name`.
OrgResolver org_from_param(std::string name);

// How the dispatcher treats the route's errors and where its handler runs.
enum class RouteKind {
  kPage,  // HTML; errors render the error page
  kApi,   // JSON; errors are application/problem+json (RFC 9457)
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  Access access;
  RouteKind kind = RouteKind::kPage;
  // Runs on the I/O thread instead of the worker pool, and without authentication (it must not
  // depend on who asks). Only for handlers that never block: no database, no file system, no
  // password hashing (static assets, /healthz).
  bool runs_inline = false;
};

struct Match {
  const Route* route = nullptr;  // null when nothing matched
  std::map<std::string, std::string, std::less<>> params;
  std::vector<std::string> allowed;  // when the path matched under other methods only: for 405
};

class Router {
 public:
  // Adds a route. Throws std::logic_error when the same method and pattern are added twice or
  // the pattern is malformed: both are programming errors caught by the first test run.
  void add(Route route);

  // Finds the route for `method` and `path`. HEAD falls back to GET.
  Match match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  // Routes by the literal first segment of their pattern ("frameworks" for
  // "/frameworks/{id}"), so a request is matched against its few candidates, not every route;
  // routes that start with a parameter are candidates for every path.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_first_segment_;
  std::vector<std::size_t> parameter_first_;
};

// True when `path` matches `pattern`, filling `params`. Exposed for tests.
bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params);

}  // namespace lodestar::http
