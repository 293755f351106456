// The time, behind a small interface so tests can replace the world rather than the code
// (STYLE.md). Every expiry and delay in auth reads a Clock; storage holds ISO-8601 UTC text.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lodestar::auth {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The real time.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  // One shared instance (it has no state).
  static const SystemClock& instance();
};

// A clock that moves only when told (tests). Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start);
  TimePoint now() const override;
  void advance(std::chrono::seconds by);
  void set(TimePoint to);

 private:
  std::atomic<std::int64_t> seconds_;
};

// "2024-08-14T16:05:00Z" (whole seconds, UTC): sorts as text in the order of time.
std::string to_iso8601(TimePoint at);
// Parses what to_iso8601 writes. Returns nothing for anything else.
std::optional<TimePoint> from_iso8601(std::string_view text);

}  // namespace lodestar::auth
