// The response a handler returns: plain data. The dispatcher adds the headers every response
// carries (security, request id, compression); the server writes it.
#pragma once

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
