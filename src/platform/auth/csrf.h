// CSRF tokens. A signed-in session has its own random token (sessions.csrf_token), which every
// state-changing form carries. Forms shown to nobody (sign-in, setup) use a signed double-submit
// token: a random nonce in the lodestar_csrf cookie, and in the form "<nonce>.<HMAC(key,nonce)>",
// so a forger can neither read the cookie nor mint a token for a nonce it planted.
#pragma once

#include <string>
#include <string_view>

#include "platform/http/request.h"

namespace lodestar::auth {

inline constexpr std::string_view kCsrfCookie = "lodestar_csrf";
inline constexpr std::string_view kCsrfField = "csrf_token";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// True for methods that change state (POST, PUT, PATCH, DELETE).
bool is_state_changing(std::string_view method);

// The token the request carries: the X-CSRF-Token header, else the csrf_token form field.
std::string submitted_csrf_token(const http::Request& request);

// A nonce's signed token, and whether `token` is the signed token of `nonce`.
std::string signed_csrf_token(std::string_view key_hex, std::string_view nonce);
bool check_signed_csrf_token(std::string_view key_hex, std::string_view nonce,
                             std::string_view token);

// True when `nonce` looks like one we made (32 hex characters).
bool is_csrf_nonce(std::string_view nonce);

}  // namespace lodestar::auth
