// Random identifiers and secrets, and the one-way hashes under which secrets are stored
// (libsodium). Session cookies and API tokens hold 256 random bits, so a fast hash (SHA-256) is
// enough to keep a stolen database from yielding working credentials.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lodestar::auth {

// `bytes` random bytes as lower-case hex (ids: 16 bytes; secrets: 32).
std::string random_hex(std::size_t bytes);
// SHA-256 of `text`, lower-case hex.
std::string sha256_hex(std::string_view text);
// HMAC-SHA-256 of `message` under `key` (hex of a 32-byte key), lower-case hex.
std::string hmac_hex(std::string_view key_hex, std::string_view message);
// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace lodestar::auth
