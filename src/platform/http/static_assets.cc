#include "platform/http/static_assets.h"

#include <stdexcept>

#include <fmt/format.h>

#include "platform/errors.h"
#include "platform/http/compression.h"
#include "platform/http/etag.h"
#include "platform/resources.h"

namespace lodestar::http {

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
    asset.etag = strong_etag(entry.bytes);
    asset.identity = std::make_shared<const std::string>(entry.bytes);
    if (is_compressible(asset.content_type) && entry.bytes.size() > 256) {
      auto packed = gzip(entry.bytes);
      if (packed.size() < entry.bytes.size()) {
        asset.gzipped = std::make_shared<const std::string>(std::move(packed));
      }
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
    if (asset->gzipped && accepts_gzip(request.header("accept-encoding"))) {
      response.set_header("Content-Encoding", "gzip");
      response.shared_body = asset->gzipped;
    } else {
      response.shared_body = asset->identity;
    }
    return response;
  };
  router.add(std::move(route));
}

}  // namespace lodestar::http
