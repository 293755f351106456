// The real server on an ephemeral port, spoken to over HTTP. Registered twice by CMake: once on
// SQLite and once on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/http/compression.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace lodestar {
namespace {

using testing::Client;
using testing::fetch;
using testing::TestApp;
using testing::TestServer;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { app_ = new TestApp(); }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  std::uint16_t port() { return app_->port(); }
  static TestApp* app_;
};
TestApp* ServerTest::app_ = nullptr;

// CTest registers this suite once per database; make sure each run is on the one it claims
// (a CMake slip once ran the "postgresql." tests on SQLite, silently).
TEST_F(ServerTest, RunsOnTheDatabaseItIsRegisteredFor) {
  const char* wanted = std::getenv("LODESTAR_TEST_DATABASE");
  ASSERT_NE(wanted, nullptr) << "CTest sets LODESTAR_TEST_DATABASE for every integration test";
  auto status = nlohmann::json::parse(fetch(port(), "GET", "/api/v1/status").body);
  EXPECT_EQ(status["database"], wanted);
}

TEST_F(ServerTest, HomePageIsHtmlWithSecurityHeaders) {
  auto response = fetch(port(), "GET", "/");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(response.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(response.header("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(response.header("x-request-id").empty());
}

TEST_F(ServerTest, AnswersInSpanishWhenAskedByQueryOrHeader) {
  auto by_query = fetch(port(), "GET", "/?lang=es");
  EXPECT_NE(by_query.body.find("<html lang=\"es\""), std::string::npos);
  auto by_header = fetch(port(), "GET", "/", {{"Accept-Language", "es-MX,es;q=0.9,en;q=0.5"}});
  EXPECT_NE(by_header.body.find("<html lang=\"es\""), std::string::npos);
}

TEST_F(ServerTest, MissingPageIsTheErrorPageAndMissingApiIsProblemJson) {
  auto page = fetch(port(), "GET", "/no-such-page");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(page.header("x-request-id")), std::string::npos);
  auto api = fetch(port(), "GET", "/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("content-type"), "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(api.body)["status"], 404);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto response = fetch(port(), "POST", "/healthz");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadGivesGetsHeadersWithoutTheBody) {
  auto get = fetch(port(), "GET", "/");
  Client client(port());
  auto head = client.request("HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  // The connection is still usable: HEAD wrote no stray body bytes.
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client client(port());
  for (int i = 0; i < 5; ++i) {
    auto response = client.get("/healthz");
    ASSERT_EQ(response.status, 200);
    EXPECT_NE(response.header("connection"), "close");
  }
}

TEST_F(ServerTest, StaticAssetsHaveEtagsAnd304AndGzip) {
  auto home = fetch(port(), "GET", "/");
  auto start = home.body.find("/static/app.css?v=");
  ASSERT_NE(start, std::string::npos);
  auto url = home.body.substr(start, home.body.find('"', start) - start);
  auto css = fetch(port(), "GET", url);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(css.header("cache-control").find("max-age=31536000"), std::string::npos);
  auto etag = css.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = fetch(port(), "GET", url, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto packed = fetch(port(), "GET", url, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(packed.header("content-encoding"), "gzip");
  EXPECT_EQ(http::gunzip(packed.body), css.body);
  EXPECT_EQ(fetch(port(), "GET", "/static/nope.css").status, 404);
}

TEST_F(ServerTest, PagesAreGzippedWhenAccepted) {
  auto plain = fetch(port(), "GET", "/");
  auto packed = fetch(port(), "GET", "/", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(packed.header("content-encoding"), "gzip");
  auto unpacked = http::gunzip(packed.body);
  EXPECT_NE(unpacked.find("<html lang=\"en\""), std::string::npos);
  EXPECT_EQ(unpacked.size(), plain.body.size());
}

TEST_F(ServerTest, OversizedHeadersAre431AndOversizedBodiesAre413) {
  std::map<std::string, std::string> filler;
  for (int i = 0; i < 5; ++i) filler["X-Filler-" + std::to_string(i)] = std::string(4000, 'x');
  auto big_header = fetch(port(), "GET", "/", filler);
  EXPECT_EQ(big_header.status, 431);
  EXPECT_EQ(big_header.header("content-type"), "text/html; charset=utf-8");

  // The server answers as soon as it reads a Content-Length over the limit, before any body.
  Client client(port());
  client.send_raw("POST /api/v1/status HTTP/1.1\r\nHost: x\r\nContent-Length: 9437184\r\n\r\n");
  auto big_body = client.read_response();
  EXPECT_EQ(big_body.status, 413);
  EXPECT_EQ(big_body.header("content-type"), "application/problem+json");
  EXPECT_TRUE(client.closed_by_server(5000));
}

TEST_F(ServerTest, MalformedRequestIs400) {
  Client client(port());
  client.send_raw("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_response().status, 400);
}

TEST_F(ServerTest, OperationsEndpointsAnswer) {
  auto health = fetch(port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");
  auto ready = fetch(port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(nlohmann::json::parse(ready.body)["database"], "reachable");
  auto metrics = fetch(port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                "lodestar_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("lodestar_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("lodestar_http_requests_in_flight"), std::string::npos);
  EXPECT_NE(metrics.body.find("lodestar_db_pool_connections 4"), std::string::npos);
  EXPECT_NE(metrics.body.find("lodestar_db_pool_in_use"), std::string::npos);
  auto status = nlohmann::json::parse(fetch(port(), "GET", "/api/v1/status").body);
  EXPECT_EQ(status["version"], LODESTAR_VERSION);
}

// Every /api route the server registers is described in the OpenAPI document, and every path the
// document describes is served.
TEST_F(ServerTest, OpenApiDocumentMatchesTheRoutes) {
  auto response = fetch(port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  auto document = nlohmann::json::parse(response.body);
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, _] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> served;
  for (const auto& route : app_->app().router().routes()) {
    if (route.kind == http::RouteKind::kApi) served.insert(route.method + " " + route.pattern);
  }
  EXPECT_EQ(documented, served);
}

// A server with hand-made routes, for behaviour the application's routes cannot provoke.
class ServerBehaviourTest : public ::testing::Test {
 protected:
  ServerBehaviourTest() {
    router_.add({.method = "GET",
                 .pattern = "/slow",
                 .handler =
                     [this](http::Request&) {
                       started_ = true;
                       while (!release_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                       return http::Response::text("finished");
                     },
                 .access = http::Access::anyone()});
    router_.add({.method = "GET",
                 .pattern = "/fast",
                 .handler = [](http::Request&) { return http::Response::text("fast"); },
                 .access = http::Access::anyone(),
                 .runs_inline = true});
  }

  void wait_until_started() {
    while (!started_) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  http::Router router_;
  http::Metrics metrics_;
  http::Dispatcher dispatcher_{
      router_, metrics_, http::public_only_policy,
      [](const http::Request&, int status) { return std::to_string(status); }};
  std::atomic<bool> started_{false};
  std::atomic<bool> release_{false};
};

TEST_F(ServerBehaviourTest, ASlowHandlerDoesNotStallTheIoThread) {
  http::ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 2;
  TestServer server(dispatcher_, options);
  auto slow = std::async(std::launch::async, [&] { return fetch(server.port(), "GET", "/slow"); });
  wait_until_started();
  // The one I/O thread still answers while the slow handler holds a worker.
  EXPECT_EQ(fetch(server.port(), "GET", "/fast").body, "fast");
  release_ = true;
  EXPECT_EQ(slow.get().body, "finished");
}

TEST_F(ServerBehaviourTest, GracefulShutdownFinishesInFlightRequestsAndStopsAccepting) {
  TestServer server(dispatcher_, {});
  auto port = server.port();
  auto slow = std::async(std::launch::async, [&] { return fetch(port, "GET", "/slow"); });
  wait_until_started();
  auto stopped = std::async(std::launch::async, [&] { server.stop(); });
  // stop() must wait for the request in flight.
  EXPECT_EQ(stopped.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  release_ = true;
  auto response = slow.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "finished");
  EXPECT_EQ(response.header("connection"), "close");
  stopped.get();
  EXPECT_ANY_THROW(fetch(port, "GET", "/fast"));
}

TEST_F(ServerBehaviourTest, IdleKeepAliveConnectionsAreClosedOnShutdown) {
  TestServer server(dispatcher_, {});
  Client idle(server.port());
  EXPECT_EQ(idle.get("/fast").status, 200);
  server.stop();  // returns only once every connection is gone
  EXPECT_TRUE(idle.closed_by_server(5000));
}

TEST_F(ServerBehaviourTest, AClientThatTricklesBytesIsCutOff) {
  http::ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  TestServer server(dispatcher_, options);
  Client trickle(server.port());
  trickle.send_raw("GET /fast HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  EXPECT_TRUE(trickle.closed_by_server(10000));
}

TEST_F(ServerBehaviourTest, AnIdleConnectionIsClosedAfterTheIdleTimeout) {
  http::ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  TestServer server(dispatcher_, options);
  Client idle(server.port());
  EXPECT_EQ(idle.get("/fast").status, 200);
  EXPECT_TRUE(idle.closed_by_server(10000));
}

}  // namespace
}  // namespace lodestar
