// The dispatcher's Authenticator (http/dispatcher.h): finds who is asking — an API token in
// "Authorization: Bearer", else the lodestar_session cookie — and checks the CSRF token of every
// state-changing request that is not authenticated by an API token. Also the cookies it sets.
#pragma once

#include <string>
#include <string_view>

#include "platform/auth/service.h"
#include "platform/http/dispatcher.h"
#include "platform/http/request.h"

namespace lodestar::auth {

inline constexpr std::string_view kSessionCookie = "lodestar_session";

// REQUIRES: `service` outlives the authenticator.
http::Authenticator make_authenticator(AuthService& service);

// True when cookies must be Secure: always-secure, or a trusted proxy says the client used https.
bool is_secure_request(const http::Request& request, const AuthOptions& options);
// The client's address: the last X-Forwarded-For hop when the proxy is trusted, else the peer.
std::string client_address(const http::Request& request, const AuthOptions& options);
Origin origin_of(const http::Request& request, const AuthOptions& options);

// "lodestar_session=…; Path=/; Max-Age=…; HttpOnly; SameSite=Lax[; Secure]".
std::string session_cookie(std::string_view secret, const http::Request& request,
                           const AuthOptions& options);
// A Set-Cookie value that removes the session cookie.
std::string clear_session_cookie(const http::Request& request, const AuthOptions& options);
// The double-submit nonce cookie for forms shown to nobody.
std::string csrf_cookie(std::string_view nonce, const http::Request& request,
                        const AuthOptions& options);

}  // namespace lodestar::auth
