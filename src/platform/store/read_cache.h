// A value read from the database and kept in memory: trusted while this process has committed
// no write since it was read and for at most `max_age` (the time another app server's write may
// take to show here). For hot, rarely changed reads: a framework's CASE package, a setting.
// Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "platform/store/database.h"

namespace lodestar::store {

template <typename Value>
class ReadCache {
 public:
  using Loader = std::function<std::shared_ptr<const Value>(Tx&, const std::string& key)>;

  ReadCache(Database& db, std::chrono::milliseconds max_age, Loader load)
      : db_(db), max_age_(max_age), load_(std::move(load)) {}

  // The value for `key` (null when the loader found none, which is not kept), from memory when
  // still fresh.
  std::shared_ptr<const Value> get(const std::string& key) {
    const auto now = std::chrono::steady_clock::now();
    const auto writes = db_.committed_writes();
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.writes == writes &&
          now - it->second.read_at < max_age_) {
        return it->second.value;
      }
    }
    // Read outside the lock; `writes` was taken before the read, so a write that commits
    // meanwhile makes this copy stale at once.
    auto value = db_.read([&](Tx& tx) { return load_(tx, key); });
    if (!value) return value;  // not kept: keys that name nothing must not fill memory
    std::lock_guard lock(mutex_);
    entries_[key] = Entry{value, writes, now};
    return value;
  }

 private:
  struct Entry {
    std::shared_ptr<const Value> value;
    std::uint64_t writes = 0;
    std::chrono::steady_clock::time_point read_at;
  };

  Database& db_;
  std::chrono::milliseconds max_age_;
  Loader load_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace lodestar::store
