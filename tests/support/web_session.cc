#include "support/web_session.h"

#include <gtest/gtest.h>

#include "platform/http/dispatcher.h"

namespace lodestar::testing {

std::string form_encode(const Fields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += http::url_encode(name) + "=" + http::url_encode(value);
  }
  return body;
}

std::string between(const std::string& html, const std::string& before, const std::string& after,
                    std::size_t from) {
  auto at = html.find(before, from);
  if (at == std::string::npos) return {};
  at += before.size();
  auto end = html.find(after, at);
  return end == std::string::npos ? std::string() : html.substr(at, end - at);
}

std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

HttpResponse WebSession::get(const std::string& path) const {
  if (cookie.empty()) return fetch(port, "GET", path);
  return fetch(port, "GET", path, {{"Cookie", cookie}});
}

HttpResponse WebSession::post(const std::string& path, Fields fields) const {
  fields.emplace_back("csrf_token", csrf);
  return fetch(port, "POST", path,
               {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
               form_encode(fields));
}

WebSession sign_in(std::uint16_t port, const std::string& email, const std::string& password) {
  auto form = anonymous_form(port, "/sign-in");
  auto response = form.post("/sign-in", {{"email", email}, {"password", password}, {"next", "/"}});
  EXPECT_EQ(response.status, 303) << "signing in as " << email;
  WebSession session{port, cookie_pair(response.header("set-cookie")), {}};
  session.csrf = between(session.get("/account").body, "name=\"csrf_token\" value=\"", "\"");
  EXPECT_FALSE(session.csrf.empty()) << "no CSRF token for " << email;
  return session;
}

WebSession anonymous_form(std::uint16_t port, const std::string& path) {
  auto page = fetch(port, "GET", path);
  return {port, cookie_pair(page.header("set-cookie")),
          between(page.body, "name=\"csrf_token\" value=\"", "\"")};
}

}  // namespace lodestar::testing
