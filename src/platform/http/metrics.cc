#include "platform/http/metrics.h"

#include <fmt/format.h>

namespace lodestar::http {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

const std::vector<double>& Metrics::latency_buckets() {
  static const std::vector<double> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                              0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  return buckets;
}

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  const auto& bounds = latency_buckets();
  std::lock_guard lock(mutex_);
  auto& series = series_[{method, route, status}];
  if (series.buckets.empty()) series.buckets.assign(bounds.size(), 0);
  ++series.count;
  series.sum += seconds;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (seconds <= bounds[i]) ++series.buckets[i];
  }
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP lodestar_http_requests_total HTTP requests answered, by method, route and status.\n";
  out += "# TYPE lodestar_http_requests_total counter\n";
  for (const auto& [key, series] : series_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("lodestar_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    label(method), label(route), status, series.count);
  }
  out += "# HELP lodestar_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE lodestar_http_request_duration_seconds histogram\n";
  const auto& bounds = latency_buckets();
  for (const auto& [key, series] : series_) {
    const auto& [method, route, status] = key;
    auto labels = fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", label(method),
                              label(route), status);
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      out += fmt::format("lodestar_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, bounds[i], series.buckets[i]);
    }
    out += fmt::format("lodestar_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, series.count);
    out += fmt::format("lodestar_http_request_duration_seconds_sum{{{}}} {}\n", labels, series.sum);
    out += fmt::format("lodestar_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       series.count);
  }
  out += "# HELP lodestar_http_requests_in_flight Requests being answered now.\n";
  out += "# TYPE lodestar_http_requests_in_flight gauge\n";
  out += fmt::format("lodestar_http_requests_in_flight {}\n", in_flight_.load());
  for (const auto& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.name, gauge.read());
  }
  return out;
}

}  // namespace lodestar::http
