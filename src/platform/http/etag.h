// Entity tags (RFC 9110 §8.8.3) and conditional GET: a content fingerprint as a strong ETag, and
// If-None-Match answered with 304 so a client that has the bytes does not fetch them again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/http/request.h"
#include "platform/http/response.h"

namespace lodestar::http {

// FNV-1a 64: a content fingerprint for ETags and cache-busting URLs, not a security hash.
std::uint64_t fingerprint(std::string_view bytes);

// The quoted strong entity tag of `bytes`: "\"0123456789abcdef\"".
std::string strong_etag(std::string_view bytes);

// True when an If-None-Match header value names `etag` (weak comparison, "*" matches all).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Gives `response` the ETag of its body (unless it has one) and, when the request already holds
// that version, turns it into a bodiless 304 that keeps the validators.
Response conditional(const Request& request, Response response);

}  // namespace lodestar::http
