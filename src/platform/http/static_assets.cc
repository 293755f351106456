#include "platform/http/static_assets.h"

#include <stdexcept>

#include <fmt/format.h>

#include "platform/errors.h"
#include "platform/http/compression.h"
#include "platform/resources.h"

namespace lodestar::http {
namespace {

// FNV-1a 64: a content fingerprint for ETags and cache-busting URLs, not a security hash.
std::uint64_t fingerprint(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
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

}  // namespace

std::string content_type_for(std::string_view file) {
  auto dot = file.rfind('.');
  auto ext = dot == std::string_view::npos ? std::string_view{} : file.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "application/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "json") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

StaticAssets::StaticAssets() {
  for (const auto& entry : resources::list("src/")) {
    auto marker = entry.path.find("/assets/");
    if (marker == std::string_view::npos) continue;
    std::string file(entry.path.substr(marker + 8));
    StaticAsset asset;
    asset.content_type = content_type_for(file);
    asset.bytes = entry.bytes;
    asset.etag = fmt::format("\"{:016x}\"", fingerprint(entry.bytes));
    if (is_compressible(asset.content_type) && entry.bytes.size() > 256) {
      auto packed = gzip(entry.bytes);
      if (packed.size() < entry.bytes.size()) asset.gzipped = std::move(packed);
    }
    if (!assets_.emplace(file, std::move(asset)).second) {
      throw std::logic_error("two capabilities ship an asset named " + file);
    }
  }
}

const StaticAssets& StaticAssets::builtin() {
  static const StaticAssets assets;
  return assets;
}

const StaticAsset* StaticAssets::find(std::string_view file) const {
  auto it = assets_.find(file);
  return it == assets_.end() ? nullptr : &it->second;
}

std::string StaticAssets::url(std::string_view file) const {
  const auto* asset = find(file);
  if (!asset) throw std::logic_error("no static asset named " + std::string(file));
  return fmt::format("/static/{}?v={}", file, asset->etag.substr(1, 8));
}

void StaticAssets::add_routes(Router& router) const {
  Route route;
  route.method = "GET";
  route.pattern = "/static/{file...}";
  route.access = Access::anyone();
  route.runs_inline = true;
  route.handler = [this](Request& request) {
    const auto* asset = find(request.param("file"));
    if (!asset) throw NotFound("error.not_found");
    Response response;
    response.set_header("ETag", asset->etag);
    response.set_header("Cache-Control", "public, max-age=31536000, immutable");
    response.set_header("Vary", "Accept-Encoding");
    if (etag_matches(request.header("if-none-match"), asset->etag)) {
      response.status = 304;
      return response;
    }
    response.set_header("Content-Type", asset->content_type);
    if (!asset->gzipped.empty() && accepts_gzip(request.header("accept-encoding"))) {
      response.set_header("Content-Encoding", "gzip");
      response.body = asset->gzipped;
    } else {
      response.body = std::string(asset->bytes);
    }
    return response;
  };
  router.add(std::move(route));
}

}  // namespace lodestar::http
