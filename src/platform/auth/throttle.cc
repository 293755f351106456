#include "platform/auth/throttle.h"

#include <algorithm>

#include "platform/auth/store.h"

namespace lodestar::auth {

std::optional<std::chrono::seconds> Throttle::locked(store::Tx& tx, std::string_view key) const {
  auto record = auth_store::find_throttle(tx, key);
  if (!record || !record->locked_until) return std::nullopt;
  auto until = from_iso8601(*record->locked_until);
  auto now = clock_.now();
  if (!until || *until <= now) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(*until - now);
}

void Throttle::record_failure(store::Tx& tx, std::string_view key, int limit) const {
  auto now = clock_.now();
  ThrottleRecord record = auth_store::find_throttle(tx, key).value_or(ThrottleRecord{});
  auto last = from_iso8601(record.last_failure_at);
  if (!last || now - *last > options_.forget_after) record = {};
  record.failures += 1;
  record.last_failure_at = to_iso8601(now);
  if (record.failures >= limit) {
    // Doubling from first_delay, capped; the shift is bounded so it cannot overflow.
    auto doublings = std::min<std::int64_t>(record.failures - limit, 20);
    auto delay =
        std::min(options_.max_delay, options_.first_delay * (std::int64_t{1} << doublings));
    record.locked_until = to_iso8601(now + delay);
  } else {
    record.locked_until.reset();
  }
  auth_store::save_throttle(tx, key, record);
}

void Throttle::clear(store::Tx& tx, std::string_view key) const {
  auth_store::delete_throttle(tx, key);
}

}  // namespace lodestar::auth
