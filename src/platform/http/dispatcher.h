// Everything that happens to a request between the socket and the handler, without the socket:
// request id, routing (404, 405 with Allow, HEAD), the authorization policy, typed failures to
// statuses, RFC 9457 problem details or error pages, security headers, gzip, the request log and
// metrics. The server calls handle(); tests call it directly.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "platform/http/metrics.h"
#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/http/router.h"

namespace lodestar::http {

// Decides whether the request (with its principal, when someone signed in) may use a route.
// The one policy of the program; default deny.
using Policy = std::function<bool(const Request&, const Access&)>;

// A policy that allows only routes open to anyone (for tests of the plumbing).
bool public_only_policy(const Request&, const Access&);

// Runs before the policy on every routed request: fills request.principal from the session
// cookie or the API token, and checks the CSRF token of state-changing page requests. May set
// headers on the eventual response (a refreshed cookie) through `response`. Throws Forbidden for
// a bad CSRF token; leaves principal null when nobody is signed in.
using Authenticator = std::function<void(Request& request, Response& response)>;

// Renders the HTML error page for `status` (404, 405, 500, …) in the request's language.
using ErrorPageRenderer = std::function<std::string(const Request&, int status)>;

// Translates a catalog key into the request's language (for problem details' field messages).
using Translator = std::function<std::string(const Request&, std::string_view key)>;

struct DispatcherOptions {
  std::size_t gzip_min_bytes = 860;  // smaller bodies are not worth a gzip header
  Translator translate;              // unset: keys are returned as they are
  Authenticator authenticate;        // unset: nobody is ever signed in
  // Where a page that needs a signed-in person sends someone who is not ("?next=" is added).
  std::string sign_in_path = "/sign-in";
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, Metrics& metrics, Policy policy, ErrorPageRenderer error_page,
             DispatcherOptions options = {});

  // Answers `request`. Never throws: a handler's exception becomes a 500 whose body carries the
  // request id, logged once with the same id.
  Response handle(Request& request) const noexcept;

  // True when the route for this request runs on the I/O thread (see Route::runs_inline).
  bool runs_inline(std::string_view method, std::string_view path) const;

  // The answer for a request the server could not read whole (431, 413, 400), in the same
  // format a handled error would have.
  Response reject(Request& request, int status) const noexcept;

 private:
  Response respond(Request& request) const;
  Response authorize_and_run(Request& request, const Route& route, bool api,
                             Response& preamble) const;
  Response error(const Request& request, bool api, int status, std::string_view detail,
                 const nlohmann::json* extra) const;
  void finish(const Request& request, Response& response) const;

  const Router& router_;
  Metrics& metrics_;
  Policy policy_;
  ErrorPageRenderer error_page_;
  DispatcherOptions options_;
};

// Percent-encodes everything but unreserved characters and '/' (for ?next= and the like).
std::string url_encode(std::string_view text);

// A fresh request id: 16 hex characters from a random source.
std::string new_request_id();

// True for paths whose errors are problem+json: /api/, /ims/, /xapi/ and the operations routes.
bool is_api_path(std::string_view path);

}  // namespace lodestar::http
