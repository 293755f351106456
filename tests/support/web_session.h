// Speaking to the app as a browser would, for integration tests: signing in with a demo account,
// then GET and POST (urlencoded) with the session's cookie and CSRF token; and reading values
// out of the HTML that comes back.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.h"

namespace lodestar::testing {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline constexpr const char* kDemoPassword = "lodestar-demo-2026";

// application/x-www-form-urlencoded.
std::string form_encode(const Fields& fields);
// The text between `before` and the next `after` in `html`, or "".
std::string between(const std::string& html, const std::string& before, const std::string& after,
                    std::size_t from = 0);
// "name=value" of a Set-Cookie header.
std::string cookie_pair(const std::string& set_cookie);

struct WebSession {
  std::uint16_t port = 0;
  std::string cookie;  // "lodestar_session=…" (or the CSRF nonce cookie for nobody)
  std::string csrf;

  HttpResponse get(const std::string& path) const;
  // Adds the CSRF token to `fields`.
  HttpResponse post(const std::string& path, Fields fields = {}) const;
};

// Signs in through /sign-in (expects 303) and reads the session's CSRF token from /account.
WebSession sign_in(std::uint16_t port, const std::string& email,
                   const std::string& password = kDemoPassword);

// Nobody signed in, holding the CSRF cookie and token of the form at `path` (a public form).
WebSession anonymous_form(std::uint16_t port, const std::string& path);

}  // namespace lodestar::testing
