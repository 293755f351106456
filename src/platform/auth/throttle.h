// The sign-in throttle: failed sign-ins counted per key ("account:<email>", "address:<ip>").
// After `limit` failures within `forget_after`, each further failure locks the key for twice as
// long as the last (first_delay, 2×, 4×, … up to max_delay). Unknown emails are throttled like
// known ones, so the throttle reveals nothing about which accounts exist.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "platform/auth/clock.h"
#include "platform/store/database.h"

namespace lodestar::auth {

struct ThrottleOptions {
  int account_limit = 5;
  int address_limit = 20;
  std::chrono::seconds first_delay{30};
  std::chrono::seconds max_delay{15 * 60};
  std::chrono::seconds forget_after{60 * 60};
};

class Throttle {
 public:
  Throttle(const Clock& clock, ThrottleOptions options) : clock_(clock), options_(options) {}

  // How long until `key` may try again; nothing when it may try now.
  std::optional<std::chrono::seconds> locked(store::Tx& tx, std::string_view key) const;
  void record_failure(store::Tx& tx, std::string_view key, int limit) const;
  void clear(store::Tx& tx, std::string_view key) const;

  const ThrottleOptions& options() const { return options_; }

 private:
  const Clock& clock_;
  ThrottleOptions options_;
};

}  // namespace lodestar::auth
