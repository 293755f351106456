#include "platform/http/dispatcher.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/errors.h"
#include "platform/http/compression.h"
#include "platform/log.h"

namespace lodestar::http {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() {
    add("GET", "/ok", RouteKind::kPage, [](Request&) { return Response::html("<p>ok</p>"); });
    add("GET", "/big", RouteKind::kPage,
        [](Request&) { return Response::html(std::string(5000, 'a')); });
    add("GET", "/boom", RouteKind::kPage,
        [](Request&) -> Response { throw std::runtime_error("secret internals"); });
    add("GET", "/api/v1/boom", RouteKind::kApi,
        [](Request&) -> Response { throw std::runtime_error("secret internals"); });
    add("POST", "/api/v1/plans", RouteKind::kApi, [](Request&) -> Response {
      throw Invalid(
          {{"title", "plan.title_required", ""}, {"year", "plan.year_range", "2020-2040"}});
    });
    add("GET", "/api/v1/plans/{id}", RouteKind::kApi,
        [](Request&) -> Response { throw NotFound("error.not_found", "no plan 7"); });
    router_.add({.method = "GET",
                 .pattern = "/admin",
                 .handler = [](Request&) { return Response::html("admin"); },
                 .access = Access::to("plans.edit")});
    router_.add({.method = "GET",
                 .pattern = "/api/v1/admin",
                 .handler = [](Request&) { return Response::json({}); },
                 .access = Access::to("plans.edit"),
                 .kind = RouteKind::kApi});
  }

  void add(std::string method, std::string pattern, RouteKind kind, Handler handler) {
    router_.add({.method = std::move(method),
                 .pattern = std::move(pattern),
                 .handler = std::move(handler),
                 .access = Access::anyone(),
                 .kind = kind});
  }

  Response get(std::string method, std::string path,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers = std::move(headers);
    return dispatcher_.handle(request);
  }

  // GET `path` through a dispatcher that runs `authenticate` before the policy.
  Response with_authenticator(Authenticator authenticate, std::string path) {
    DispatcherOptions options;
    options.authenticate = std::move(authenticate);
    Dispatcher dispatcher(
        router_, metrics_, public_only_policy,
        [](const Request&, int status) { return std::to_string(status); }, options);
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    return dispatcher.handle(request);
  }

  Router router_;
  Metrics metrics_;
  Dispatcher dispatcher_{router_, metrics_, public_only_policy, [](const Request& r, int status) {
                           return "<h1>error " + std::to_string(status) + "</h1>" + r.request_id;
                         }};
};

TEST_F(DispatcherTest, EveryResponseCarriesSecurityHeadersAndARequestId) {
  for (auto path : {"/ok", "/missing", "/boom", "/api/v1/boom"}) {
    auto response = get("GET", path);
    auto csp = std::string(response.header("Content-Security-Policy"));
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_FALSE(response.header("Referrer-Policy").empty()) << path;
    EXPECT_EQ(response.header("X-Request-Id").size(), 16u) << path;
  }
  EXPECT_NE(get("GET", "/ok").header("X-Request-Id"), get("GET", "/ok").header("X-Request-Id"));
}

TEST_F(DispatcherTest, UnknownPathIsNotFoundInTheRightFormat) {
  auto page = get("GET", "/nothing-here");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.body.rfind("<h1>error 404</h1>", 0), 0u);
  auto api = get("GET", "/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/problem+json");
  auto problem = nlohmann::json::parse(api.body);
  EXPECT_EQ(problem["status"], 404);
  EXPECT_EQ(problem["title"], "Not Found");
  EXPECT_EQ(problem["instance"], "/api/v1/nothing-here");
}

TEST_F(DispatcherTest, WrongMethodIs405WithAllow) {
  auto response = get("DELETE", "/ok");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET, HEAD");
}

TEST_F(DispatcherTest, PageThatNeedsSomeoneSendsNobodyToSignInAndBack) {
  Request request;
  request.method = "GET";
  request.path = "/admin";
  request.target = "/admin?tab=a b";
  auto response = dispatcher_.handle(request);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("Location"), "/sign-in?next=/admin%3Ftab%3Da%20b");
}

TEST_F(DispatcherTest, ApiThatNeedsSomeoneAnswers401WithAChallenge) {
  auto response = get("GET", "/api/v1/admin");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.header("WWW-Authenticate"), "Bearer realm=\"lodestar\"");
  EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
}

