#include "platform/log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace lodestar::log {
namespace {

// Forwards formatted lines to a function set by capture_for_tests().
class CaptureSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  void set(std::function<void(const std::string&)> sink) {
    std::lock_guard lock(mutex_);
    sink_ = std::move(sink);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (sink_) sink_(std::string(msg.payload.data(), msg.payload.size()));
  }
  void flush_() override {}

 private:
  std::function<void(const std::string&)> sink_;
};

std::shared_ptr<CaptureSink> capture_sink() {
  static auto sink = std::make_shared<CaptureSink>();
  return sink;
}

// Standard error, written in blocks rather than a system call per line (spdlog's own stderr
// sink flushes every message, which cost a third of a busy server's time). flush() — every
// second, on any warning, and at exit — writes what is pending.
class BufferedStderrSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { flush_(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    buffer_.append(msg.payload.data(), msg.payload.size());
    buffer_.push_back('\n');
    if (buffer_.size() >= kBlock) flush_();
  }
  void flush_() override {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stderr);
    std::fflush(stderr);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kBlock = 32 * 1024;
  std::string buffer_;
};

std::shared_ptr<spdlog::logger> make_logger() {
  auto logger = std::make_shared<spdlog::logger>(
      "lodestar", spdlog::sinks_init_list{std::make_shared<BufferedStderrSink>(), capture_sink()});
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
  return logger;
}

spdlog::logger& logger() {
  static auto instance = make_logger();
  return *instance;
}

}  // namespace

bool setup(std::string_view level) {
  auto& log = logger();
  if (level == "debug") {
    log.set_level(spdlog::level::debug);
  } else if (level == "info") {
    log.set_level(spdlog::level::info);
  } else if (level == "warn") {
    log.set_level(spdlog::level::warn);
  } else if (level == "error") {
    log.set_level(spdlog::level::err);
  } else {
    log.set_level(spdlog::level::info);
    return false;
  }
  return true;
}

void flush() {
  logger().flush();
}

void capture_for_tests(std::function<void(const std::string& line)> sink) {
  logger();  // make sure the logger (and so the sink) exists
  capture_sink()->set(std::move(sink));
}

std::string utc_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03}Z", buffer, millis);
}

void write(Level level, std::string_view event, const nlohmann::json& fields) {
  auto spd = level == Level::kDebug  ? spdlog::level::debug
             : level == Level::kInfo ? spdlog::level::info
             : level == Level::kWarn ? spdlog::level::warn
                                     : spdlog::level::err;
  auto& log = logger();
  if (!log.should_log(spd)) return;
  nlohmann::json line = {{"time", utc_timestamp()},
                         {"level", spdlog::level::to_string_view(spd).data()},
                         {"event", event}};
  for (const auto& [key, value] : fields.items()) line[key] = value;
  log.log(spd, "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace lodestar::log
