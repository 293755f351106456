// Request counters and latency histograms by route and status, in-flight requests, and gauges
// other parts of the program contribute (the database pool), rendered in the Prometheus text
// exposition format 0.0.4. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace lodestar::http {

class Metrics {
 public:
  // Upper bounds, in seconds, of the latency histogram buckets.
  static const std::vector<double>& latency_buckets();

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  void request_started() { in_flight_.fetch_add(1); }
  void request_finished() { in_flight_.fetch_sub(1); }
  std::int64_t in_flight() const { return in_flight_.load(); }

  // A gauge read when /metrics is rendered. `name` must be a valid metric name.
  void add_gauge(std::string name, std::string help, std::function<double()> read);

  std::string render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::vector<std::uint64_t> buckets;  // cumulative counts, one per latency bucket
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;  // method, route, status
  std::vector<Gauge> gauges_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace lodestar::http