TEST_F(DispatcherTest, SignedInButNotAllowedIs403AndTheAuthenticatorsHeadersStay) {
  auto response = with_authenticator(
      [](Request& request, Response& preamble) {
        request.principal = std::make_shared<auth::Principal>();
        preamble.set_header("Set-Cookie", "refreshed=1");
      },
      "/admin");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.header("Set-Cookie"), "refreshed=1");
}

TEST_F(DispatcherTest, AuthenticatorRefusingTheRequestIs403) {
  auto response =
      with_authenticator([](Request&, Response&) { throw Forbidden("error.csrf"); }, "/ok");
  EXPECT_EQ(response.status, 403);
}

TEST_F(DispatcherTest, HandlerExceptionIs500WithTheRequestIdLoggedAndNoInternals) {
  std::vector<std::string> lines;
  log::capture_for_tests([&lines](const std::string& line) { lines.push_back(line); });
  auto page = get("GET", "/boom");
  auto api = get("GET", "/api/v1/boom");
  log::capture_for_tests({});

  EXPECT_EQ(page.status, 500);
  EXPECT_EQ(page.body.find("secret internals"), std::string::npos);
  EXPECT_NE(page.body.find(std::string(page.header("X-Request-Id"))), std::string::npos);

  EXPECT_EQ(api.status, 500);
  EXPECT_EQ(api.body.find("secret internals"), std::string::npos);
  auto problem = nlohmann::json::parse(api.body);
  EXPECT_EQ(problem["request_id"], std::string(api.header("X-Request-Id")));

  int logged_with_id = 0;
  for (const auto& line : lines) {
    auto entry = nlohmann::json::parse(line);
    if (entry["event"] == "handler_failed" &&
        entry["request_id"] == std::string(page.header("X-Request-Id"))) {
      ++logged_with_id;
    }
  }
  EXPECT_EQ(logged_with_id, 1);
}

TEST_F(DispatcherTest, InvalidInputIsA422ProblemNamingEachField) {
  auto response = get("POST", "/api/v1/plans");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
  auto problem = nlohmann::json::parse(response.body);
  ASSERT_EQ(problem["errors"].size(), 2u);
  EXPECT_EQ(problem["errors"][0]["field"], "title");
  EXPECT_EQ(problem["errors"][0]["code"], "plan.title_required");
  EXPECT_EQ(problem["errors"][1]["field"], "year");
  EXPECT_EQ(problem["errors"][1]["detail"], "2020-2040");
}

TEST_F(DispatcherTest, TypedFailuresMapToTheirStatus) {
  auto response = get("GET", "/api/v1/plans/7");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "no plan 7");
}

TEST_F(DispatcherTest, CompressesLargeTextWhenTheClientAcceptsGzip) {
  auto plain = get("GET", "/big");
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");
  auto packed = get("GET", "/big", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(packed.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(packed.body), std::string(5000, 'a'));
  auto small = get("GET", "/ok", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(small.header("Content-Encoding"), "");
}

TEST_F(DispatcherTest, CountsRequestsInMetricsByRoutePattern) {
  get("GET", "/api/v1/plans/7");
  get("GET", "/api/v1/plans/8");
  auto text = metrics_.render();
  EXPECT_NE(text.find("route=\"/api/v1/plans/{id}\",status=\"404\"} 2\n"), std::string::npos)
      << text;
  EXPECT_EQ(metrics_.in_flight(), 0);
}

TEST_F(DispatcherTest, LogsEachRequestAsOneJsonLineWithoutTheQuery) {
  std::vector<std::string> lines;
  log::capture_for_tests([&lines](const std::string& line) { lines.push_back(line); });
  Request request;
  request.method = "GET";
  request.path = "/ok";
  request.target = "/ok?token=hunter2";
  request.query = {{"token", "hunter2"}};
  auto response = dispatcher_.handle(request);
  log::capture_for_tests({});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].find("hunter2"), std::string::npos);
  auto entry = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(entry["event"], "request");
  EXPECT_EQ(entry["request_id"], std::string(response.header("X-Request-Id")));
  EXPECT_EQ(entry["method"], "GET");
  EXPECT_EQ(entry["route"], "/ok");
  EXPECT_EQ(entry["status"], 200);
  EXPECT_EQ(entry["bytes"], response.body.size());
  EXPECT_TRUE(entry["latency_ms"].is_number());
}

}  // namespace
}  // namespace lodestar::http
