// Static assets compiled into the binary (every file under src/*/assets/), served at
// /static/<file> with a strong ETag, If-None-Match → 304, a year-long immutable cache lifetime
// (URLs carry ?v=<etag> so a new build changes them), and a gzip copy made once at start-up.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http/router.h"

namespace lodestar::http {

struct StaticAsset {
  std::string content_type;
  std::string_view bytes;
  // The bytes and their gzip copy as shared bodies, sent without a copy per request; gzipped is
  // null when compression does not pay.
  std::shared_ptr<const std::string> identity;
  std::shared_ptr<const std::string> gzipped;
  std::string etag;  // quoted
};

class StaticAssets {
 public:
  // Loads every embedded asset.
  StaticAssets();

  // The asset's URL with its cache-busting version, e.g. "/static/app.css?v=1a2b3c4d".
  // Throws std::logic_error for an unknown asset (a template typo).
  std::string url(std::string_view file) const;

  const StaticAsset* find(std::string_view file) const;

  // Adds GET /static/{file...}.
  void add_routes(Router& router) const;

  // The assets loaded at start-up.
  static const StaticAssets& builtin();

 private:
  std::map<std::string, StaticAsset, std::less<>> assets_;
};

// The MIME type for a file name's extension ("application/octet-stream" when unknown).
std::string content_type_for(std::string_view file);

}  // namespace lodestar::http
