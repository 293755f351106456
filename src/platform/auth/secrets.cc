#include "platform/auth/secrets.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace lodestar::auth {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view text) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(digest, sizeof digest);
}

std::string hmac_hex(std::string_view key_hex, std::string_view message) {
  ensure_sodium();
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES] = {};
  std::size_t key_length = 0;
  if (sodium_hex2bin(key, sizeof key, key_hex.data(), key_hex.size(), nullptr, &key_length,
                     nullptr) != 0 ||
      key_length != sizeof key) {
    throw std::logic_error("HMAC key must be 32 bytes of hex");
  }
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key);
  sodium_memzero(key, sizeof key);
  return to_hex(mac, sizeof mac);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lodestar::auth
