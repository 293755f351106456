#include "platform/http/compression.h"

#include <gtest/gtest.h>

namespace lodestar::http {
namespace {

TEST(Compression, GzipRoundTrips) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "Visionary Planner " + std::to_string(i) + "\n";
  auto packed = gzip(text);
  EXPECT_LT(packed.size(), text.size() / 4);
  ASSERT_GE(packed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // gzip magic (RFC 1952)
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_EQ(gunzip(packed), text);
}

TEST(Compression, CorruptInputIsAnError) {
  EXPECT_THROW(gunzip("not gzip at all"), std::runtime_error);
  auto packed = gzip(std::string(5000, 'x'));
  EXPECT_THROW(gunzip(packed.substr(0, packed.size() / 2)), std::runtime_error);
}

TEST(Compression, ReadsAcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, gzip;q=0.8, br"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Compression, CompressesTextTypesOnly) {
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible("application/json"));
  EXPECT_TRUE(is_compressible("application/problem+json"));
  EXPECT_TRUE(is_compressible("image/svg+xml"));
  EXPECT_FALSE(is_compressible("image/png"));
  EXPECT_FALSE(is_compressible("application/zip"));
}

}  // namespace
}  // namespace lodestar::http
