#include "platform/http/multipart.h"
#include "platform/text.h"

#include <cctype>

namespace lodestar::http {
namespace {

using text::lower;

// The value of parameter `name` in a header such as `form-data; name="file"; filename="a.zip"`.
std::string parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    while (pos < header.size() && header[pos] == ' ') ++pos;
    auto eq = header.find('=', pos);
    if (eq == std::string_view::npos) return {};
    if (lower(header.substr(pos, eq - pos)) != name) continue;
    auto value = header.substr(eq + 1);
    if (!value.empty() && value.front() == '"') {
      auto close = value.find('"', 1);
      return std::string(
          value.substr(1, close == std::string_view::npos ? value.size() - 1 : close - 1));
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return {};
}

}  // namespace

std::optional<std::vector<FormPart>> multipart_parts(const Request& request) {
  auto content_type = request.header("content-type");
  if (!lower(content_type).starts_with("multipart/form-data")) return std::nullopt;
  auto boundary = parameter(content_type, "boundary");
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::string_view body = request.body;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    for (auto line_start = pos; line_start < headers_end;) {
      auto line_end = body.find("\r\n", line_start);
      if (line_end == std::string_view::npos || line_end > headers_end) line_end = headers_end;
      auto line = body.substr(line_start, line_end - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto name = lower(line.substr(0, colon));
        auto value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-disposition") {
          part.name = parameter(value, "name");
          part.filename = parameter(value, "filename");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      line_start = line_end + 2;
    }
    auto data_start = headers_end + 4;
    auto next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace lodestar::http
