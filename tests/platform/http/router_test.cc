#include "platform/http/router.h"

#include <gtest/gtest.h>

namespace lodestar::http {
namespace {

Route route(std::string method, std::string pattern, std::string name = "") {
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .handler = [name](Request&) { return Response::text(name); },
               .access = Access::anyone()};
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.add(route("GET", "/frameworks/{id}/items/{item}"));
  auto match = router.match("GET", "/frameworks/abc/items/1a");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("id"), "abc");
  EXPECT_EQ(match.params.at("item"), "1a");
  EXPECT_EQ(router.match("GET", "/frameworks/abc/items").route, nullptr);
  EXPECT_EQ(router.match("GET", "/frameworks/abc/items/1a/more").route, nullptr);
  EXPECT_EQ(router.match("GET", "/frameworks//items/1a").route, nullptr);
}

TEST(Router, LiteralSegmentWinsOverParameterWhateverTheOrder) {
  Router router;
  router.add(route("GET", "/plans/{id}", "param"));
  router.add(route("GET", "/plans/new", "literal"));
  Request request;
  auto match = router.match("GET", "/plans/new");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->handler(request).body, "literal");
  EXPECT_EQ(router.match("GET", "/plans/42").route->handler(request).body, "param");
}

TEST(Router, RestParameterTakesTheRemainingPath) {
  Router router;
  router.add(route("GET", "/static/{file...}"));
  auto match = router.match("GET", "/static/fonts/a.woff2");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("file"), "fonts/a.woff2");
  EXPECT_EQ(router.match("GET", "/static/").route, nullptr);
}

TEST(Router, OtherMethodsGiveTheAllowList) {
  Router router;
  router.add(route("GET", "/plans"));
  router.add(route("POST", "/plans"));
  auto match = router.match("DELETE", "/plans");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  EXPECT_TRUE(router.match("DELETE", "/nothing").allowed.empty());
}

TEST(Router, HeadIsAnsweredByGet) {
  Router router;
  router.add(route("GET", "/"));
  auto match = router.match("HEAD", "/");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, "GET");
}

TEST(Router, RefusesDuplicatesMalformedPatternsAndMissingAccess) {
  Router router;
  router.add(route("GET", "/a"));
  EXPECT_THROW(router.add(route("GET", "/a")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "no-slash")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "/a/{id")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "/a/{rest...}/b")), std::logic_error);
  Route open = route("GET", "/b");
  open.access = {};
  EXPECT_THROW(router.add(open), std::logic_error);
}

}  // namespace
}  // namespace lodestar::http
