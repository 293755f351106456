// Password hashing: argon2id through libsodium's crypto_pwhash_str. Each hash or check costs
// ~80 ms and 64 MiB at the INTERACTIVE limits (STACK.md), so at most `concurrency` run at once;
// the rest wait. Callers are handlers on the worker pool, never the I/O threads.
#pragma once

#include <cstddef>
#include <memory>
#include <semaphore>
#include <string>
#include <string_view>

namespace lodestar::auth {

struct PasswordLimits {
  unsigned long long opslimit;
  std::size_t memlimit;
  // libsodium's INTERACTIVE limits: the production setting.
  static PasswordLimits interactive();
  // libsodium's minimum: still argon2id, for tests that hash many passwords.
  static PasswordLimits minimum();
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordLimits limits = PasswordLimits::interactive(),
                          std::ptrdiff_t concurrency = 2);

  // "$argon2id$v=19$m=…". Throws std::runtime_error when memory runs out.
  std::string hash(std::string_view password) const;
  // True when `password` matches `stored` (a hash from hash(), at any limits).
  bool verify(std::string_view stored, std::string_view password) const;
  // Does the work of one verify() and returns false: for unknown accounts, so that their
  // sign-in takes as long as a wrong password (no account enumeration by timing).
  void verify_nothing(std::string_view password) const;

 private:
  PasswordLimits limits_;
  std::string dummy_hash_;
  std::unique_ptr<std::counting_semaphore<64>> slots_;
};

}  // namespace lodestar::auth
