// multipart/form-data (RFC 7578): what a browser sends for a form with a file input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.h"

namespace lodestar::http {

struct FormPart {
  std::string name;
  std::string filename;  // empty for a plain field
  std::string content_type;
  std::string data;
};

// The parts of `request`'s body when it is multipart/form-data; nothing when it is not, or when
// the body is malformed (no boundary, no closing delimiter).
std::optional<std::vector<FormPart>> multipart_parts(const Request& request);

// The first part named `name`, or null.
const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace lodestar::http
