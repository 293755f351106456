#include "platform/auth/passwords.h"

#include <sodium.h>

#include <stdexcept>

namespace lodestar::auth {
namespace {

// Holds one of the hasher's slots for the life of a scope.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<64>& slots) : slots_(slots) { slots_.acquire(); }
  ~Slot() { slots_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<64>& slots_;
};

}  // namespace

PasswordLimits PasswordLimits::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordLimits PasswordLimits::minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordLimits limits, std::ptrdiff_t concurrency)
    : limits_(limits),
      slots_(std::make_unique<std::counting_semaphore<64>>(
          concurrency < 1 ? 1 : (concurrency > 64 ? 64 : concurrency))) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  dummy_hash_ = hash("lodestar-dummy-password-for-timing");
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  int result;
  {
    Slot slot(*slots_);
    result = crypto_pwhash_str_alg(out, password.data(), password.size(), limits_.opslimit,
                                   limits_.memlimit, crypto_pwhash_ALG_ARGON2ID13);
  }
  if (result != 0) throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool PasswordHasher::verify(std::string_view stored, std::string_view password) const {
  std::string terminated(stored);  // crypto_pwhash_str_verify reads a C string
  Slot slot(*slots_);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

}  // namespace lodestar::auth
