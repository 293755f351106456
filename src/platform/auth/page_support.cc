#include "platform/auth/page_support.h"

#include "platform/auth/authenticator.h"
#include "platform/auth/csrf.h"
#include "platform/auth/form.h"
#include "platform/auth/secrets.h"
#include "platform/web/view.h"

namespace lodestar::auth {

http::Response form_page(const http::Request& request, AuthService& service, std::string_view name,
                         std::string_view title_key, nlohmann::json view, int status) {
  std::string set_cookie;
  if (request.principal && !request.principal->csrf_token.empty()) {
    view["csrf_token"] = request.principal->csrf_token;
  } else {
    std::string nonce = cookie_value(request, kCsrfCookie);
    if (!is_csrf_nonce(nonce)) {
      nonce = random_hex(16);
      set_cookie = csrf_cookie(nonce, request, service.options());
    }
    view["csrf_token"] = signed_csrf_token(service.csrf_key(), nonce);
  }
  auto response = web::render_page(request, name, title_key, std::move(view), status);
  if (!set_cookie.empty()) response.headers.emplace_back("Set-Cookie", std::move(set_cookie));
  return response;
}

void add_errors(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auto errors = nlohmann::json::array();
  for (const auto& problem : problems) {
    errors.push_back({{"field", problem.field}, {"key", problem.message_key}});
    std::string slot = problem.field + "_error";
    if (!view.contains(slot)) view[slot] = problem.message_key;
  }
  view["has_errors"] = !problems.empty();
  view["errors"] = std::move(errors);
}

std::string safe_next(std::string_view next) {
  bool local = next.size() >= 1 && next.front() == '/' &&
               (next.size() == 1 || (next[1] != '/' && next[1] != '\\')) &&
               next.find_first_of("\r\n") == std::string_view::npos;
  return local ? std::string(next) : std::string("/account");
}

const Principal& signed_in(const http::Request& request) {
  if (!request.principal) throw Forbidden("error.403.title");
  return *request.principal;
}

}  // namespace lodestar::auth
