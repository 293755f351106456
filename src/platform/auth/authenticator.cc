#include "platform/auth/authenticator.h"

#include "platform/auth/csrf.h"
#include "platform/auth/form.h"
#include "platform/auth/secrets.h"
#include "platform/errors.h"

namespace lodestar::auth {
namespace {

std::string cookie(std::string_view name, std::string_view value, long max_age,
                   const http::Request& request, const AuthOptions& options) {
  std::string out = std::string(name) + "=" + std::string(value) +
                    "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Lax";
  if (is_secure_request(request, options)) out += "; Secure";
  return out;
}

std::string_view bearer_token(const http::Request& request) {
  std::string_view header = request.header("authorization");
  if (header.size() < 7) return {};
  std::string scheme(header.substr(0, 7));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  header.remove_prefix(7);
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  return header;
}

void check_csrf(const http::Request& request, AuthService& service) {
  if (request.principal) {
    const std::string& expected = request.principal->csrf_token;
    if (expected.empty() || !constant_time_equal(submitted_csrf_token(request), expected))
      throw Forbidden("auth.error.csrf", "CSRF token missing or wrong");
    return;
  }
  // Nobody signed in and no ambient credential: an API request has nothing to forge.
  if (http::is_api_path(request.path)) return;
  if (!check_signed_csrf_token(service.csrf_key(), cookie_value(request, kCsrfCookie),
                               submitted_csrf_token(request))) {
    throw Forbidden("auth.error.csrf", "CSRF token missing or wrong");
  }
}

}  // namespace

http::Authenticator make_authenticator(AuthService& service) {
  return [&service](http::Request& request, http::Response& /*preamble*/) {
    if (auto token = bearer_token(request); !token.empty()) {
      // API tokens are not sent by browsers on their own: no CSRF check.
      if (auto principal = service.authenticate_api_token(token)) {
        request.principal = std::make_shared<const Principal>(std::move(*principal));
      }
      return;
    }
    std::string secret = cookie_value(request, kSessionCookie);
    if (!secret.empty()) {
      // A stale cookie is left alone: its session is gone from the database, and clearing it
      // here would follow (and so undo) the new cookie a sign-in sets on the same response.
      if (auto principal = service.resume_session(secret)) {
        request.principal = std::make_shared<const Principal>(std::move(*principal));
      }
    }
    if (is_state_changing(request.method)) check_csrf(request, service);
  };
}

bool is_secure_request(const http::Request& request, const AuthOptions& options) {
  if (options.secure_cookies) return true;
  return options.trust_proxy && request.header("x-forwarded-proto") == "https";
}

std::string client_address(const http::Request& request, const AuthOptions& options) {
  if (options.trust_proxy) {
    std::string_view forwarded = request.header("x-forwarded-for");
    if (!forwarded.empty()) {
      auto comma = forwarded.rfind(',');
      std::string_view last =
          comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
      if (!last.empty()) return std::string(last.substr(0, 64));
    }
  }
  return request.remote_address;
}

Origin origin_of(const http::Request& request, const AuthOptions& options) {
  return {client_address(request, options), std::string(request.header("user-agent")),
          request.request_id};
}

std::string session_cookie(std::string_view secret, const http::Request& request,
                           const AuthOptions& options) {
  return cookie(kSessionCookie, secret, static_cast<long>(options.absolute_timeout.count()),
                request, options);
}

std::string clear_session_cookie(const http::Request& request, const AuthOptions& options) {
  return cookie(kSessionCookie, "", 0, request, options);
}

std::string csrf_cookie(std::string_view nonce, const http::Request& request,
                        const AuthOptions& options) {
  return cookie(kCsrfCookie, nonce, 12 * 60 * 60, request, options);
}

}  // namespace lodestar::auth
