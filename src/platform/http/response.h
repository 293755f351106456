// The response a handler returns: plain data. The dispatcher adds the headers every response
// carries (security, request id, compression); the server writes it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace lodestar::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body shared with a cache (a CASE package kept in memory): sent as it is, without a copy.
  // When set, `body` is empty.
  std::shared_ptr<const std::string> shared_body;

  // The bytes to send, whichever of the two holds them.
  std::string_view body_view() const { return shared_body ? *shared_body : body; }

  // Replaces the header `name` (case-insensitive) or adds it.
  void set_header(std::string_view name, std::string value);
  // Returns the header's value, or "" when absent.
  std::string_view header(std::string_view name) const;

  static Response html(std::string body, int status = 200);
  static Response text(std::string body,
                       std::string_view content_type = "text/plain; charset=utf-8",
                       int status = 200);
  static Response json(const nlohmann::json& body, int status = 200);
  static Response redirect(std::string location, int status = 303);
};

}  // namespace lodestar::http
