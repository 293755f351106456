#include "platform/http/request.h"

#include <gtest/gtest.h>

namespace lodestar::http {
namespace {

TEST(Request, ParsesPathAndQuery) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ASSERT_TRUE(parse_target("/search/caf%C3%A9?q=digital+citizenship&lang=es&flag", path, query));
  EXPECT_EQ(path, "/search/café");
  ASSERT_EQ(query.size(), 3u);
  EXPECT_EQ(query[0], (std::pair<std::string, std::string>{"q", "digital citizenship"}));
  EXPECT_EQ(query[1].second, "es");
  EXPECT_EQ(query[2], (std::pair<std::string, std::string>{"flag", ""}));
}

TEST(Request, RejectsMalformedTargets) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  EXPECT_FALSE(parse_target("http://example.com/", path, query));
  EXPECT_FALSE(parse_target("/a%2", path, query));
  EXPECT_FALSE(parse_target("/a%zz", path, query));
  EXPECT_FALSE(parse_target("/a%00b", path, query));
  EXPECT_FALSE(parse_target("/?q=%G1", path, query));
}

TEST(Request, HeadersAreCaseInsensitive) {
  Request request;
  request.headers = {{"accept-language", "es"}};
  EXPECT_EQ(request.header("Accept-Language"), "es");
  EXPECT_EQ(request.header("missing"), "");
}

TEST(Request, MissingPathParameterIsAProgrammingError) {
  Request request;
  EXPECT_THROW(request.param("id"), std::logic_error);
}

}  // namespace
}  // namespace lodestar::http
