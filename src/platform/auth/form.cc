#include "platform/auth/form.h"

namespace lodestar::auth {

Form parse_form(std::string_view body) {
  Form form;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto name = http::percent_decode(pair.substr(0, eq), true);
    auto value = http::percent_decode(
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!name || !value) continue;
    form.emplace(std::move(*name), std::move(*value));
  }
  return form;
}

Form request_form(const http::Request& request) {
  std::string_view type = request.header("content-type");
  if (!type.starts_with("application/x-www-form-urlencoded")) return {};
  return parse_form(request.body);
}

std::vector<std::string> field_values(const http::Request& request, std::string_view name) {
  std::vector<std::string> values;
  if (!request.header("content-type").starts_with("application/x-www-form-urlencoded")) {
    return values;
  }
  std::string_view body = request.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    auto eq = pair.find('=');
    auto key = http::percent_decode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    auto value = http::percent_decode(
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (value && !value->empty()) values.push_back(std::move(*value));
  }
  return values;
}

std::string field(const Form& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::string cookie_value(const http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
      std::string_view found = pair.substr(eq + 1);
      while (!found.empty() && found.back() == ' ') found.remove_suffix(1);
      return std::string(found);
    }
  }
  return {};
}

}  // namespace lodestar::auth
