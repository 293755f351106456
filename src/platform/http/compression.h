// gzip for responses (zlib).
#pragma once

#include <string>
#include <string_view>

namespace lodestar::http {

// gzip-compresses `in` (RFC 1952). Throws std::runtime_error if zlib fails.
std::string gzip(std::string_view in);
// Decompresses a gzip stream; used by tests. Throws std::runtime_error on corrupt input.
std::string gunzip(std::string_view in);

// True when the Accept-Encoding header value accepts gzip (q > 0).
bool accepts_gzip(std::string_view accept_encoding);

// True for content types worth compressing: text/*, JSON, JavaScript, SVG, XML.
bool is_compressible(std::string_view content_type);

}  // namespace lodestar::http
