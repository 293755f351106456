// Structured logging: one JSON object per line on standard error, through spdlog. Log events and
// identifiers, never secrets (passwords, tokens, cookies) or student data.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lodestar::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets up the process-wide logger. `level` is debug, info, warn or error; returns false (and
// keeps "info") for anything else.
bool setup(std::string_view level);

// Writes {"time": …, "level": …, "event": event, …fields}.
void write(Level level, std::string_view event,
           const nlohmann::json& fields = nlohmann::json::object());

inline void info(std::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  write(Level::kInfo, event, fields);
}
inline void warn(std::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  write(Level::kWarn, event, fields);
}
inline void error(std::string_view event, const nlohmann::json& fields = nlohmann::json::object()) {
  write(Level::kError, event, fields);
}

// Writes out lines still buffered (they are written every second anyway, and at once for
// warnings and errors). Call before the process exits.
void flush();

// Sends every log line to `sink` as well as standard error, until called again with an empty
// function. For tests that assert what was (and was not) logged.
void capture_for_tests(std::function<void(const std::string& line)> sink);

// An ISO-8601 UTC timestamp with milliseconds, e.g. "2026-11-23T12:00:00.123Z".
std::string utc_timestamp();

}  // namespace lodestar::log
