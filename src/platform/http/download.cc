#include "platform/http/download.h"

namespace lodestar::http {
namespace {

// RFC 5987 attr-char: what may stand unencoded in filename*=UTF-8''….
bool is_attr_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string attachment_disposition(std::string_view filename) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (unsigned char c : filename) {
    const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    fallback.push_back(plain ? static_cast<char>(c) : '_');
    if (is_attr_char(c)) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

Response download(std::string body, std::string_view content_type, std::string_view filename) {
  auto response = Response::text(std::move(body), std::string(content_type));
  response.set_header("Content-Disposition", attachment_disposition(filename));
  return response;
}

}  // namespace lodestar::http
