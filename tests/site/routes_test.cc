#include "site/routes.h"
#include "platform/auth/policy.h"
#include "support/test_server.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "platform/http/metrics.h"
#include "platform/store/database.h"

namespace lodestar::site {
namespace {

// The site's routes on a router of their own, with a throwaway SQLite database behind the
// context (the home page does not use it, but the context needs one).
class SiteRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lodestar-site-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    db_ = store::Database::open("sqlite:" + (dir_ / "site.db").string(), 1);
    policy_ = std::make_unique<auth::Policy>(*db_);
    context_ = std::make_unique<AppContext>(
        AppContext{*db_, metrics_, *policy_, std::chrono::system_clock::now(), {}});
    add_routes(router_, *context_);
  }

  void TearDown() override {
    context_.reset();
    policy_.reset();
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  http::Response get(const std::string& path) {
    http::Match match = router_.match("GET", path);
    EXPECT_NE(match.route, nullptr) << path;
    http::Request request;
    request.method = "GET";
    request.target = path;
    request.path = path;
    request.request_id = "feedfacefeedface";
    request.params = match.params;
    return match.route ? match.route->handler(request) : http::Response{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  http::Metrics metrics_;
  std::unique_ptr<auth::Policy> policy_;
  std::unique_ptr<AppContext> context_;
  http::Router router_;
};

TEST_F(SiteRoutes, HomeIsAPublicPage) {
  http::Match match = router_.match("GET", "/");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->access.permission, http::Access::anyone().permission);
  EXPECT_EQ(match.route->kind, http::RouteKind::kPage);
}

TEST_F(SiteRoutes, HomeAnswersHtmlWithSkipLinkAndMain) {
  http::Response response = get("/");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.header("Content-Type").starts_with("text/html"))
      << response.header("Content-Type");
  const std::string& html = response.body;
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"#main\""), std::string::npos);
  EXPECT_NE(html.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(html.find("<h1"), std::string::npos);
  EXPECT_NE(html.find("class=\"cards\""), std::string::npos);
}

// Links are checked against the whole application: the layout links to other capabilities'
// pages (sign-in), which this fixture's site-only router does not serve.
TEST_F(SiteRoutes, HomeLinksOnlyToPagesThatExist) {
  std::string html = get("/").body;
  testing::TestApp app;
  for (auto at = html.find("href=\"/"); at != std::string::npos;
       at = html.find("href=\"/", at + 1)) {
    std::string href = html.substr(at + 6, html.find('"', at + 6) - at - 6);
    if (href.starts_with("/static/")) continue;  // served by StaticAssets
    std::string path = href.substr(0, href.find('?'));
    EXPECT_NE(app.app().router().match("GET", path).route, nullptr) << href;
  }
}

}  // namespace
}  // namespace lodestar::site
