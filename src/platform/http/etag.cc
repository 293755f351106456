#include "platform/http/etag.h"

#include <fmt/format.h>

namespace lodestar::http {

std::uint64_t fingerprint(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string strong_etag(std::string_view bytes) {
  return fmt::format("\"{:016x}\"", fingerprint(bytes));
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  // A comma-separated list of entity tags, possibly weak (W/"…"): weak comparison (RFC 9110
  // §13.1.2).
  std::size_t pos = 0;
  while (pos < if_none_match.size()) {
    auto comma = if_none_match.find(',', pos);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    auto tag = if_none_match.substr(pos, comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

Response conditional(const Request& request, Response response) {
  if (response.status != 200) return response;
  if (response.header("ETag").empty())
    response.set_header("ETag", strong_etag(response.body_view()));
  auto if_none_match = request.header("if-none-match");
  if (!if_none_match.empty() && etag_matches(if_none_match, response.header("ETag"))) {
    response.status = 304;
    response.body.clear();
    response.shared_body.reset();
  }
  return response;
}

}  // namespace lodestar::http
