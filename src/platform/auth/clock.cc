#include "platform/auth/clock.h"

#include <cstdio>
#include <ctime>

namespace lodestar::auth {

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

ManualClock::ManualClock(TimePoint start)
    : seconds_(std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count()) {
}

TimePoint ManualClock::now() const {
  return TimePoint(std::chrono::seconds(seconds_.load()));
}

void ManualClock::advance(std::chrono::seconds by) {
  seconds_ += by.count();
}

void ManualClock::set(TimePoint to) {
  seconds_ = std::chrono::duration_cast<std::chrono::seconds>(to.time_since_epoch()).count();
}

std::string to_iso8601(TimePoint at) {
  std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[80];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::optional<TimePoint> from_iso8601(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                   std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return TimePoint(std::chrono::sys_days(date).time_since_epoch() + std::chrono::hours(hour) +
                   std::chrono::minutes(minute) + std::chrono::seconds(second));
}

}  // namespace lodestar::auth
