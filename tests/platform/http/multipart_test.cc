#include "platform/http/multipart.h"

#include <gtest/gtest.h>

namespace lodestar::http {
namespace {

Request multipart(std::string body, std::string boundary = "XyZ") {
  Request request;
  request.headers = {{"content-type", "multipart/form-data; boundary=" + boundary}};
  request.body = std::move(body);
  return request;
}

TEST(Multipart, ReadsFieldsAndFilesWithBinaryData) {
  std::string zip("PK\x03\x04\0\r\n--not-the-boundary\xff", 27);
  auto request = multipart(
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc123\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"district.zip\"\r\n"
      "Content-Type: application/zip\r\n\r\n" +
      zip + "\r\n--XyZ--\r\n");
  auto parts = multipart_parts(request);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(find_part(*parts, "csrf_token")->data, "abc123");
  const auto* file = find_part(*parts, "roster");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "district.zip");
  EXPECT_EQ(file->content_type, "application/zip");
  EXPECT_EQ(file->data, zip);
  EXPECT_EQ(find_part(*parts, "missing"), nullptr);
}

TEST(Multipart, QuotedBoundaryAndOtherContentTypes) {
  auto quoted = multipart("--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--",
                          "\"a b\"");
  ASSERT_TRUE(multipart_parts(quoted).has_value());
  EXPECT_EQ(find_part(*multipart_parts(quoted), "x")->data, "1");
  Request urlencoded;
  urlencoded.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  urlencoded.body = "x=1";
  EXPECT_FALSE(multipart_parts(urlencoded).has_value());
}

TEST(Multipart, MalformedBodiesAreRefused) {
  EXPECT_FALSE(multipart_parts(multipart("no delimiter at all")).has_value());
  EXPECT_FALSE(
      multipart_parts(
          multipart("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated"))
          .has_value());
  Request no_boundary;
  no_boundary.headers = {{"content-type", "multipart/form-data"}};
  EXPECT_FALSE(multipart_parts(no_boundary).has_value());
}

}  // namespace
}  // namespace lodestar::http
