#include "platform/auth/csrf.h"

#include <algorithm>

#include "platform/auth/form.h"
#include "platform/auth/secrets.h"
#include "platform/http/multipart.h"

namespace lodestar::auth {

bool is_state_changing(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string submitted_csrf_token(const http::Request& request) {
  std::string_view header = request.header(kCsrfHeader);
  if (!header.empty()) return std::string(header);
  // A form with a file input sends multipart/form-data (RFC 7578).
  if (auto parts = http::multipart_parts(request)) {
    const auto* part = http::find_part(*parts, kCsrfField);
    return part ? part->data : std::string();
  }
  return field(request_form(request), kCsrfField);
}

std::string signed_csrf_token(std::string_view key_hex, std::string_view nonce) {
  return std::string(nonce) + "." + hmac_hex(key_hex, "csrf:" + std::string(nonce));
}

bool check_signed_csrf_token(std::string_view key_hex, std::string_view nonce,
                             std::string_view token) {
  if (!is_csrf_nonce(nonce)) return false;
  return constant_time_equal(signed_csrf_token(key_hex, nonce), token);
}

bool is_csrf_nonce(std::string_view nonce) {
  return nonce.size() == 32 && std::all_of(nonce.begin(), nonce.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace lodestar::auth
