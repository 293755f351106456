#include "platform/http/metrics.h"

#include <gtest/gtest.h>

namespace lodestar::http {
namespace {

TEST(Metrics, CountsAndBucketsRequestsByRouteAndStatus) {
  Metrics metrics;
  metrics.observe("GET", "/", 200, 0.002);
  metrics.observe("GET", "/", 200, 0.3);
  metrics.observe("GET", "/", 404, 0.0001);
  auto text = metrics.render();
  EXPECT_NE(
      text.find("lodestar_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("lodestar_http_requests_total{method=\"GET\",route=\"/\",status=\"404\"} 1\n"),
      std::string::npos);
  // 0.002 s falls in le=0.0025 and above; 0.3 s only from le=0.5.
  EXPECT_NE(text.find("route=\"/\",status=\"200\",le=\"0.0025\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("route=\"/\",status=\"200\",le=\"0.5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/\",status=\"200\",le=\"+Inf\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE lodestar_http_request_duration_seconds histogram"),
            std::string::npos);
}

TEST(Metrics, ReportsInFlightAndGauges) {
  Metrics metrics;
  metrics.request_started();
  metrics.request_started();
  metrics.request_finished();
  double pool = 3;
  metrics.add_gauge("lodestar_db_pool_in_use", "in use", [&pool] { return pool; });
  auto text = metrics.render();
  EXPECT_NE(text.find("lodestar_http_requests_in_flight 1\n"), std::string::npos);
  EXPECT_NE(text.find("lodestar_db_pool_in_use 3\n"), std::string::npos);
  pool = 5;
  EXPECT_NE(metrics.render().find("lodestar_db_pool_in_use 5\n"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.observe("GET", "/a\"b\\c", 200, 0.01);
  EXPECT_NE(metrics.render().find("route=\"/a\\\"b\\\\c\""), std::string::npos);
}

}  // namespace
}  // namespace lodestar::http
